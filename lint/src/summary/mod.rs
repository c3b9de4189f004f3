//! Step 5 of the pipeline: resolve calls and summarize functions, bottom-up over the call graph.
//!
//! A function's summary says which locks it may take (transitively), which guards its return
//! value carries to the caller, and which lock pairs it nests whose class only the caller knows
//! (`fn f(a: &Mutex<_>, b: &Mutex<_>)`). Summaries are expressed relative to the function's
//! inputs; at each call site they are re-expressed in the caller's terms (`substitute`).
//! Recursive functions (strongly connected components of the call graph) are iterated to a
//! fixpoint. Every "lock taken while another is held" found along the way is an [`Interaction`],
//! the raw material of the lock graph.

// Summaries hash every lock reference they merge: a fast hash, as rustc's own.
use rustc_hash::FxHashSet as HashSet;
use std::rc::Rc;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::events::{Call, EventRef, Fields, GuardSrc, Object, Unit, Via};
use crate::index::FnId;
use crate::locks::api::{Acquire, Family, Flavor, LockKind, Mode, Waitable};
use crate::locks::class::{ClassRef, LockRef, Place, Proj, Root};
use crate::source::Loc;

mod threads;
use threads::rebase_threads;

/// Summaries of very large call trees are cut here; the entries kept are the nearest ones.
const MAX_ENTRIES: usize = 256;
/// Rounds of the fixpoint over one recursive component.
const MAX_FIXPOINT_ROUNDS: usize = 64;

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
    /// A step in the function itself: the event, entering nothing.
    pub fn here(loc: Loc) -> Rc<Chain> {
        Rc::new(Chain {
            loc,
            enters: None,
            next: None,
        })
    }

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

    /// Where the step is, when it is inside a call: findings of callers that reach it share
    /// it as their cause (`report::Finding::causes`). None for a step in the function itself.
    pub fn in_callee(self: &Rc<Chain>) -> Vec<Loc> {
        self.next.iter().map(|_| self.acquired_at()).collect()
    }
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub lock: LockRef,
    pub chain: Rc<Chain>,
    /// Taken only where this parameter holds `None` or `Err(..)` (`events::Rare::if_absent`): a
    /// call that passes `Some(..)` there does not take it.
    pub if_absent: Option<u16>,
}

/// A lock taken (`taken`) while another is held (`held`), at `at` in unit `unit`.
#[derive(Clone, Debug)]
pub struct Interaction {
    pub unit: usize,
    pub held: Entry,
    pub taken: Entry,
    pub at: Loc,
}

/// A blocking wait a function performs, itself or in a callee.
#[derive(Clone, Debug)]
pub struct WaitEntry {
    pub kind: Waitable,
    pub object: Option<Object>,
    /// The lock a condvar wait releases while sleeping.
    pub releases: Option<Place>,
    /// The guards the function was given by value that it still holds here, by parameter (bit
    /// `i` for parameter `i`): a caller holds what it handed over for as long (a helper that
    /// waits with it), and not when the wait gives it up (a condvar wrapper's `wait(guard)`).
    pub held_params: u32,
    /// The unit of the thread a join waits for.
    pub joins: Option<usize>,
    /// It gives up after a while.
    pub timed: bool,
    /// The task waits (`events::Wait::task`); the thread does only where a caller runs the
    /// future to its end.
    pub task: bool,
    pub chain: Rc<Chain>,
}

/// A wake-up (notify, send) a function performs, itself or in a callee.
#[derive(Clone, Debug)]
pub struct WakeEntry {
    pub kind: Waitable,
    pub object: Option<Object>,
    pub chain: Rc<Chain>,
}

/// A thread blocks (`wait`) while holding `held`, at `at` in unit `unit`.
#[derive(Clone, Debug)]
pub struct HeldWait {
    pub unit: usize,
    pub held: Entry,
    pub wait: WaitEntry,
    pub at: Loc,
}

/// A thread wakes waiters while holding `held`.
#[derive(Clone, Debug)]
pub struct HeldWake {
    pub unit: usize,
    pub held: Entry,
    pub wake: WakeEntry,
}

