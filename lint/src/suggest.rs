//! `cargo lockorder suggest`: the lock hierarchy the code already follows, as `#[lock_order]`
//! declarations to paste (or to write, `--apply`). From the lock graph: the acquisition orders
//! seen, minus a small set of edges that close cycles (petgraph's greedy feedback arc set),
//! form an order; each struct's locks that nest get a list on the struct, the rest of the order
//! becomes `before(..)` on the lock taken first. The edges left out are listed as the cycles to
//! fix first: once declared, `hierarchy-violation` reports them, and every new inversion.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use petgraph::algo::feedback_arc_set::greedy_feedback_arc_set;
use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;

use crate::graph::map::LockMap;
use crate::index::{DeclOwner, Index, ModId, TypeId};
use crate::locks::class::ClassOwner;
use crate::source::{FileId, Loc, SourceDb};

/// How many code edges a declared order outweighs when cycles are broken.
const DECLARED_WEIGHT: usize = 4;

/// The attribute as written: by its full path, so that no `use` is needed.
const ATTRIBUTE: &str = "lockorder::lock_order";

#[derive(Debug, Default)]
pub struct Suggestion {
    /// Attributes to add, each before a line of the source.
    pub edits: Vec<Edit>,
    /// Acquisitions against the proposed order: each closes a cycle.
    pub breaking: Vec<Breaking>,
    /// What the proposal leaves out, and what the crate needs for it.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub file: FileId,
    /// 1-based: the attribute goes on a new line before this one.
    pub line: u32,
    /// The whole new line, indented like the line it precedes.
    pub text: String,
    /// What it declares, for the listing: "struct `Bank`", "field `Bank::ledger`".
    pub what: String,
}

#[derive(Debug)]
pub struct Breaking {
    pub held: String,
    pub taken: String,
    pub function: String,
    pub at: Loc,
}

/// A lock that an attribute can name, with where its declaration goes.
struct Declarable {
    owner: ClassOwner,
    /// The struct of a field.
    ty: Option<TypeId>,
    module: ModId,
    krate: usize,
    /// The name as a path from the crate root (`crate::bank::Bank::ledger`), and in its own
    /// module (`Bank::ledger`).
    path: String,
    local: String,
    /// Where it is declared: fields in their struct's order, statics by place.
    rank: (Loc, usize),
}

