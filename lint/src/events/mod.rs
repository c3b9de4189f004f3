//! Step 4 of the pipeline: walk every function body in evaluation order and record its lock
//! events: each acquisition and each call into the crate, with the guards held at that moment.
//!
//! The walker (`walker/`) follows expressions; when guards die is decided in `guards.rs`
//! alone; macro arguments are recovered in `macros.rs`; `dump.rs` writes events as text (the
//! boundary `tests.rs` checks). Functions are walked in parallel.

mod callbacks;
mod dump;
mod guards;
mod macros;
#[cfg(test)]
mod tests;
mod walker;

pub use callbacks::link as link_callbacks;
pub use dump::dump;
pub use walker::expand::{keep_relevant as keep_relevant_macros, simple_rules};

pub use walker::MAX_DEPTH;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::index::types::Slot;
use crate::index::{FnId, Index, TraitId, TypeId};
use crate::locks::api::{Acquire, Flavor, Waitable};
use crate::locks::class::{ClassRef, Classes, LockRef, Place, Root};
use crate::names::Name;
use crate::source::{Loc, SourceDb};

/// What a held guard came from: an acquisition in this unit, or a guard returned by a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GuardSrc {
    Acquired(u32),
    Returned(u32),
    /// A guard the thread's creator moved into it (`async move { let _permit = permit; .. }`):
    /// the i-th of `Rare::inherited`.
    Inherited(u32),
    /// A guard the function is given by value in parameter `i` (`fn fetch(guard:
    /// MutexGuard<'_, T>)`): held from its start until it drops it. Its lock is the caller's.
    Param(u16),
}

pub struct Acquisition {
    pub lock: LockRef,
    pub loc: Loc,
    pub held: Box<[GuardSrc]>,
}

/// What the caller passes for one input of the callee: enough to re-express the callee's locks
/// in the caller's terms.
#[derive(Clone, Debug, Default)]
pub struct Arg {
    pub place: Option<Place>,
    pub class: Option<ClassRef>,
    /// Written `Some(..)` or `Ok(..)`: what the callee does only on `None` does not happen.
    pub present: bool,
    /// A guard passed by value: how and where its lock was taken. The callee holds it until it
    /// drops it (`GuardSrc::Param`).
    pub guard: Option<(Flavor, Acquire, Loc)>,
    /// The guard handed over by value to a parameter that takes one, as this unit knows it:
    /// the callee's waits say whether it still holds it there (`WaitEntry::held_params`).
    pub gives: Option<GuardSrc>,
}

/// Field names and the places a struct literal gave them.
pub type Fields = Box<[(Box<str>, Place)]>;

/// Where a closure is kept for later, to run where the code calls it (`callbacks`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    /// In a field that keeps callbacks (`self.on_close = Box::new(move || ..)`).
    Slot(Slot),
    /// Given to parameter `.1` of a crate function that keeps it (`bus.subscribe(move |e| ..)`):
    /// in the fields that function stores that parameter in (`Callbacks::stores_param`).
    Param(FnId, u16),
}

/// What a unit has to do with closures kept for later (`callbacks`).
#[derive(Default)]
pub struct Callbacks {
    /// Of a closure kept for later: where it is kept. It runs where that field's closures are
    /// called (`slot_calls`), not where it is made.
    pub kept: Option<Kept>,
    /// Parameters the function keeps in a field of callbacks (`self.listeners.push(Box::new(f))`):
    /// a closure a caller gives there is kept in it; with the parameter whose field that is,
    /// when it is one (`self`).
    pub stores_param: Vec<(u16, Slot, Option<u16>)>,
    /// Calls of the closures a field keeps (`(self.on_event)(e)`, `for l in listeners { l(e) }`):
    /// calls of each closure stored there once every body is walked (`callbacks::link`).
    pub slot_calls: Vec<SlotCall>,
}

impl Rare {
    pub fn callbacks_mut(&mut self) -> &mut Callbacks {
        self.callbacks.get_or_insert_with(Box::default)
    }
}

/// A call of whatever closures a field keeps: a [`Call`] of each, once they are known.
pub struct SlotCall {
    pub slot: Slot,
    /// The object whose field is called (`self` of `(self.on_event)(e)`).
    pub owner: Option<Place>,
    pub args: Box<[Arg]>,
    pub loc: Loc,
    pub held: Box<[GuardSrc]>,
}

