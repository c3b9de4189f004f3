//! Step 6 of the pipeline: the lock graph. Every interaction where a thread waits for lock B
//! while holding lock A becomes an edge A -> B between classes (the first witness is kept);
//! waiting for the very instance already held (by its place, or through fields that hold one
//! lock: `locks::aliases`) is a re-acquisition, checked on its own.

pub mod map;

use std::collections::{BTreeMap, HashSet};

use crate::events::Unit;
use crate::locks::aliases::Aliases;
use crate::locks::api::Mode;
use crate::locks::class::{ClassId, ClassRef, Place, Root};
use crate::locks::hierarchy::Hierarchy;
use crate::source::Loc;
use crate::summary::Interaction;

pub struct LockGraph {
    /// First witness of each edge; ordered so that reports are reproducible.
    pub edges: BTreeMap<(ClassId, ClassId), Interaction>,
    /// How many functions take each edge (the picture of the graph shows it).
    pub takers: BTreeMap<(ClassId, ClassId), usize>,
    /// Where the functions after the first witness take each edge, a few of them: a finding
    /// lists every place it has one cause in.
    pub also: BTreeMap<(ClassId, ClassId), Vec<(usize, Loc)>>,
    /// Per edge, over all its witnesses: whether each holds the first lock shared (a read),
    /// whether each waits for the second with a read that never queues (`read_recursive`), and
    /// whether each takes the second shared.
    pub shared: BTreeMap<(ClassId, ClassId), (bool, bool, bool)>,
    /// Orders declared with `#[lock_order]`: edges too, witnessed by their declaration.
    pub declared: BTreeMap<(ClassId, ClassId), Loc>,
    /// Waits for an instance the same thread holds.
    pub reacquires: Vec<Interaction>,
}

/// Locks of one class behind two parameters, nested (`fn register(admin: &Registry, normal:
/// &Registry)`): which objects they are is for the callers to say. `Some` when every call
/// passes two objects the code names apart (two statics, two fields of one value), `true` when
/// moreover no two calls pass one pair in both orders: then the nesting follows an order
/// written in the code. `None` when a call passes objects that may be one, or there is none.
pub fn callers_apart(units: &[Unit], unit: usize, held: &Place, taken: &Place) -> Option<bool> {
    let (Root::Param(i), Root::Param(j)) = (held.root, taken.root) else {
        return None;
    };
    let f = units[unit].func.filter(|_| i != j)?;
    let mut pairs: Vec<(&Place, &Place)> = Vec::new();
    for call in units
        .iter()
        .flat_map(|u| &u.calls)
        .filter(|c| c.callee == f)
    {
        let arg = |k: u16| call.args.get(k as usize).and_then(|a| a.place.as_ref());
        let (a, b) = (arg(i)?, arg(j)?);
        let apart = match (a.root, b.root) {
            (Root::Static(x), Root::Static(y)) => x != y,
            _ => a.apart_by_field(b),
        };
        if !apart {
            return None;
        }
        pairs.push((a, b));
    }
    if pairs.is_empty() {
        return None;
    }
    Some(
        !pairs
            .iter()
            .any(|(a, b)| pairs.iter().any(|(c, d)| c == b && d == a)),
    )
}

/// Functions besides the first that a finding names for one edge.
const MAX_ALSO: usize = 4;