pub fn suggest(map: &LockMap, index: &Index, db: &SourceDb) -> Suggestion {
    let mut out = Suggestion::default();
    let locks: Vec<Option<Declarable>> = map
        .locks
        .iter()
        .map(|l| declarable(index, l.owner?, l.decl))
        .collect();
    // The order seen in code between locks an attribute can name, in one crate.
    let mut g = DiGraph::<usize, usize>::new();
    let nodes: Vec<_> = (0..map.locks.len()).map(|i| g.add_node(i)).collect();
    let mut skipped = BTreeSet::new();
    // Declared orders stand: an edge against them is already a violation, and a cycle through
    // one is broken at a code edge. Each weighs as much as several code edges, so that the
    // greedy choice of edges to leave out passes them by.
    let declared: Vec<(usize, usize)> = map
        .edges
        .iter()
        .filter(|e| e.declared.is_some())
        .map(|e| (e.from, e.to))
        .collect();
    for &(a, b) in &declared {
        for _ in 0..DECLARED_WEIGHT {
            g.add_edge(nodes[a], nodes[b], usize::MAX);
        }
    }
    for (k, e) in map.edges.iter().enumerate() {
        // Declared already, directly or through other declarations.
        if e.taken.is_none() || reaches(&declared, e.from, e.to) {
            continue;
        }
        if e.from == e.to || reaches(&declared, e.to, e.from) {
            out.breaking.push(breaking(map, k));
            continue;
        }
        match (&locks[e.from], &locks[e.to]) {
            (Some(a), Some(b)) if a.krate == b.krate => {
                g.add_edge(nodes[e.from], nodes[e.to], k);
            }
            _ => {
                let unnamed = [e.from, e.to].into_iter().filter(|&i| locks[i].is_none());
                skipped.extend(unnamed.map(|i| map.locks[i].name.clone()));
            }
        }
    }
    // By the map's edge, which each graph edge carries: removing edges renumbers them.
    let against: BTreeSet<usize> = greedy_feedback_arc_set(&g)
        .map(|e| *e.weight())
        .filter(|&k| k != usize::MAX)
        .collect();
    out.breaking
        .extend(against.iter().map(|&k| breaking(map, k)));
    g.retain_edges(|g, e| !against.contains(&g[e]));
    let order = topological_order(&g, &locks);
    let position: HashMap<usize, usize> = order.iter().enumerate().map(|(p, &i)| (i, p)).collect();
    let edges: Vec<(usize, usize, usize)> = g
        .edge_references()
        .filter(|e| *e.weight() != usize::MAX)
        .map(|e| (g[e.source()], g[e.target()], *e.weight()))
        .collect();
    declare(&mut out, map, index, db, &locks, &position, &edges);
    if !skipped.is_empty() {
        out.notes.push(format!(
            "not declared: {} (a function's local lock, or one in another crate, which no attribute of this crate can name)",
            skipped.into_iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
        ));
    }
    let crates: BTreeSet<usize> = locks.iter().flatten().map(|d| d.krate).collect();
    for k in crates {
        let krate = &index.crates[k];
        let has = krate
            .extern_prelude
            .as_ref()
            .map_or(true, |p| p.contains("lockorder"));
        if !has && out.edits.iter().any(|e| in_crate(index, e.file, k)) {
            out.notes.push(format!(
                "crate `{}` does not depend on `lockorder`: add it to [dependencies] for the attribute",
                krate.name
            ));
        }
    }
    out.edits.sort();
    out.edits.dedup();
    out.breaking.sort_by_key(|b| b.at);
    out
}

fn in_crate(index: &Index, file: FileId, krate: usize) -> bool {
    index
        .modules
        .iter()
        .any(|m| m.file == file && m.krate == krate)
}

fn declarable(index: &Index, owner: ClassOwner, decl: Loc) -> Option<Declarable> {
    match owner {
        ClassOwner::Field(t, f) => {
            let def = index.ty(t);
            let field = index.name(f);
            let position = def.fields.iter().position(|&(n, _)| n == f)?;
            Some(Declarable {
                owner,
                ty: Some(t),
                module: def.module,
                krate: index.module(def.module).krate,
                path: format!(
                    "{}::{field}",
                    crate_path(index, def.module, index.name(def.name))
                ),
                local: format!("{}::{field}", index.name(def.name)),
                rank: (decl, position),
            })
        }
        ClassOwner::Static(s) => {
            let def = index.static_(s);
            // A `lazy_static!` static lives inside a macro call: no attribute reaches it.
            if def.cell.is_some() && !matches!(def.ty, crate::index::Ty::Lock(_)) {
                return None;
            }
            Some(Declarable {
                owner,
                ty: None,
                module: def.module,
                krate: index.module(def.module).krate,
                path: crate_path(index, def.module, index.name(def.name)),
                local: index.name(def.name).to_string(),
                rank: (decl, 0),
            })
        }
    }
}

fn crate_path(index: &Index, m: ModId, name: &str) -> String {
    let path = &index.module(m).path;
    match path.is_empty() {
        true => format!("crate::{name}"),
        false => format!("crate::{}::{name}", index.names.join(path)),
    }
}