/// A task may be suspended at `at` while holding `held`.
#[derive(Clone, Debug)]
pub struct AwaitHold {
    pub unit: usize,
    pub held: Entry,
    pub at: Loc,
}

#[derive(Default, Clone)]
pub struct Summary {
    pub acquires: Vec<Entry>,
    pub returns: Vec<Entry>,
    /// Nestings whose class depends on the caller's arguments.
    pub pending: Vec<(Entry, Entry)>,
    pub waits: Vec<WaitEntry>,
    pub wakes: Vec<WakeEntry>,
    /// Barrier waits of the threads it starts, itself or in a callee, by their unit: the other
    /// parties of a barrier the caller made and handed down (`start_vcpu(.., barrier.clone())`).
    pub thread_waits: Vec<(usize, WaitEntry)>,
    /// Wake-ups (sends, notifies) of the threads it starts, itself or in a callee, by their
    /// unit: who ends a wait on a channel the caller made and handed down
    /// (`start_listener(tx)`).
    pub thread_wakes: Vec<(usize, WakeEntry)>,
}

impl Summary {
    fn size(&self) -> [usize; 7] {
        [
            self.acquires.len(),
            self.returns.len(),
            self.pending.len(),
            self.waits.len(),
            self.wakes.len(),
            self.thread_waits.len(),
            self.thread_wakes.len(),
        ]
    }

    fn shrink(&mut self) {
        self.acquires.shrink_to_fit();
        self.returns.shrink_to_fit();
        self.pending.shrink_to_fit();
        self.waits.shrink_to_fit();
        self.wakes.shrink_to_fit();
        self.thread_waits.shrink_to_fit();
        self.thread_wakes.shrink_to_fit();
    }
}

/// Everything found while summarizing.
#[derive(Default)]
pub struct Found {
    pub interactions: Vec<Interaction>,
    pub held_waits: Vec<HeldWait>,
    pub held_wakes: Vec<HeldWake>,
    pub await_holds: Vec<AwaitHold>,
}

impl Found {
    fn append(&mut self, mut other: Found) {
        self.interactions.append(&mut other.interactions);
        self.held_waits.append(&mut other.held_waits);
        self.held_wakes.append(&mut other.held_wakes);
        self.await_holds.append(&mut other.await_holds);
    }
}

pub struct Summaries {
    /// By unit: functions and spawned closures alike; `None` for an empty summary, as most are
    /// (a `Summary` is five vectors, 120 bytes even when empty).
    by_unit: Vec<Option<Box<Summary>>>,
    empty: Summary,
    pub found: Found,
}

impl Summaries {
    /// The summary of unit `u`.
    pub fn of(&self, u: usize) -> &Summary {
        self.by_unit
            .get(u)
            .and_then(Option::as_deref)
            .unwrap_or(&self.empty)
    }
}

/// How a summary is kept: without slack (summaries live until the run ends), and only if it is
/// not empty.
fn keep(mut summary: Summary) -> Option<Box<Summary>> {
    (summary.size() != [0; 7]).then(|| {
        summary.shrink();
        Box::new(summary)
    })
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
    let mut by_unit: Vec<Option<Box<Summary>>> = vec![None; units.len()];
    let empty = Summary::default();
    // Unit `u` against the summaries so far.
    let summarize_unit = |u: usize, by_unit: &[Option<Box<Summary>>]| {
        let callees = Callees {
            units,
            by_unit,
            unit_of: &unit_of,
            empty: &empty,
        };
        analyze(u, &units[u], &callees)
    };
    let mut found = Found::default();
    // tarjan_scc yields components callees-first.
    for scc in tarjan_scc(&graph) {
        let members: Vec<usize> = scc
            .iter()
            .filter_map(|n| unit_of[graph[*n].0 as usize])
            .collect();
        let recursive = scc.len() > 1 || scc.iter().any(|&n| graph.contains_edge(n, n));
        if recursive {
            // Summaries only grow and are capped, so this converges; the bound is a backstop.
            for _ in 0..MAX_FIXPOINT_ROUNDS {
                let mut changed = false;
                for &u in &members {
                    let (summary, _) = summarize_unit(u, &by_unit);
                    let before = by_unit[u].as_ref().map_or([0; 7], |s| s.size());
                    changed |= summary.size() != before;
                    by_unit[u] = keep(summary);
                }
                if !changed {
                    break;
                }
            }
        }
        for &u in &members {
            let (summary, f) = summarize_unit(u, &by_unit);
            by_unit[u] = keep(summary);
            found.append(f);
        }
    }
    // Spawned closures: nobody calls them, everything they call is summarized by now.
    for u in (0..units.len()).filter(|&u| units[u].func.is_none()) {
        let (summary, f) = summarize_unit(u, &by_unit);
        by_unit[u] = keep(summary);
        found.append(f);
    }
    Summaries {
        by_unit,
        empty,
        found,
    }
}

