//! Step 5 of the pipeline: resolve calls and summarize functions, bottom-up over the call graph.
//!
//! A function's summary says which locks it may take (transitively), which guards its return
//! value carries to the caller, and which lock pairs it nests whose class only the caller knows
//! (`fn f(a: &Mutex<_>, b: &Mutex<_>)`). Summaries are expressed relative to the function's
//! inputs; at each call site they are re-expressed in the caller's terms (`substitute`).
//! Recursive functions (strongly connected components of the call graph) are iterated to a
//! fixpoint. Every "lock taken while another is held" found along the way is an [`Interaction`],
//! the raw material of the lock graph.

use std::collections::HashSet;
use std::rc::Rc;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::events::{Call, GuardSrc, Unit};
use crate::index::FnId;
use crate::locks::class::{ClassRef, LockRef, Place, Root};
use crate::source::Loc;

/// Summaries of very large call trees are cut here; the entries kept are the nearest ones.
const MAX_ENTRIES: usize = 256;

/// How an acquisition is reached from the function that owns an [`Entry`]: a call site per
/// function entered, then the acquisition itself.
#[derive(Debug)]
pub struct Chain {
    pub loc: Loc,
    /// The function this call enters; `None` on the last link, the acquisition.
    pub enters: Option<FnId>,
    pub next: Option<Rc<Chain>>,
}

impl Chain {
    pub fn links(self: &Rc<Chain>) -> Vec<&Chain> {
        let mut out = vec![&**self];
        let mut cur = self;
        while let Some(n) = &cur.next {
            out.push(n);
            cur = n;
        }
        out
    }

    /// Where the lock is finally taken.
    pub fn acquired_at(self: &Rc<Chain>) -> Loc {
        self.links().last().map_or(self.loc, |l| l.loc)
    }
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub lock: LockRef,
    pub chain: Rc<Chain>,
}

/// A lock taken (`taken`) while another is held (`held`), at `at` in unit `unit`.
#[derive(Clone, Debug)]
pub struct Interaction {
    pub unit: usize,
    pub held: Entry,
    pub taken: Entry,
    pub at: Loc,
}

#[derive(Default, Clone)]
pub struct Summary {
    pub acquires: Vec<Entry>,
    pub returns: Vec<Entry>,
    /// Nestings whose class depends on the caller's arguments.
    pub pending: Vec<(Entry, Entry)>,
}

impl Summary {
    fn size(&self) -> (usize, usize, usize) {
        (self.acquires.len(), self.returns.len(), self.pending.len())
    }
}

pub struct Summaries {
    pub by_fn: Vec<Summary>,
    pub interactions: Vec<Interaction>,
}

pub fn summarize(units: &[Unit], fn_count: usize) -> Summaries {
    let mut unit_of = vec![None; fn_count];
    for (i, u) in units.iter().enumerate() {
        if let Some(f) = u.func {
            unit_of[f.0 as usize] = Some(i);
        }
    }
    let mut graph: DiGraph<FnId, ()> = DiGraph::with_capacity(fn_count, 0);
    let nodes: Vec<NodeIndex> = (0..fn_count)
        .map(|i| graph.add_node(FnId(i as u32)))
        .collect();
    for u in units {
        if let Some(f) = u.func {
            for c in &u.calls {
                graph.update_edge(nodes[f.0 as usize], nodes[c.callee.0 as usize], ());
            }
        }
    }
    let mut out = Summaries {
        by_fn: vec![Summary::default(); fn_count],
        interactions: Vec::new(),
    };
    // tarjan_scc yields components callees-first.
    for scc in tarjan_scc(&graph) {
        let members: Vec<usize> = scc
            .iter()
            .filter_map(|n| unit_of[graph[*n].0 as usize])
            .collect();
        let recursive = scc.len() > 1 || scc.iter().any(|&n| graph.contains_edge(n, n));
        if recursive {
            loop {
                let mut changed = false;
                for &u in &members {
                    let (summary, _) = analyze(u, &units[u], &out.by_fn);
                    let f = units[u].func.map_or(0, |f| f.0 as usize);
                    changed |= summary.size() != out.by_fn[f].size();
                    out.by_fn[f] = summary;
                }
                if !changed {
                    break;
                }
            }
        }
        for &u in &members {
            let (summary, found) = analyze(u, &units[u], &out.by_fn);
            if let Some(f) = units[u].func {
                out.by_fn[f.0 as usize] = summary;
            }
            out.interactions.extend(found);
        }
    }
    // Spawned closures: nobody calls them, everything they call is summarized by now.
    for (u, unit) in units.iter().enumerate().filter(|(_, u)| u.func.is_none()) {
        out.interactions.extend(analyze(u, unit, &out.by_fn).1);
    }
    out
}