/// A closure kept for later: where, which function made it, and where it is written.
#[derive(Clone, Copy, Debug)]
pub struct Kept {
    pub store: Store,
    pub by: FnId,
    pub at: Loc,
    /// Its parameters: the inputs a call of it passes.
    pub params: u16,
    /// What it captures of the object whose field keeps it (the maker's `self`, in
    /// `self.listeners.push(Box::new(move |e| self.state.lock()..))` or given to a method of
    /// `self` that keeps it there) is rooted at one more parameter, after its inputs: a call of
    /// that field passes the object it is a field of, so a lock of its own it takes again is
    /// one instance.
    pub owner: bool,
}

pub struct Call {
    pub callee: FnId,
    pub args: Box<[Arg]>,
    pub loc: Loc,
    pub held: Box<[GuardSrc]>,
}

/// An acquisition or a call of a unit, by number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventRef {
    Acquisition(u32),
    Call(u32),
}

/// How a call reaches its callee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Direct,
    /// A method call on a value known by a trait (`dyn Store`, `S: Store`): the callee is one
    /// implementing type's method, and the call has one event per such method.
    Trait(TraitId),
    /// A use of a lazily initialized static runs its initializer (the first use only): its locks
    /// are taken here, but what it waits for is not waited for at every use.
    Init,
}

/// What a wait or wake is on: the condition variable, channel or handle, as class and instance.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Object {
    pub class: ClassRef,
    pub place: Place,
}

/// The thread blocks until another thread acts: a condvar wait, a channel receive, a join...
pub struct Wait {
    pub kind: Waitable,
    pub object: Option<Object>,
    pub loc: Loc,
    pub held: Box<[GuardSrc]>,
    /// The lock a condvar wait releases while it sleeps (the place of the guard it was given).
    pub releases: Option<Place>,
    /// For a join: the unit of the thread being joined, when it was spawned in this function.
    pub joins: Option<usize>,
    /// It gives up after a while (`recv_timeout`): it cannot block forever.
    pub timed: bool,
    /// An `.await` that waits for another task (`rx.recv().await`): the task is suspended, and
    /// the thread blocks only where a caller runs the future to its end (`Rare::run_to_end`).
    pub task: bool,
}

/// The thread wakes waiters: a notify or a send.
pub struct Wake {
    pub kind: Waitable,
    pub object: Option<Object>,
    pub loc: Loc,
    pub held: Box<[GuardSrc]>,
}

/// An `.await` in an async body: the task may be suspended here with these guards held.
pub struct AwaitPoint {
    pub loc: Loc,
    pub held: Box<[GuardSrc]>,
}

/// A value of a crate struct built here with a literal (`Runner { db, .. }`): what each named
/// field was given, so that two fields given one `Arc` are known to hold one lock
/// (`locks::aliases`).
pub struct Init {
    pub ty: TypeId,
    pub loc: Loc,
    pub fields: Box<[(Name, Source)]>,
    /// No `..rest`: every field is listed.
    pub complete: bool,
}

/// What a field was given: a place this function names (a parameter, a local, a static), or
/// a value made here.
#[derive(Clone, Debug)]
pub enum Source {
    Place(Place),
    Made(Made),
}

/// A value made in this unit: by the i-th struct literal (`Rare::inits`), or returned by the
/// i-th call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Made {
    Literal(u32),
    Call(u32),
}