/// The summaries of callees, by function: a function's is its unit's (one copy, not two), and a
/// function without a unit has no events.
struct Callees<'a> {
    units: &'a [Unit],
    by_unit: &'a [Option<Box<Summary>>],
    unit_of: &'a [Option<usize>],
    empty: &'a Summary,
}

impl Callees<'_> {
    fn of(&self, f: FnId) -> &Summary {
        self.unit_of[f.0 as usize]
            .and_then(|u| self.by_unit[u].as_deref())
            .unwrap_or(self.empty)
    }
}

/// A call as the summaries re-express what its callee does: the event, how it reaches the
/// callee, and what struct literals among its arguments gave their fields.
struct Site<'a> {
    call: &'a Call,
    via: Via,
    given: &'a [(u32, u16, Box<Fields>)],
    /// The caller's parameter that must hold `None` for the call to happen.
    if_absent: Option<u16>,
}

impl<'a> Site<'a> {
    /// Call `k` of `unit`.
    fn of(unit: &'a Unit, k: usize) -> Site<'a> {
        Site {
            call: &unit.calls[k],
            via: unit.rare().via(k as u32),
            given: unit.rare().given(k as u32),
            if_absent: unit.rare().absent(EventRef::Call(k as u32)),
        }
    }
}

/// Re-expresses a callee-relative (class, place) at a call site: the callee's inputs become the
/// caller's arguments; what the callee created itself is an instance the caller cannot name.
/// `None` when the class was the argument's and the caller does not know it either.
fn rebase(class: ClassRef, place: &Place, site: &Site) -> Option<(ClassRef, Place)> {
    match place.root {
        Root::Param(i) => {
            let arg = site.call.args.get(i as usize);
            let arg_class = arg.and_then(|a| a.class);
            // `param.field` of a value built with a literal is what the literal gave `field`.
            let fields = site.given.iter().find(|g| g.1 == i).map(|g| &g.2);
            let given = match (fields, place.proj.first()) {
                (Some(fields), Some(Proj::Field(f))) => fields
                    .iter()
                    .find(|(name, _)| name == f)
                    .map(|(_, p)| (p, &place.proj[1..])),
                _ => None,
            };
            let arg_place = arg.and_then(|a| a.place.as_ref());
            let new_place = match given.or(arg_place.map(|p| (p, &place.proj[..]))) {
                Some((p, rest)) => Place::from_parts(p.root, p.proj.iter().chain(rest)),
                None => Place::unknown(),
            };
            let new_class = match (class, arg_class) {
                // The callee locks its parameter itself: the class is the argument's.
                (ClassRef::FromRoot, Some(c)) => c,
                (ClassRef::FromRoot, None) => return None,
                // The argument is itself a lock (a lock-wrapping type) and the callee locks
                // inside it: the lock is named by where the caller keeps the wrapper.
                (_, Some(c)) if !place.through_guard() => c,
                (c, _) => c,
            };
            Some((new_class, new_place))
        }
        Root::Local(_) | Root::Unknown => Some((class, Place::unknown())),
        Root::Static(_) | Root::Global(_) => Some((class, place.clone())),
    }
}

fn enter(call: &Call, inner: &Rc<Chain>) -> Rc<Chain> {
    Rc::new(Chain {
        loc: call.loc,
        enters: Some(call.callee),
        next: Some(inner.clone()),
    })
}

/// How a guard given by value was taken, until a call says (`Arg::guard`).
const GIVEN_GUARD: (Flavor, Acquire) = (
    Flavor {
        family: Family::Std,
        kind: LockKind::Mutex,
    },
    Acquire {
        mode: Mode::Exclusive,
        waits: true,
    },
);

fn substitute(e: &Entry, site: &Site) -> Option<Entry> {
    let if_absent = match e.if_absent {
        Some(i) => {
            let arg = site.call.args.get(i as usize);
            if arg.is_some_and(|a| a.present) {
                return None;
            }
            // Passed on as it was given: still the caller's parameter that decides.
            let passed = arg
                .and_then(|a| a.place.as_ref())
                .and_then(|p| match p.root {
                    Root::Param(j) if p.proj.is_empty() => Some(j),
                    _ => None,
                });
            passed.or(site.if_absent)
        }
        None => site.if_absent,
    };
    let (class, place) = rebase(e.lock.class, &e.lock.place, site)?;
    let mut lock = LockRef {
        class,
        place,
        ..e.lock.clone()
    };
    // The guard the caller gave: taken as and where the caller took it.
    if let (ClassRef::FromRoot, Root::Param(i), true) = (
        e.lock.class,
        e.lock.place.root,
        e.lock.place.proj.is_empty(),
    ) {
        if let Some((flavor, acquire, at)) = site.call.args.get(i as usize).and_then(|a| a.guard) {
            (lock.flavor, lock.acquire) = (flavor, acquire);
            return Some(Entry {
                lock,
                chain: Chain::here(at),
                if_absent,
            });
        }
    }
    Some(Entry {
        lock,
        chain: enter(site.call, &e.chain),
        if_absent,
    })
}

fn rebase_object(o: &Option<Object>, site: &Site) -> Option<Object> {
    let o = o.as_ref()?;
    let (class, place) = rebase(o.class, &o.place, site)?;
    Some(Object { class, place })
}

fn push_unique(list: &mut Vec<Entry>, seen: &mut HashSet<LockRef>, e: Entry) {
    if seen.contains(&e.lock) {
        // Taken on every path after all: not only where a parameter is `None`.
        if e.if_absent.is_none() {
            if let Some(known) = list.iter_mut().find(|k| k.lock == e.lock) {
                known.if_absent = None;
            }
        }
        return;
    }
    if list.len() < MAX_ENTRIES {
        seen.insert(e.lock.clone());
        list.push(e);
    }
}

/// One pass over a unit with its callees' current summaries.
fn analyze(unit_idx: usize, unit: &Unit, callees: &Callees) -> (Summary, Found) {
    let direct: Vec<Entry> = unit
        .acquisitions
        .iter()
        .enumerate()
        .map(|(k, a)| Entry {
            lock: a.lock.clone(),
            chain: Chain::here(a.loc),
            if_absent: unit.rare().absent(EventRef::Acquisition(k as u32)),
        })
        .collect();
    let per_call: Vec<Summary> = (0..unit.calls.len())
        .map(|k| {
            let site = Site::of(unit, k);
            let (c, site) = (site.call, &site);
            let s = callees.of(c.callee);
            // A lazy static's initializer runs at the first use only: its locks are ordered
            // under what is held at every use, its waits are not waited for at each.
            let waits_here = site.via != Via::Init;
            // A future this thread runs to its end: what its task waits for, the thread does.
            let run_to_end = unit.rare().run_to_end.contains(&(k as u32));
            let sub = |list: &[Entry]| list.iter().filter_map(|e| substitute(e, site)).collect();
            Summary {
                acquires: sub(&s.acquires),
                returns: sub(&s.returns),
                pending: s
                    .pending
                    .iter()
                    .filter_map(|(h, t)| Some((substitute(h, site)?, substitute(t, site)?)))
                    .collect(),
                waits: s
                    .waits
                    .iter()
                    .filter(|_| waits_here)
                    .map(|w| WaitEntry {
                        object: rebase_object(&w.object, site),
                        releases: w
                            .releases
                            .as_ref()
                            .and_then(|p| rebase(ClassRef::FromRoot, p, site).map(|(_, p)| p)),
                        chain: enter(c, &w.chain),
                        task: w.task && !run_to_end,
                        ..w.clone()
                    })
                    .collect(),
                wakes: s
                    .wakes
                    .iter()
                    .filter(|_| waits_here)
                    .map(|w| WakeEntry {
                        object: rebase_object(&w.object, site),
                        chain: enter(c, &w.chain),
                        ..w.clone()
                    })
                    .collect(),
                thread_waits: rebase_threads(&s.thread_waits, site),
                thread_wakes: rebase_threads(&s.thread_wakes, site),
            }
        })
        .collect();
    let expand = |src: &GuardSrc| -> Vec<Entry> {
        match *src {
            GuardSrc::Acquired(i) => direct.get(i as usize).cloned().into_iter().collect(),
            GuardSrc::Inherited(k) => unit
                .rare()
                .inherited
                .get(k as usize)
                .map(|(lock, loc)| Entry {
                    lock: lock.clone(),
                    chain: Chain::here(*loc),
                    if_absent: None,
                })
                .into_iter()
                .collect(),
            GuardSrc::Returned(k) => per_call
                .get(k as usize)
                .map(|s| s.returns.clone())
                .unwrap_or_default(),
            // The caller's lock, known at each call (`substitute`): held from the start.
            GuardSrc::Param(i) => unit
                .rare()
                .param_guards
                .iter()
                .find(|(p, _)| *p == i)
                .map(|&(_, loc)| Entry {
                    lock: LockRef {
                        class: ClassRef::FromRoot,
                        place: Place::new(Root::Param(i)),
                        flavor: GIVEN_GUARD.0,
                        acquire: GIVEN_GUARD.1,
                    },
                    chain: Chain::here(loc),
                    if_absent: None,
                })
                .into_iter()
                .collect(),
        }
    };

    let mut summary = Summary::default();
    let mut seen = HashSet::default();
    // A lock of a value this function is making (`let db = Db { .. }; db.init()`) is one no
    // other thread can hold while it takes it: no caller waits there for another thread.
    for (e, a) in direct.iter().zip(&unit.acquisitions) {
        if !unit.fresh_at(a.lock.place.root, a.loc) {
            push_unique(&mut summary.acquires, &mut seen, e.clone());
        }
    }
    for (s, c) in per_call.iter().zip(&unit.calls) {
        for e in s
            .acquires
            .iter()
            .filter(|e| !unit.fresh_at(e.lock.place.root, c.loc))
        {
            push_unique(&mut summary.acquires, &mut seen, e.clone());
        }
    }
    let mut seen_ret = HashSet::default();
    for src in &unit.rare().returns {
        for e in expand(src) {
            push_unique(&mut summary.returns, &mut seen_ret, e);
        }
    }

    let mut found = Found::default();
    // One interaction per pair of locks, of acquisition sites (a wrapper's one site takes many
    // locks) and place of waiting: the lock graph keeps
    // one witness per edge and re-acquisition anyway, and the other call paths to the same
    // pair (a deep call graph has many) only cost memory.
    let mut seen_pairs = HashSet::default();
    let mut pair = |held: Entry, taken: Entry, at: Loc, summary: &mut Summary| {
        let known = |e: &Entry| matches!(e.lock.class, ClassRef::Known(_));
        if (known(&held) && known(&taken)) || held.lock.place.same_instance(&taken.lock.place) {
            let key = (
                held.lock.class,
                taken.lock.class,
                held.chain.acquired_at(),
                taken.chain.acquired_at(),
                at,
            );
            if !seen_pairs.insert(key) {
                return;
            }
            found.interactions.push(Interaction {
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

    // Waits and wakes: this unit's own, then its callees', each once (recursion brings them back).
    let mut seen_waits = HashSet::default();
    let mut seen_wakes = HashSet::default();
    let direct_waits = unit.waits.iter().map(|w| {
        let entry = WaitEntry {
            kind: w.kind,
            object: w.object.clone(),
            releases: w.releases.clone(),
            held_params: 0,
            joins: w.joins,
            timed: w.timed,
            task: w.task,
            chain: Chain::here(w.loc),
        };
        (entry, w.held.to_vec(), w.loc)
    });
    let callee_waits = unit.calls.iter().enumerate().flat_map(|(k, c)| {
        per_call[k]
            .waits
            .iter()
            .map(move |w| (w.clone(), held_in_callee(c, w.held_params), c.loc))
    });
    // Waits, wakes and awaits are judged by the kind of lock held, which a guard given by value
    // does not show here (its caller's does).
    let expand_taken_here = |src: &GuardSrc| match src {
        GuardSrc::Param(_) => Vec::new(),
        _ => expand(src),
    };
    let mut seen_held_waits = HashSet::default();
    for (mut wait, held, at) in direct_waits.chain(callee_waits) {
        wait.held_params = params_in(&held);
        // A suspended task blocks no thread: what it holds there is `await_holds`' concern.
        let held = match wait.task {
            true => &[][..],
            false => &held[..],
        };
        for h in held.iter().flat_map(&expand_taken_here) {
            // The mutex a condvar wait releases is not held across it.
            let released = wait
                .releases
                .as_ref()
                .is_some_and(|p| h.lock.place.same_instance(p));
            // One per held acquisition and wait site, as the check reports them.
            let key = (
                h.lock.class,
                h.chain.acquired_at(),
                wait.chain.acquired_at(),
                at,
            );
            if !released && seen_held_waits.insert(key) {
                found.held_waits.push(HeldWait {
                    unit: unit_idx,
                    held: h,
                    wait: wait.clone(),
                    at,
                });
            }
        }
        let key = (wait.kind, wait.object.clone(), wait.chain.acquired_at());
        if summary.waits.len() < MAX_ENTRIES && seen_waits.insert(key) {
            summary.waits.push(wait);
        }
    }
    let direct_wakes = unit.rare().wakes.iter().map(|w| {
        let entry = WakeEntry {
            kind: w.kind,
            object: w.object.clone(),
            chain: Chain::here(w.loc),
        };
        (entry, &w.held)
    });
    let callee_wakes = unit
        .calls
        .iter()
        .enumerate()
        .flat_map(|(k, c)| per_call[k].wakes.iter().map(move |w| (w.clone(), &c.held)));
    for (wake, held) in direct_wakes.chain(callee_wakes) {
        for h in held.iter().flat_map(&expand_taken_here) {
            found.held_wakes.push(HeldWake {
                unit: unit_idx,
                held: h,
                wake: wake.clone(),
            });
        }
        let key = (wake.kind, wake.object.clone(), wake.chain.acquired_at());
        if summary.wakes.len() < MAX_ENTRIES && seen_wakes.insert(key) {
            summary.wakes.push(wake);
        }
    }
    threads::summarize(unit_idx, unit, callees, &per_call, &mut summary);
    for a in &unit.rare().awaits {
        for h in a.held.iter().flat_map(&expand_taken_here) {
            found.await_holds.push(AwaitHold {
                unit: unit_idx,
                held: h,
                at: a.loc,
            });
        }
    }
    (summary, found)
}

/// What this unit holds during a callee's wait at call `c`: what it holds at the call, with the
/// guards it handed over by value only where the callee still holds them (`held_params`).
fn held_in_callee(c: &Call, held_params: u32) -> Vec<GuardSrc> {
    let given = |i: usize| c.args.get(i).and_then(|a| a.gives);
    let handed: Vec<GuardSrc> = (0..c.args.len()).filter_map(given).collect();
    let mut held: Vec<GuardSrc> = c
        .held
        .iter()
        .filter(|g| !handed.contains(g))
        .copied()
        .collect();
    for i in (0..c.args.len().min(32)).filter(|i| held_params & (1 << i) != 0) {
        if let Some(g) = given(i).filter(|g| !held.contains(g)) {
            held.push(g);
        }
    }
    held
}

/// The guards among `held` that the function was given by value, as `WaitEntry::held_params`.
fn params_in(held: &[GuardSrc]) -> u32 {
    held.iter()
        .filter_map(|g| match g {
            GuardSrc::Param(i) if *i < 32 => Some(1 << i),
            _ => None,
        })
        .fold(0, |a, b| a | b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::Arg;
    use crate::index::StaticId;
    use crate::locks::api::{Acquire, Family, Flavor, LockKind, Mode};
    use crate::locks::class::{ClassId, Proj};
    use crate::source::FileId;

    fn loc(line: u32) -> Loc {
        Loc {
            file: FileId(0),
            line,
            column: 1,
            start: 0,
            end: 0,
        }
    }

    fn place(root: Root, proj: &[Proj]) -> Place {
        Place {
            root,
            proj: proj.into(),
        }
    }

    fn field(name: &str) -> Proj {
        Proj::Field(name.into())
    }

    fn call(args: Vec<Arg>) -> Call {
        Call {
            callee: FnId(7),
            args: args.into(),
            loc: loc(3),
            held: Box::default(),
        }
    }

    fn site(call: &Call) -> Site<'_> {
        Site {
            call,
            via: Via::Direct,
            given: &[],
            if_absent: None,
        }
    }

    fn arg(place: Option<Place>, class: Option<ClassRef>) -> Arg {
        Arg {
            place,
            class,
            present: false,
            ..Arg::default()
        }
    }

    const A: ClassRef = ClassRef::Known(ClassId(1));
    const B: ClassRef = ClassRef::Known(ClassId(2));

    #[test]
    fn a_guard_handed_over_is_held_in_the_callee_only_where_it_says() {
        // `helper(guard_a, guard_b)` with `guard_c` held around the call: `guard_a` (taken
        // here, so no longer held by the statement) and `guard_b` (a callee's, still held by it).
        let given = |g| Arg {
            gives: Some(g),
            ..Arg::default()
        };
        let mut c = call(vec![
            given(GuardSrc::Acquired(0)),
            given(GuardSrc::Returned(1)),
        ]);
        c.held = Box::new([GuardSrc::Returned(1), GuardSrc::Acquired(2)]);
        // The callee waits still holding both, neither (a condvar wrapper released one and
        // dropped the other), or the first only.
        assert_eq!(
            held_in_callee(&c, 0b11),
            [
                GuardSrc::Acquired(2),
                GuardSrc::Acquired(0),
                GuardSrc::Returned(1)
            ]
        );
        assert_eq!(held_in_callee(&c, 0), [GuardSrc::Acquired(2)]);
        assert_eq!(
            held_in_callee(&c, 0b01),
            [GuardSrc::Acquired(2), GuardSrc::Acquired(0)]
        );
        assert_eq!(
            params_in(&[GuardSrc::Param(3), GuardSrc::Acquired(0)]),
            0b1000
        );
    }

    #[test]
    fn a_parameter_place_is_re_rooted_at_the_argument() {
        // The callee locks `self.a`; the caller passed `local3.inner`.
        let c = call(vec![arg(
            Some(place(Root::Local(3), &[field("inner")])),
            None,
        )]);
        let got = rebase(A, &place(Root::Param(0), &[field("a")]), &site(&c));
        let want = place(Root::Local(3), &[field("inner"), field("a")]);
        assert_eq!(got, Some((A, want)));
    }

    #[test]
    fn a_lock_passed_in_takes_the_argument_class() {
        // `fn f(m: &Mutex<T>) { m.lock() }` called with a static.
        let s = place(Root::Static(StaticId(0)), &[]);
        let known = call(vec![arg(Some(s.clone()), Some(B))]);
        let from_root = ClassRef::FromRoot;
        assert_eq!(
            rebase(from_root, &place(Root::Param(0), &[]), &site(&known)),
            Some((B, s))
        );
        // Called with a lock nobody can name: nothing to say.
        let unknown = call(vec![arg(None, None)]);
        assert_eq!(
            rebase(from_root, &place(Root::Param(0), &[]), &site(&unknown)),
            None
        );
    }

    #[test]
    fn inside_a_lock_wrapper_the_caller_names_the_lock_unless_through_a_guard() {
        let wrapper = call(vec![arg(Some(place(Root::Param(1), &[])), Some(B))]);
        // The callee locks the wrapper's inner mutex (`self.0.lock()`): the wrapper's class.
        let inner = rebase(A, &place(Root::Param(0), &[field("0")]), &site(&wrapper));
        assert_eq!(inner, Some((B, place(Root::Param(1), &[field("0")]))));
        // Through a guard into the protected data, a lock there is a lock of its own.
        let deep = place(Root::Param(0), &[Proj::Deref, field("x")]);
        let got = rebase(A, &deep, &site(&wrapper));
        assert_eq!(
            got,
            Some((A, place(Root::Param(1), &[Proj::Deref, field("x")])))
        );
    }

    #[test]
    fn what_the_callee_made_or_cannot_name_is_unknown_and_statics_stay() {
        let c = call(vec![]);
        let local = rebase(A, &place(Root::Local(0), &[field("m")]), &site(&c));
        assert_eq!(local, Some((A, Place::unknown())));
        // An input the call does not pass (a default, a macro): an unknown instance.
        let missing = rebase(A, &place(Root::Param(2), &[]), &site(&c));
        assert_eq!(missing, Some((A, Place::unknown())));
        let s = place(Root::Static(StaticId(4)), &[field("m")]);
        assert_eq!(rebase(B, &s, &site(&c)), Some((B, s)));
    }

    #[test]
    fn substitute_enters_the_callee_in_the_chain() {
        let lock = LockRef {
            class: A,
            place: place(Root::Param(0), &[field("a")]),
            flavor: Flavor {
                family: Family::Std,
                kind: LockKind::Mutex,
            },
            acquire: Acquire {
                mode: Mode::Exclusive,
                waits: true,
            },
        };
        let inner = Entry {
            lock,
            chain: Chain::here(loc(10)),
            if_absent: None,
        };
        let c = call(vec![arg(Some(place(Root::Static(StaticId(1)), &[])), None)]);
        let outer = substitute(&inner, &site(&c)).expect("rebased");
        assert_eq!(
            outer.lock.place,
            place(Root::Static(StaticId(1)), &[field("a")])
        );
        let links = outer.chain.links();
        assert_eq!(links.len(), 2);
        assert_eq!((links[0].loc, links[0].enters), (loc(3), Some(FnId(7))));
        assert_eq!(outer.chain.acquired_at(), loc(10));
    }

    #[test]
    fn a_recursive_descent_stops_growing_the_place() {
        // `fn walk(&self) { self.child.lock().walk() }`: each round of the fixpoint re-roots
        // the callee's place at `param0.child.*`, one level deeper, until the cut.
        let c = call(vec![arg(
            Some(place(Root::Param(0), &[field("child"), Proj::Deref])),
            None,
        )]);
        let mut p = place(Root::Param(0), &[field("m")]);
        for _ in 0..20 {
            p = rebase(A, &p, &site(&c)).expect("rebased").1;
        }
        let again = rebase(A, &p, &site(&c)).expect("rebased").1;
        assert_eq!(p, again, "the place is a fixpoint");
        assert_eq!(p.proj.last(), Some(&Proj::Deeper));
        assert!(
            !p.same_instance(&again),
            "a cut place is no certain instance"
        );
        let outer = place(Root::Param(0), &[field("child")]);
        assert!(
            p.inside(&outer),
            "still under the lock it was reached through"
        );
    }
}
