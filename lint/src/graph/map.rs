//! The lock graph as a reader sees it: locks by name, grouped by the type or module they live
//! in; "taken while holding" edges with a function that takes them and how many do; declared
//! orders; and which edges lie on a cycle. The picture of the lock order (`report/dot.rs`,
//! `report/mermaid.rs`) and the proposed hierarchy (`suggest.rs`) read it.

use std::collections::{BTreeMap, HashMap};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

use super::LockGraph;
use crate::check::Cx;
use crate::locks::class::{ClassId, ClassOwner};
use crate::source::Loc;

#[derive(Clone, Debug, Default)]
pub struct LockMap {
    pub locks: Vec<MapLock>,
    pub edges: Vec<MapEdge>,
}

#[derive(Clone, Debug)]
pub struct MapLock {
    pub name: String,
    /// The type of a field's lock, the module of a static (`crate` at the root), the function
    /// of a local lock.
    pub group: String,
    /// The field or static, when it is one (`#[lock_order]` can name it).
    pub owner: Option<ClassOwner>,
    pub decl: Loc,
}

#[derive(Clone, Debug)]
pub struct MapEdge {
    /// Indices into `LockMap::locks`.
    pub from: usize,
    pub to: usize,
    /// Code that waits for `to` while holding `from`.
    pub taken: Option<Taken>,
    /// Where `#[lock_order]` puts `from` before `to`.
    pub declared: Option<Loc>,
    /// On a cycle of the graph (code and declared edges alike): a possible deadlock.
    pub cyclic: bool,
}

#[derive(Clone, Debug)]
pub struct Taken {
    /// One function that does it (the first witness), and where it waits.
    pub function: String,
    pub at: Loc,
    /// How many functions do it.
    pub functions: usize,
}

impl LockMap {
    pub fn build(cx: &Cx, graph: &LockGraph) -> LockMap {
        let owners = cx.classes.owners();
        let mut map = LockMap::default();
        let mut node: HashMap<ClassId, usize> = HashMap::new();
        let mut ix = |map: &mut LockMap, c: ClassId| {
            *node.entry(c).or_insert_with(|| {
                let class = &cx.classes.list[c.0 as usize];
                let owner = owners.get(&c).copied();
                let group = match (owner, class.name.rsplit_once("::")) {
                    (Some(ClassOwner::Static(s)), _) => {
                        let m = cx.index.module(cx.index.static_(s).module);
                        match m.path.is_empty() {
                            true => "crate".to_string(),
                            false => cx.index.names.join(&m.path),
                        }
                    }
                    (_, Some((prefix, _))) => prefix.to_string(),
                    (_, None) => "crate".to_string(),
                };
                map.locks.push(MapLock {
                    name: class.name.clone(),
                    group,
                    owner,
                    decl: class.decl,
                });
                map.locks.len() - 1
            })
        };
        let mut edges: BTreeMap<(usize, usize), MapEdge> = BTreeMap::new();
        for (&(a, b), it) in &graph.edges {
            let (from, to) = (ix(&mut map, a), ix(&mut map, b));
            let taken = Taken {
                function: cx.unit_name(it.unit),
                at: it.taken.chain.acquired_at(),
                functions: graph.takers.get(&(a, b)).copied().unwrap_or(1),
            };
            let nested = a == b && cx.hierarchy.nested.contains_key(&a);
            if nested {
                continue;
            }
            edges.insert((from, to), edge(from, to, Some(taken)));
        }
        for (&(a, b), &at) in &graph.declared {
            let (from, to) = (ix(&mut map, a), ix(&mut map, b));
            edges
                .entry((from, to))
                .or_insert_with(|| edge(from, to, None))
                .declared = Some(at);
        }
        map.edges = edges.into_values().collect();
        map.mark_cycles();
        map
    }

    fn mark_cycles(&mut self) {
        let mut g = DiGraph::<(), ()>::new();
        let nodes: Vec<_> = self.locks.iter().map(|_| g.add_node(())).collect();
        for e in &self.edges {
            g.add_edge(nodes[e.from], nodes[e.to], ());
        }
        let mut component = vec![usize::MAX; self.locks.len()];
        for (i, scc) in tarjan_scc(&g).into_iter().enumerate() {
            if scc.len() > 1 {
                for n in scc {
                    component[n.index()] = i;
                }
            }
        }
        // In a strongly connected component every edge lies on a cycle.
        for e in &mut self.edges {
            e.cyclic = e.from == e.to
                || (component[e.from] != usize::MAX && component[e.from] == component[e.to]);
        }
    }