/// Kahn's algorithm, taking among the ready locks the one declared first: the order reads like
/// the source.
fn topological_order(g: &DiGraph<usize, usize>, locks: &[Option<Declarable>]) -> Vec<usize> {
    let mut indegree: Vec<usize> = g
        .node_indices()
        .map(|n| g.neighbors_directed(n, petgraph::Incoming).count())
        .collect();
    let key = |i: usize| locks[i].as_ref().map(|d| d.rank);
    let mut ready: BTreeSet<(Option<(Loc, usize)>, usize)> = g
        .node_indices()
        .filter(|n| indegree[n.index()] == 0)
        .map(|n| (key(g[n]), g[n]))
        .collect();
    let mut out = Vec::new();
    while let Some(first) = ready.pop_first() {
        let (_, i) = first;
        out.push(i);
        for n in g.neighbors_directed(petgraph::graph::NodeIndex::new(i), petgraph::Outgoing) {
            indegree[n.index()] -= 1;
            if indegree[n.index()] == 0 {
                ready.insert((key(g[n]), g[n]));
            }
        }
    }
    out
}

fn breaking(map: &LockMap, k: usize) -> Breaking {
    let e = &map.edges[k];
    let t = e.taken.as_ref();
    Breaking {
        held: map.locks[e.from].name.clone(),
        taken: map.locks[e.to].name.clone(),
        function: t.map(|t| t.function.clone()).unwrap_or_default(),
        at: t.map_or(map.locks[e.to].decl, |t| t.at),
    }
}

/// The attributes for the order `edges` (already acyclic) puts the locks in.
fn declare(
    out: &mut Suggestion,
    map: &LockMap,
    index: &Index,
    db: &SourceDb,
    locks: &[Option<Declarable>],
    position: &HashMap<usize, usize>,
    edges: &[(usize, usize, usize)],
) {
    let declared_structs: BTreeSet<TypeId> = index
        .declarations
        .iter()
        .filter_map(|d| match d.owner {
            DeclOwner::Struct(t) => Some(t),
            _ => None,
        })
        .collect();
    let lock = |i: usize| locks[i].as_ref();
    // Per struct, the fields that nest in each other: one list on the struct, in order.
    let mut lists: BTreeMap<TypeId, BTreeSet<(usize, usize)>> = BTreeMap::new();
    // Per lock taken first, what comes after it, by path.
    let mut befores: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for &(a, b, k) in edges {
        if map.edges[k].declared.is_some() || redundant(edges, a, b) {
            continue;
        }
        let (Some(da), Some(db_)) = (lock(a), lock(b)) else {
            continue;
        };
        match (da.ty, db_.ty) {
            (Some(ta), Some(tb)) if ta == tb && !declared_structs.contains(&ta) => {
                let list = lists.entry(ta).or_default();
                // Every lock of an acyclic graph has a place in its order.
                let place = |i| position.get(&i).copied().unwrap_or(usize::MAX);
                list.insert((place(a), a));
                list.insert((place(b), b));
            }
            _ => {
                // Resolved like code in the declaring module.
                let name = match () {
                    _ if da.ty.is_some() && da.ty == db_.ty => field_name(db_),
                    _ if da.module == db_.module => db_.local.clone(),
                    _ => db_.path.clone(),
                };
                befores.entry(a).or_default().insert(name);
            }
        }
    }
    let mut bare = BTreeSet::new();
    for (t, fields) in &lists {
        let names: Vec<String> = fields
            .iter()
            .filter_map(|&(_, i)| lock(i).map(field_name))
            .collect();
        let def = index.ty(*t);
        if let Some(edit) = before_item(
            db,
            def.loc,
            format!("#[{ATTRIBUTE}({})]", names.join(", ")),
            format!("struct `{}`", def.display),
        ) {
            out.edits.push(edit);
        }
    }
    for (i, after) in befores {
        let Some(d) = lock(i) else { continue };
        let attr = format!(
            "#[{ATTRIBUTE}(before({}))]",
            after.into_iter().collect::<Vec<_>>().join(", ")
        );
        let what = format!("`{}`", map.locks[i].name);
        let edit = match d.owner {
            ClassOwner::Static(_) => before_item(db, d.rank.0, attr, format!("static {what}")),
            ClassOwner::Field(t, f) => {
                if !lists.contains_key(&t) && !declared_structs.contains(&t) {
                    bare.insert(t);
                }
                before_field(db, d.rank.0, index.name(f), attr, format!("field {what}"))
            }
        };
        out.edits.extend(edit);
    }
    // Field declarations are read by the attribute on their struct.
    for t in bare {
        let def = index.ty(t);
        out.edits.extend(before_item(
            db,
            def.loc,
            format!("#[{ATTRIBUTE}]"),
            format!("struct `{}`", def.display),
        ));
    }
}