/// Code of a function that runs other than as straight-line code of its body: a closure or
/// async block run in place, or one handed to another thread or task. A call chain that passes
/// through it says so (`check::Cx::hop`).
#[derive(Clone, Copy, Debug)]
pub struct Region {
    pub kind: RegionKind,
    /// The closure or block, whole: the events it holds are inside.
    pub span: Loc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionKind {
    /// Run during the call it is given to (`iter().for_each(|x| ..)`, `with(|g| ..)`).
    Closure,
    /// An async block run to completion here (`block_on(async { .. })`) or where it is awaited.
    Async,
    /// Handed to a spawner: another thread, or another task of an async runtime.
    Thread,
    Task,
}

/// A function-local lock (`let m = Mutex::new(..)`), condvar or channel: a class of its own.
pub struct LocalLock {
    pub name: String,
    pub decl: Loc,
    pub is_lock: bool,
}

/// The events of one thread of control: a function body, or a closure it hands to another
/// thread (`thread::spawn`, `tokio::spawn`, ...), which holds nothing of its creator.
pub struct Unit {
    /// The function this unit summarizes; `None` for spawned closures, which nobody calls.
    pub func: Option<FnId>,
    /// A spawned closure's name (`f::{closure}`); a function's is its display name.
    closure_name: Option<Box<str>>,
    pub acquisitions: Vec<Acquisition>,
    pub calls: Vec<Call>,
    pub waits: Vec<Wait>,
    /// Out of line: units live for the whole run, and few have any of it (`rare`).
    rare: Option<Box<Rare>>,
}

/// The events and problems few units have.
#[derive(Default)]
pub struct Rare {
    /// Guards the function's return value carries to its caller.
    pub returns: Vec<GuardSrc>,
    pub inits: Vec<Init>,
    /// What the function returns, where it returns a value made here.
    pub returns_made: Vec<Made>,
    /// It also returns, somewhere, a value it did not make (`self.inner.clone()`).
    pub returns_other: bool,
    /// Spawned threads whose join handle is kept in a container of this class (a field, the data
    /// of a lock): a join of a handle taken from there joins one of them. Units numbered like
    /// `Wait::joins`.
    pub keeps: Vec<(ClassRef, usize)>,
    /// The same, kept in the data of a guard that call `k` returned (`*self.lock_slot() =
    /// Some(handle)`): the lock is the one the callee's summary says it returns.
    pub keeps_returned: Vec<(u32, usize)>,
    /// Calls (by number) that reach their callee other than directly.
    pub vias: Vec<(u32, Via)>,
    /// Calls (by number) of `async fn`s whose future this thread runs to its end
    /// (`block_on(self.fetch())`): what the callee's task waits for, the thread waits for.
    pub run_to_end: Vec<u32>,
    /// Arguments built here with a struct literal (call, argument, the places its fields were
    /// given), which the callee's `param.field` paths stand for (`Handle { registry: self }`
    /// dropped); in call order.
    pub given: Vec<(u32, u16, Box<Fields>)>,
    /// A spawned future: a task on an async runtime, which the runtime's drop waits for.
    pub task: bool,
    /// Of a spawned thread or task: the locks its creator moved in, held from its start, and
    /// where the creator took them.
    pub inherited: Vec<(LockRef, Loc)>,
    /// It compares references by address (`ptr::eq`, `Arc::ptr_eq`): it knows whether two of
    /// its inputs are one object.
    pub checks_identity: bool,
    /// Roots of values it compares by order (`a.id < b.id`): locks of those objects it nests
    /// may be taken in an order that key decides.
    pub ordered: Vec<(crate::locks::class::Root, crate::locks::class::Root)>,
    /// Variables bound to a lock-holding value made here (`let db = Db::new()`): no other
    /// thread can reach it unless the function starts one (`spawns`), or until it hands the
    /// value on (`published`). With what made it: a lock constructor (`None`), a literal, or a
    /// call, which makes a new value only if its callee returns values it makes (`extract`).
    pub fresh: Vec<(u32, Option<Made>)>,
    /// Where a `fresh` variable's value is moved on (into a call, a struct literal, a place):
    /// from there on, other threads may reach its locks.
    pub published: Vec<(u32, Loc)>,
    /// It hands work to another thread or task.
    pub spawns: bool,
    /// Semaphores made for a field with a literal count (`permits: Semaphore::new(4)`).
    pub permits: Vec<(TypeId, Name, u32)>,
    pub locals: Vec<LocalLock>,
    pub wakes: Vec<Wake>,
    pub awaits: Vec<AwaitPoint>,
    /// Where the function is given guards by value (`GuardSrc::Param`), by parameter: the
    /// function, as the place a caller's guard is held from.
    pub param_guards: Vec<(u16, Loc)>,
    /// Events that happen only where a parameter (by number) holds `None` or `Err(..)`: in the
    /// arms of a match on it that `Some(..)` does not reach (`match state { Some(s) => s, None =>
    /// self.state.read() }`), the `else` of `if let Some(s) = state`. A caller that passes
    /// `Some(guard)` there does not take the lock again.
    pub if_absent: Vec<(EventRef, u16)>,
    /// Closures and async blocks of the body that hold events, for call chains.
    pub regions: Vec<Region>,
    /// Closures kept for later, and calls of them; out of line again, as few units have any.
    pub callbacks: Option<Box<Callbacks>>,
    /// Where expressions nest deeper than the walker follows; what is deeper is not analyzed.
    pub too_deep: Option<Loc>,
    /// The body could not be parsed (it is parsed apart from its file: `parse::bodies`).
    pub unparsed: Option<(Loc, String)>,
}

static NOTHING_RARE: Rare = Rare {
    returns: Vec::new(),
    inits: Vec::new(),
    returns_made: Vec::new(),
    returns_other: false,
    keeps: Vec::new(),
    keeps_returned: Vec::new(),
    vias: Vec::new(),
    run_to_end: Vec::new(),
    given: Vec::new(),
    task: false,
    inherited: Vec::new(),
    checks_identity: false,
    ordered: Vec::new(),
    fresh: Vec::new(),
    published: Vec::new(),
    spawns: false,
    permits: Vec::new(),
    locals: Vec::new(),
    wakes: Vec::new(),
    awaits: Vec::new(),
    param_guards: Vec::new(),
    if_absent: Vec::new(),
    regions: Vec::new(),
    callbacks: None,
    too_deep: None,
    unparsed: None,
};

impl Rare {
    /// Whether variable `k` is bound to a lock-holding value the unit made (`fresh`).
    pub fn is_fresh(&self, k: u32) -> bool {
        self.fresh.iter().any(|&(l, _)| l == k)
    }