pub fn build(
    interactions: Vec<Interaction>,
    hierarchy: &Hierarchy,
    aliases: &Aliases,
    units: &[Unit],
) -> LockGraph {
    let mut edges = BTreeMap::new();
    let mut takers = BTreeMap::new();
    let mut also: BTreeMap<(ClassId, ClassId), Vec<(usize, Loc)>> = BTreeMap::new();
    let mut shared: BTreeMap<(ClassId, ClassId), (bool, bool, bool)> = BTreeMap::new();
    let mut taken_by = HashSet::new();
    let mut reacquires = Vec::new();
    let mut seen = HashSet::new();
    let one_instance = |it: &Interaction| {
        (it.held.lock.class == it.taken.lock.class
            && it.held.lock.place.same_instance(&it.taken.lock.place))
            || aliases.same(&it.held.lock, &it.taken.lock).is_some()
    };
    // An acquisition of a lock the thread already holds waits for itself (a double lock, or a
    // recursive read behind a queued writer), whatever else it holds: it orders nothing after
    // the locks taken since.
    let again: HashSet<(usize, Loc, Loc)> = interactions
        .iter()
        .filter(|it| one_instance(it))
        .map(|it| (it.unit, it.taken.chain.acquired_at(), it.at))
        .collect();
    for it in interactions {
        // A try-lock does not wait: it cannot be the step that deadlocks.
        if !it.taken.lock.acquire.waits {
            continue;
        }
        let same_class = it.held.lock.class == it.taken.lock.class;
        if one_instance(&it) {
            let key = (
                it.held.chain.acquired_at(),
                it.taken.chain.acquired_at(),
                it.at,
            );
            if seen.insert(key) {
                reacquires.push(it);
            }
            continue;
        }
        if again.contains(&(it.unit, it.taken.chain.acquired_at(), it.at)) {
            continue;
        }
        // Two fields of one struct of the same type, nested in the order the code names them:
        // not instances whose order is decided at run time.
        if same_class && it.held.lock.place.apart_by_field(&it.taken.lock.place) {
            continue;
        }
        // One instance inside the data of another (a tree of locked nodes, a proxy around the
        // segment it wraps): ordered by the structure, outer first.
        if same_class && it.taken.lock.place.inside(&it.held.lock.place) {
            continue;
        }
        // Two objects the function compares by a key (`if a.id < b.id`) before nesting their
        // locks: ordered by that key, whichever comes first.
        let (h, t) = (it.held.lock.place.root, it.taken.lock.place.root);
        let keyed = units[it.unit]
            .rare()
            .ordered
            .iter()
            .any(|&pair| pair == (h, t) || pair == (t, h));
        if same_class && keyed {
            continue;
        }
        if same_class
            && callers_apart(units, it.unit, &it.held.lock.place, &it.taken.lock.place)
                == Some(true)
        {
            continue;
        }
        // Two objects read one inside the other by a function that returns early when they are
        // one (`if ptr::eq(self, other) { return true }` in `PartialEq::eq`): no read waits for
        // itself, and the two readers of a crossed pair block only behind a writer queued on
        // each object at once.
        let reads = it.held.lock.acquire.mode.is_shared() && it.taken.lock.acquire.mode.is_shared();
        if same_class && reads && units[it.unit].rare().checks_identity {
            continue;
        }
        // An object made here and handed to nobody: no other thread can hold or wait for its
        // locks, so no nesting with one of them closes a cycle between threads.
        if units[it.unit].fresh_at(h, it.at) || units[it.unit].fresh_at(t, it.at) {
            continue;
        }
        if let (ClassRef::Known(a), ClassRef::Known(b)) = (it.held.lock.class, it.taken.lock.class)
        {
            if taken_by.insert((a, b, it.unit)) {
                let n = takers.entry((a, b)).or_insert(0);
                *n += 1;
                if *n > 1 {
                    let others = also.entry((a, b)).or_default();
                    if others.len() < MAX_ALSO {
                        others.push((it.unit, it.at));
                    }
                }
            }
            let modes = (
                it.held.lock.acquire.mode.is_shared(),
                it.taken.lock.acquire.mode == Mode::ReadRecursive,
                it.taken.lock.acquire.mode.is_shared(),
            );
            let slot = shared.entry((a, b)).or_insert(modes);
            *slot = (slot.0 && modes.0, slot.1 && modes.1, slot.2 && modes.2);
            edges.entry((a, b)).or_insert(it);
        }
    }
    let mut declared = BTreeMap::new();
    for &(a, b, at) in &hierarchy.before {
        declared.entry((a, b)).or_insert(at);
    }
    LockGraph {
        edges,
        takers,
        also,
        shared,
        declared,
        reacquires,
    }
}