    /// Only the edges on cycles, and their locks.
    pub fn cycles_only(&self) -> LockMap {
        self.keep(|e| e.cyclic)
    }

    /// The locks at most `depth` edges (either way) from a lock called `name` (its whole name
    /// or a `::` suffix of it), with the edges between them.
    pub fn around(&self, name: &str, depth: usize) -> Result<LockMap, String> {
        let matches = |l: &MapLock| l.name == name || l.name.ends_with(&format!("::{name}"));
        let mut near: Vec<Option<usize>> =
            self.locks.iter().map(|l| matches(l).then_some(0)).collect();
        if near.iter().all(Option::is_none) {
            let mut known: Vec<&str> = self.locks.iter().map(|l| l.name.as_str()).collect();
            known.sort_unstable();
            return Err(format!(
                "no lock of the graph is called `{name}`; its locks are: {}",
                known.join(", ")
            ));
        }
        for d in 1..=depth {
            for e in &self.edges {
                for (a, b) in [(e.from, e.to), (e.to, e.from)] {
                    if near[a] == Some(d - 1) && near[b].is_none() {
                        near[b] = Some(d);
                    }
                }
            }
        }
        Ok(self.keep(|e| near[e.from].is_some() && near[e.to].is_some()))
    }

    /// One node per group (a type, a module): the edges between groups, counted together.
    pub fn collapsed(&self) -> LockMap {
        let mut out = LockMap::default();
        let mut group_ix: HashMap<&str, usize> = HashMap::new();
        let of: Vec<usize> = self
            .locks
            .iter()
            .map(|l| {
                *group_ix.entry(&l.group).or_insert_with(|| {
                    out.locks.push(MapLock {
                        name: l.group.clone(),
                        group: l.group.clone(),
                        owner: None,
                        decl: l.decl,
                    });
                    out.locks.len() - 1
                })
            })
            .collect();
        let mut edges: BTreeMap<(usize, usize), MapEdge> = BTreeMap::new();
        for e in &self.edges {
            let (from, to) = (of[e.from], of[e.to]);
            let slot = edges
                .entry((from, to))
                .or_insert_with(|| edge(from, to, None));
            slot.cyclic |= e.cyclic;
            slot.declared = slot.declared.or(e.declared);
            if let Some(t) = &e.taken {
                match &mut slot.taken {
                    Some(s) => s.functions += t.functions,
                    None => slot.taken = Some(t.clone()),
                }
            }
        }
        out.edges = edges.into_values().collect();
        out
    }

    /// The edges `keep` accepts and the locks they touch, renumbered.
    fn keep(&self, keep: impl Fn(&MapEdge) -> bool) -> LockMap {
        let edges: Vec<&MapEdge> = self.edges.iter().filter(|e| keep(e)).collect();
        let mut new_ix = vec![None; self.locks.len()];
        let mut out = LockMap::default();
        for e in &edges {
            for i in [e.from, e.to] {
                if new_ix[i].is_none() {
                    out.locks.push(self.locks[i].clone());
                    new_ix[i] = Some(out.locks.len() - 1);
                }
            }
        }
        out.edges = edges
            .into_iter()
            .filter_map(|e| {
                Some(MapEdge {
                    from: new_ix[e.from]?,
                    to: new_ix[e.to]?,
                    ..e.clone()
                })
            })
            .collect();
        out
    }

    /// The groups in order of first appearance, each with its locks; `None` for a lock that is
    /// its group already (a collapsed graph's nodes), drawn without a cluster around it.
    pub fn groups(&self) -> Vec<(Option<&str>, Vec<usize>)> {
        let mut out: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        for (i, l) in self.locks.iter().enumerate() {
            if l.name == l.group {
                out.push((None, vec![i]));
                continue;
            }
            match out.iter_mut().find(|(g, _)| *g == Some(l.group.as_str())) {
                Some((_, members)) => members.push(i),
                None => out.push((Some(&l.group), vec![i])),
            }
        }
        out
    }
}

fn edge(from: usize, to: usize, taken: Option<Taken>) -> MapEdge {
    MapEdge {
        from,
        to,
        taken,
        declared: None,
        cyclic: false,
    }
}