    /// The parameter that must hold `None` for `event` to happen, if any (`if_absent`).
    pub fn absent(&self, event: EventRef) -> Option<u16> {
        self.if_absent
            .iter()
            .find(|(e, _)| *e == event)
            .map(|&(_, p)| p)
    }

    /// How call `k` reaches its callee.
    pub fn via(&self, k: u32) -> Via {
        self.vias
            .iter()
            .find(|(c, _)| *c == k)
            .map_or(Via::Direct, |&(_, v)| v)
    }

    /// What struct literals among call `k`'s arguments gave their fields.
    pub fn given(&self, k: u32) -> &[(u32, u16, Box<Fields>)] {
        let from = self.given.partition_point(|g| g.0 < k);
        let to = self.given.partition_point(|g| g.0 <= k);
        &self.given[from..to]
    }

    fn is_empty(&self) -> bool {
        self.returns.is_empty()
            && self.inits.is_empty()
            && self.returns_made.is_empty()
            && !self.returns_other
            && self.permits.is_empty()
            && self.keeps.is_empty()
            && self.keeps_returned.is_empty()
            && self.vias.is_empty()
            && self.run_to_end.is_empty()
            && self.given.is_empty()
            && !self.task
            && self.inherited.is_empty()
            && !self.checks_identity
            && self.ordered.is_empty()
            && self.fresh.is_empty()
            && self.published.is_empty()
            && !self.spawns
            && self.locals.is_empty()
            && self.wakes.is_empty()
            && self.awaits.is_empty()
            && self.param_guards.is_empty()
            && self.if_absent.is_empty()
            && self.regions.is_empty()
            && self.callbacks.is_none()
            && self.too_deep.is_none()
            && self.unparsed.is_none()
    }
}

impl Unit {
    /// Whether `root` is a variable bound to a lock-holding value this unit made, in a unit
    /// that starts no other thread, and not handed on before `at`: no other thread can hold its
    /// locks there.
    pub fn fresh_at(&self, root: Root, at: Loc) -> bool {
        let rare = self.rare();
        let handed_on = |k: u32| {
            rare.published
                .iter()
                .any(|&(p, loc)| p == k && (loc.file, loc.start) < (at.file, at.start))
        };
        matches!(root, Root::Local(k) if !rare.spawns && rare.is_fresh(k) && !handed_on(k))
    }

    pub fn of_fn(func: FnId) -> Unit {
        Unit::new(Some(func), None)
    }

    pub fn of_closure(name: String) -> Unit {
        Unit::new(None, Some(name.into_boxed_str()))
    }