/// Re-expresses a callee's entry at a call site: the callee's inputs become the caller's
/// arguments; what the callee created itself is an instance the caller cannot name.
fn substitute(e: &Entry, call: &Call) -> Option<Entry> {
    let mut lock = e.lock.clone();
    match e.lock.place.root {
        Root::Param(i) => {
            let arg = call.args.get(i as usize);
            let arg_place = arg.and_then(|a| a.place.clone());
            let arg_class = arg.and_then(|a| a.class);
            lock.place = match arg_place {
                Some(p) => Place {
                    root: p.root,
                    proj: p.proj.iter().chain(&e.lock.place.proj).cloned().collect(),
                },
                None => Place::unknown(),
            };
            lock.class = match (e.lock.class, arg_class) {
                // The callee locks its parameter itself: the class is the argument's.
                (ClassRef::FromRoot, Some(c)) => c,
                (ClassRef::FromRoot, None) => return None,
                // The argument is itself a lock (a lock-wrapping type) and the callee locks
                // inside it: the lock is named by where the caller keeps the wrapper.
                (_, Some(c)) if !e.lock.place.through_guard() => c,
                (c, _) => c,
            };
        }
        Root::Local(_) | Root::Unknown => lock.place = Place::unknown(),
        Root::Static(_) => {}
    }
    Some(Entry {
        lock,
        chain: Rc::new(Chain {
            loc: call.loc,
            enters: Some(call.callee),
            next: Some(e.chain.clone()),
        }),
    })
}

fn push_unique(list: &mut Vec<Entry>, seen: &mut HashSet<LockRef>, e: Entry) {
    if list.len() < MAX_ENTRIES && seen.insert(e.lock.clone()) {
        list.push(e);
    }
}

/// One pass over a unit with its callees' current summaries.
fn analyze(unit_idx: usize, unit: &Unit, summaries: &[Summary]) -> (Summary, Vec<Interaction>) {
    let direct: Vec<Entry> = unit
        .acquisitions
        .iter()
        .map(|a| Entry {
            lock: a.lock.clone(),
            chain: Rc::new(Chain {
                loc: a.loc,
                enters: None,
                next: None,
            }),
        })
        .collect();
    let per_call: Vec<Summary> = unit
        .calls
        .iter()
        .map(|c| {
            let s = &summaries[c.callee.0 as usize];
            let sub = |list: &[Entry]| list.iter().filter_map(|e| substitute(e, c)).collect();
            Summary {
                acquires: sub(&s.acquires),
                returns: sub(&s.returns),
                pending: s
                    .pending
                    .iter()
                    .filter_map(|(h, t)| Some((substitute(h, c)?, substitute(t, c)?)))
                    .collect(),
            }
        })
        .collect();
    let expand = |src: &GuardSrc| -> Vec<Entry> {
        match *src {
            GuardSrc::Acquired(i) => direct.get(i as usize).cloned().into_iter().collect(),
            GuardSrc::Returned(k) => per_call
                .get(k as usize)
                .map(|s| s.returns.clone())
                .unwrap_or_default(),
        }
    };

    let mut summary = Summary::default();
    let mut seen = HashSet::new();
    for e in &direct {
        push_unique(&mut summary.acquires, &mut seen, e.clone());
    }
    for s in &per_call {
        for e in &s.acquires {
            push_unique(&mut summary.acquires, &mut seen, e.clone());
        }
    }
    let mut seen_ret = HashSet::new();
    for src in &unit.returns {
        for e in expand(src) {
            push_unique(&mut summary.returns, &mut seen_ret, e);
        }
    }

    let mut found = Vec::new();
    let mut pair = |held: Entry, taken: Entry, at: Loc, summary: &mut Summary| {
        let known = |e: &Entry| matches!(e.lock.class, ClassRef::Known(_));
        if (known(&held) && known(&taken)) || held.lock.place.same_instance(&taken.lock.place) {
            found.push(Interaction {
                unit: unit_idx,
                held,
                taken,
                at,
            });
        } else if unit.func.is_some() && summary.pending.len() < MAX_ENTRIES {
            summary.pending.push((held, taken));
        }
    };
    for (i, a) in unit.acquisitions.iter().enumerate() {
        for h in a.held.iter().flat_map(&expand) {
            pair(h, direct[i].clone(), a.loc, &mut summary);
        }
    }
    for (k, c) in unit.calls.iter().enumerate() {
        let held: Vec<Entry> = c.held.iter().flat_map(&expand).collect();
        for h in &held {
            for t in &per_call[k].acquires {
                pair(h.clone(), t.clone(), c.loc, &mut summary);
            }
        }
        for (h, t) in &per_call[k].pending {
            pair(h.clone(), t.clone(), c.loc, &mut summary);
        }
    }
    (summary, found)
}