/// The field's own name, as a struct's list and a sibling's `before(..)` write it.
fn field_name(d: &Declarable) -> String {
    d.local.rsplit("::").next().unwrap_or(&d.local).to_string()
}

/// Whether `to` can be reached from `from` along `edges`.
fn reaches(edges: &[(usize, usize)], from: usize, to: usize) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            stack.extend(edges.iter().filter(|e| e.0 == n).map(|e| e.1));
        }
    }
    false
}

/// Whether `a -> b` follows from the other edges (a path of two or more): declaring it would
/// say nothing new.
fn redundant(edges: &[(usize, usize, usize)], a: usize, b: usize) -> bool {
    let others: Vec<(usize, usize)> = edges
        .iter()
        .filter(|&&(x, y, _)| (x, y) != (a, b))
        .map(|&(x, y, _)| (x, y))
        .collect();
    reaches(&others, a, b)
}

/// A new line before the item whose name is at `name_at`, above its single-line attributes.
fn before_item(db: &SourceDb, name_at: Loc, attr: String, what: String) -> Option<Edit> {
    let file = db.get(name_at.file);
    let lines: Vec<&str> = file.text.lines().collect();
    let mut line = name_at.line as usize;
    while line > 1 && lines.get(line - 2)?.trim_start().starts_with("#[") {
        line -= 1;
    }
    let indent = indentation(lines.get(line - 1)?);
    Some(Edit {
        file: name_at.file,
        line: line as u32,
        text: format!("{indent}{attr}"),
        what,
    })
}

/// A new line before the field `field` of the struct whose name is at `struct_at`.
fn before_field(
    db: &SourceDb,
    struct_at: Loc,
    field: &str,
    attr: String,
    what: String,
) -> Option<Edit> {
    let file = db.get(struct_at.file);
    let (offset, line) = file
        .text
        .lines()
        .enumerate()
        .skip(struct_at.line as usize)
        .find(|(_, l)| declares_field(l, field))?;
    Some(Edit {
        file: struct_at.file,
        line: offset as u32 + 1,
        text: format!("{}{attr}", indentation(line)),
        what,
    })
}

/// `    pub(crate) name: Type,`: the line that declares `field`.
fn declares_field(line: &str, field: &str) -> bool {
    let mut rest = line.trim_start();
    if let Some(r) = rest.strip_prefix("pub") {
        rest = r.trim_start();
        if let Some(r) = rest.strip_prefix('(') {
            rest = r.split_once(')').map_or("", |(_, r)| r).trim_start();
        }
    }
    rest.strip_prefix(field)
        .is_some_and(|r| r.trim_start().starts_with(':') && !r.trim_start().starts_with("::"))
}

fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// Writes the edits into the files, returning the files changed.
pub fn apply(edits: &[Edit], db: &SourceDb) -> Result<Vec<PathBuf>, String> {
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for e in edits {
        by_file.entry(e.file).or_default().push(e);
    }
    let mut changed = Vec::new();
    for (file, mut edits) in by_file {
        let f = db.get(file);
        edits.sort_by_key(|e| std::cmp::Reverse(e.line));
        let newline = if f.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let mut text = f.text.clone();
        for e in edits {
            let at = f
                .line_starts()
                .get(e.line as usize - 1)
                .map_or(text.len(), |&s| s as usize);
            text.insert_str(at, &format!("{}{newline}", e.text));
        }
        std::fs::write(&f.path, text)
            .map_err(|err| format!("cannot write {}: {err}", f.display))?;
        changed.push(f.path.clone());
    }
    Ok(changed)
}