    fn new(func: Option<FnId>, closure_name: Option<Box<str>>) -> Unit {
        Unit {
            func,
            closure_name,
            acquisitions: Vec::new(),
            calls: Vec::new(),
            waits: Vec::new(),
            rare: None,
        }
    }

    pub fn name(&self, index: &Index) -> String {
        match (&self.closure_name, self.func) {
            (Some(name), _) => name.to_string(),
            (None, Some(f)) => index.fn_display(f),
            (None, None) => "{closure}".to_string(),
        }
    }

    pub fn rare(&self) -> &Rare {
        self.rare.as_deref().unwrap_or(&NOTHING_RARE)
    }

    pub fn rare_mut(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Nothing to summarize and nothing to report: a function without a unit is the same.
    fn is_empty(&self) -> bool {
        self.acquisitions.is_empty()
            && self.calls.is_empty()
            && self.waits.is_empty()
            && self.rare().is_empty()
    }

    /// Units live until the run ends, and most events are few: no slack.
    fn shrink(&mut self) {
        self.acquisitions.shrink_to_fit();
        self.calls.shrink_to_fit();
        self.waits.shrink_to_fit();
        if self.rare().is_empty() {
            self.rare = None;
        }
        if let Some(rare) = &mut self.rare {
            rare.returns.shrink_to_fit();
            rare.inits.shrink_to_fit();
            rare.returns_made.shrink_to_fit();
            rare.locals.shrink_to_fit();
            rare.wakes.shrink_to_fit();
            rare.awaits.shrink_to_fit();
            rare.regions.shrink_to_fit();
        }
    }
}

/// Local lock classes are numbered per function while walking (on the function's own unit,
/// which its spawned closures follow); this turns them into classes of the run, in function
/// order so that numbering is the same every run.
pub fn register_locals(units: &mut [Unit], classes: &mut Classes) {
    let mut ids = Vec::new();
    for unit in units.iter_mut() {
        for &(t, field, n) in &unit.rare().permits {
            if let Some(c) = classes.field(t, field) {
                classes.set_permits(c, n);
            }
        }
        if unit.func.is_some() {
            ids = unit
                .rare()
                .locals
                .iter()
                .map(|l| {
                    classes.add_local(crate::locks::class::LockClass {
                        name: l.name.clone(),
                        decl: l.decl,
                        min_segments: 2,
                        is_lock: l.is_lock,
                    })
                })
                .collect();
        }
        let map = |c: &mut ClassRef| {
            if let ClassRef::Local(i) = *c {
                if let Some(&id) = ids.get(i as usize) {
                    *c = ClassRef::Known(id);
                }
            }
        };
        for a in &mut unit.acquisitions {
            map(&mut a.lock.class);
        }
        for call in &mut unit.calls {
            for arg in &mut call.args {
                if let Some(c) = &mut arg.class {
                    map(c);
                }
            }
        }
        let objects = unit
            .waits
            .iter_mut()
            .filter_map(|w| w.object.as_mut())
            .chain(
                unit.rare
                    .iter_mut()
                    .flat_map(|r| r.wakes.iter_mut())
                    .filter_map(|w| w.object.as_mut()),
            );
        for o in objects {
            map(&mut o.class);
        }
        for (c, _) in unit.rare.iter_mut().flat_map(|r| r.keeps.iter_mut()) {
            map(c);
        }
    }
}

/// Walks every function, in parallel; each is parsed by the thread that walks it and shares no
/// tree with any other.
pub fn extract(index: &Index, classes: &Classes, db: &SourceDb) -> Vec<Unit> {
    // The crates asked for first; of the crates read as context, and of the default methods
    // that implementing types get, only the functions calls reach, round after round.
    let mut walked = vec![false; index.fns.len()];
    let mut next: Vec<u32> = (0..index.fns.len() as u32)
        .filter(|&f| !index.crate_of_fn(FnId(f)).context && !index.func(FnId(f)).instance)
        .collect();
    let mut by_fn: Vec<(u32, Vec<Unit>)> = Vec::new();
    while !next.is_empty() {
        for &f in &next {
            walked[f as usize] = true;
        }
        let round = walk_all(index, classes, db, &next);
        next = round
            .iter()
            .flat_map(|(_, units)| units.iter().flat_map(|u| &u.calls))
            .map(|c| c.callee.0)
            .filter(|&f| !walked[f as usize])
            .collect();
        next.sort_unstable();
        next.dedup();
        by_fn.extend(round);
    }
    // In function order, so that every run numbers units and classes the same.
    by_fn.sort_unstable_by_key(|(f, _)| *f);
    // Units live until the run ends: no slack.
    let mut units = Vec::with_capacity(by_fn.iter().map(|(_, u)| u.len()).sum());
    for (_, mut of_fn) in by_fn {
        units.append(&mut of_fn);
    }
    // A function's own unit comes first, then its spawned closures; joined units were numbered
    // from the function's own.
    let mut base = 0;
    for (i, unit) in units.iter_mut().enumerate() {
        if unit.func.is_some() {
            base = i;
        }
        for j in unit.waits.iter_mut().filter_map(|w| w.joins.as_mut()) {
            *j += base;
        }
        for (_, j) in unit.rare.iter_mut().flat_map(|r| r.keeps.iter_mut()) {
            *j += base;
        }
        for (_, j) in unit
            .rare
            .iter_mut()
            .flat_map(|r| r.keeps_returned.iter_mut())
        {
            *j += base;
        }
    }
    settle_fresh(&mut units);
    units
}

/// A variable bound to what a call returned holds a new value only where the callee returns
/// values it makes itself, all the way down (`Usage::new`, a builder), not one it reaches
/// (`Mux::get()`, a clone of a global's `Arc`): only those stay fresh.
fn settle_fresh(units: &mut [Unit]) {
    let mut made = NewValues {
        unit_of: units
            .iter()
            .enumerate()
            .filter_map(|(i, u)| Some((u.func?, i)))
            .collect(),
        known: vec![None; units.len()],
    };
    for u in 0..units.len() {
        let keep: Vec<bool> = units[u]
            .rare()
            .fresh
            .iter()
            .map(|&(_, m)| match m {
                Some(m) => made.is_new(units, u, m),
                None => true,
            })
            .collect();
        if keep.iter().all(|k| *k) {
            continue;
        }
        let mut keep = keep.into_iter();
        units[u]
            .rare_mut()
            .fresh
            .retain(|_| keep.next().unwrap_or(false));
    }
}

/// Which functions return only values they make (`settle_fresh`).
struct NewValues {
    unit_of: HashMap<FnId, usize>,
    /// By unit: `None` not known yet. A recursion returns new values only if its other paths do.
    known: Vec<Option<bool>>,
}

impl NewValues {
    /// Whether `m`, a value unit `u` made, is a new one.
    fn is_new(&mut self, units: &[Unit], u: usize, m: Made) -> bool {
        let Made::Call(c) = m else { return true };
        let callee = units[u]
            .calls
            .get(c as usize)
            .and_then(|call| self.unit_of.get(&call.callee).copied());
        callee.is_some_and(|f| self.returns_new(units, f))
    }

    fn returns_new(&mut self, units: &[Unit], f: usize) -> bool {
        if let Some(known) = self.known[f] {
            return known;
        }
        self.known[f] = Some(false);
        let rare = units[f].rare();
        let all = !rare.returns_other
            && !rare.returns_made.is_empty()
            && rare.returns_made.iter().all(|&m| self.is_new(units, f, m));
        self.known[f] = Some(all);
        all
    }
}

/// Walks `fns`, in parallel: each function's units (none for a function without events).
fn walk_all(index: &Index, classes: &Classes, db: &SourceDb, fns: &[u32]) -> Vec<(u32, Vec<Unit>)> {
    fns.par_iter()
        // Rayon splits a range only a few times unless a thread steals: with functions of
        // uneven size, one thread was left alone with a large share of the work. Small chunks
        // keep both busy.
        .with_max_len(8)
        .filter_map(|&f| {
            let mut units = walker::walk_fn(index, classes, db, FnId(f));
            // A third of all functions (accessors, constructors) have no events at all.
            if let [unit] = units.as_slice() {
                if unit.is_empty() {
                    return None;
                }
            }
            units.iter_mut().for_each(Unit::shrink);
            Some((f, units))
        })
        .collect()
}
