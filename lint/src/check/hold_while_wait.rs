//! `hold-while-wait`: a thread blocks (condvar wait, channel receive, join, barrier, park,
//! `block_on`) while it holds a lock. If the thread that would wake it needs that lock first, it
//! never gets to: the classic *nested monitor lockout*, and its channel and join variants. A
//! condvar wait releases the mutex it is given, and only that one.

use std::collections::HashSet;

use super::{Cx, Unseen};
use crate::index::Ty;
use crate::locks::api::{LockKind, Waitable};
use crate::locks::class::{ClassRef, LockRef};
use crate::report::{Finding, Kind, Label, Severity};
use crate::source::Loc;
use crate::summary::HeldWait;

pub fn check(cx: &Cx) -> Vec<Finding> {
    // One finding per wait site, listing every lock held there (however many guards of each: a
    // reentrant lock); in the order the waits were found.
    let mut sites: Vec<((Loc, Loc), Vec<&HeldWait>)> = Vec::new();
    let mut seen = HashSet::new();
    for hw in &cx.summaries.found.held_waits {
        let site = (hw.wait.chain.acquired_at(), hw.at);
        if !seen.insert((hw.held.lock.class, hw.held.lock.place.clone(), site)) {
            continue;
        }
        match sites.iter_mut().find(|(s, _)| *s == site) {
            Some((_, held)) => held.push(hw),
            None => sites.push((site, vec![hw])),
        }
    }
    sites
        .iter()
        .filter_map(|(_, held)| finding(cx, held))
        .collect()
}

/// Who would wake the waiter, and needs the held lock to do it.
struct OtherSide {
    loc: Loc,
    text: String,
}

/// What the code shows of the thread (or task) that would end the wait.
enum Waker {
    /// It needs the held lock first: neither proceeds.
    Needs(OtherSide),
    /// It is in the code and takes no lock this thread holds there: the wait ends.
    Free,
    /// It cannot be seen.
    Unseen,
}

fn waker(cx: &Cx, hw: &HeldWait) -> Waker {
    match other_side(cx, hw) {
        Ok(Some(o)) => Waker::Needs(o),
        Ok(None) => Waker::Free,
        Err(()) if guards_this_end(cx, hw) => Waker::Free,
        Err(()) => Waker::Unseen,
    }
}

/// The wait is on a channel, condvar or barrier a function of the program made, so its other
/// end went to a thread of the program (a channel whose sender is gone does not block); or in
/// a function the configuration says blocks. Not a join: a handle's class is where it was
/// kept, which says nothing of the thread it joins.
fn made_here(cx: &Cx, hw: &HeldWait) -> bool {
    let has_other_end = matches!(
        hw.wait.kind,
        Waitable::Condvar
            | Waitable::Receiver
            | Waitable::AsyncReceiver
            | Waitable::SyncSender
            | Waitable::AsyncSender
            | Waitable::Barrier
    );
    hw.wait.kind == Waitable::Configured
        || has_other_end
            && hw
                .wait
                .object
                .as_ref()
                .is_some_and(|o| matches!(o.class, ClassRef::Known(c) if cx.classes.is_local(c)))
}

/// The held lock keeps the very channel end this thread waits on (`rx.lock().recv()`, a
/// struct whose receiver is behind a mutex): it serializes the users of that end. The other
/// end is kept elsewhere, and sends or receives without this lock; not when the struct keeps
/// both ends (`Mutex<Ends { tx, rx }>`), whose other side needs the lock to reach its end.
fn guards_this_end(cx: &Cx, hw: &HeldWait) -> bool {
    let receives = matches!(hw.wait.kind, Waitable::Receiver | Waitable::AsyncReceiver);
    let sends = matches!(hw.wait.kind, Waitable::SyncSender | Waitable::AsyncSender);
    let Some(end) = hw.wait.object.as_ref().filter(|_| receives || sends) else {
        return false;
    };
    let lock = &hw.held.lock;
    // Taken out of the lock's data (`Mutex<Option<Receiver<T>>>`), an end is known by that
    // lock's class, and the data is that end.
    if matches!(lock.class, ClassRef::Known(_)) && end.class == lock.class {
        return true;
    }
    if !end.place.inside(&lock.place) {
        return false;
    }
    let ClassRef::Known(field) = end.class else {
        return false;
    };
    let Some((owner, _)) = cx.classes.field_of(field) else {
        return false;
    };
    let other_end = |ty: &Ty| match ty {
        Ty::Waitable(w) if receives => matches!(
            w,
            Waitable::Sender | Waitable::SyncSender | Waitable::AsyncSender
        ),
        Ty::Waitable(w) => matches!(w, Waitable::Receiver | Waitable::AsyncReceiver),
        _ => false,
    };
    !cx.index
        .ty(owner)
        .fields
        .iter()
        .any(|(_, ty)| other_end(ty))
}

/// The waker that needs the held lock (`Ok(Some)`), none when every waker the code shows takes
/// nothing held here (`Ok(None)`), or `Err` when the code does not show who wakes.
fn other_side(cx: &Cx, hw: &HeldWait) -> Result<Option<OtherSide>, ()> {
    let held_name = cx.lock_name(hw.unit, &hw.held.lock);
    // The same lock: the same class, or, for a lock the function was given (its class is the
    // caller's), the same parameter, as seen by the function and the threads it spawns.
    let same_lock = |l: &LockRef| match (hw.held.lock.class, l.class) {
        (ClassRef::Known(a), ClassRef::Known(b)) => a == b,
        (ClassRef::FromRoot, ClassRef::FromRoot) => l.place.same_instance(&hw.held.lock.place),
        _ => false,
    };
    // A `try_lock` never waits: a thread that only tries the lock is not held up by it.
    let takes_held = |u: usize| {
        cx.summaries
            .of(u)
            .acquires
            .iter()
            .find(|e| e.lock.acquire.waits && same_lock(&e.lock))
    };
    if hw.wait.kind == Waitable::Tasks {
        return Ok((0..cx.units.len())
            .filter(|&u| cx.units[u].rare().task)
            .find_map(|u| {
                let e = takes_held(u)?;
                Some(OtherSide {
                    loc: e.chain.acquired_at(),
                    text: format!(
                        "a task spawned on a runtime (`{}`) takes `{held_name}` at {}: a task blocked there never yields, and the runtime's drop waits for it",
                        cx.unit_name(u),
                        cx.at(e.chain.acquired_at())
                    ),
                })
            }));
    }
    let joined = |u: usize| {
        let e = takes_held(u)?;
        Some(OtherSide {
            loc: e.chain.acquired_at(),
            text: format!(
                "the joined thread (`{}`) takes `{held_name}` at {}: it cannot finish while this thread holds it",
                cx.unit_name(u),
                cx.at(e.chain.acquired_at())
            ),
        })
    };
    if let Some(u) = hw.wait.joins {
        return Ok(joined(u));
    }
    let object = hw.wait.object.as_ref().ok_or(())?;
    let ClassRef::Known(obj) = object.class else {
        return Err(());
    };
    if hw.wait.kind == Waitable::JoinHandle {
        // A handle taken from where spawned threads keep theirs joins one of them.
        let mut kept: Vec<usize> = cx
            .units
            .iter()
            .flat_map(|u| u.rare().keeps.iter())
            .filter(|(c, _)| *c == ClassRef::Known(obj))
            .map(|&(_, u)| u)
            .collect();
        // Kept in the data of a guard a call returned: the lock its callee returns.
        for unit in cx.units {
            for &(k, t) in &unit.rare().keeps_returned {
                let Some(call) = unit.calls.get(k as usize) else {
                    continue;
                };
                let callee = cx.units.iter().position(|u| u.func == Some(call.callee));
                let returns = callee.map(|c| &cx.summaries.of(c).returns);
                if returns.is_some_and(|r| r.iter().any(|e| e.lock.class == ClassRef::Known(obj))) {
                    kept.push(t);
                }
            }
        }
        if kept.is_empty() {
            return Err(());
        }
        return Ok(kept.into_iter().find_map(joined));
    }
    if hw.wait.kind == Waitable::Barrier {
        // The other parties are the threads started to meet this one there. Each must arrive
        // to open it: one that takes the held lock on its way (before its own wait) cannot.
        let same_barrier = |w: &crate::summary::WaitEntry| {
            w.kind == Waitable::Barrier
                && w.object
                    .as_ref()
                    .is_some_and(|o| o.class == ClassRef::Known(obj))
        };
        let mut parties: Vec<(usize, Loc)> = (0..cx.units.len())
            .filter(|&u| u != hw.unit && cx.units[u].func.is_none())
            .filter_map(|u| {
                let w = cx.summaries.of(u).waits.iter().find(|w| same_barrier(w))?;
                Some((u, w.chain.loc))
            })
            .collect();
        // Threads started by a callee that was handed the barrier (`start_vcpu(.., barrier)`):
        // the barrier is the callee's parameter where they wait, this one where it is passed.
        for s in (0..cx.units.len()).map(|u| cx.summaries.of(u)) {
            for (t, w) in &s.thread_waits {
                if *t != hw.unit && same_barrier(w) && !parties.iter().any(|p| p.0 == *t) {
                    parties.push((*t, w.chain.loc));
                }
            }
        }
        if parties.is_empty() {
            return Err(());
        }
        return Ok(parties.into_iter().find_map(|(u, arrives)| {
            let e = cx.summaries.of(u).acquires.iter().find(|e| {
                e.lock.acquire.waits
                    && same_lock(&e.lock)
                    && e.chain.loc.file == arrives.file
                    && e.chain.loc.start < arrives.start
            })?;
            Some(OtherSide {
                loc: e.chain.acquired_at(),
                text: format!(
                    "`{}` also waits at this barrier and takes `{held_name}` on its way there, at {}: it cannot arrive while this thread holds it",
                    cx.unit_name(u),
                    cx.at(e.chain.acquired_at())
                ),
            })
        }));
    }
    let wakes_this = |k: Waitable| match hw.wait.kind {
        Waitable::Condvar => k == Waitable::Condvar,
        Waitable::Receiver | Waitable::AsyncReceiver => {
            matches!(
                k,
                Waitable::Sender | Waitable::SyncSender | Waitable::AsyncSender
            )
        }
        _ => false,
    };
    // The waiter's own notify (`*status = Running; cv.notify_all(); while .. { cv.wait(..) }`)
    // wakes others, not itself: a wake in the body that waits, whoever calls it.
    let body = |unit: usize, chain: &std::rc::Rc<crate::summary::Chain>| {
        chain
            .links()
            .iter()
            .rev()
            .find_map(|l| l.enters)
            .ok_or(unit)
    };
    let waits_in = body(hw.unit, &hw.wait.chain);
    let own = |w: &crate::summary::HeldWake| body(w.unit, &w.wake.chain) == waits_in;
    // Certain: the waker holds the lock at the moment it wakes.
    let certain = cx.summaries.found.held_wakes.iter().find(|w| {
        same_lock(&w.held.lock)
            && !own(w)
            && wakes_this(w.wake.kind)
            && w.wake
                .object
                .as_ref()
                .is_some_and(|o| o.class == ClassRef::Known(obj))
    });
    if let Some(w) = certain {
        return Ok(Some(OtherSide {
            loc: w.wake.chain.acquired_at(),
            text: format!(
                "`{}` holds `{held_name}` when it wakes this waiter at {}: it blocks on `{held_name}` first, so the waiter is never woken",
                cx.unit_name(w.unit),
                cx.at(w.wake.chain.acquired_at())
            ),
        }));
    }
    // Likely: a thread that wakes it also takes the lock. Not for a cell: forcing it before or
    // after its initializer ran is the common case, and costs nothing.
    if hw.held.lock.flavor.kind == LockKind::Once {
        return Err(());
    }
    let on_this = |o: &Option<crate::events::Object>| {
        o.as_ref().is_some_and(|o| o.class == ClassRef::Known(obj))
    };
    // A send to a full bounded channel waits for the receiver to take a message.
    let bounded_send = matches!(hw.wait.kind, Waitable::SyncSender | Waitable::AsyncSender);
    // Wake-ups of threads that a callee started with the channel or condvar it was handed
    // (`start_listener(tx)`): known by what the caller handed down.
    let handed_down: Vec<(usize, &crate::summary::WakeEntry)> = (0..cx.units.len())
        .flat_map(|u| cx.summaries.of(u).thread_wakes.iter())
        .filter(|(_, w)| on_this(&w.object))
        .map(|(t, w)| (*t, w))
        .collect();
    let waking = |u: usize| {
        let s = cx.summaries.of(u);
        match bounded_send {
            true => s
                .waits
                .iter()
                .find(|w| {
                    matches!(w.kind, Waitable::Receiver | Waitable::AsyncReceiver)
                        && on_this(&w.object)
                })
                .map(|w| w.chain.clone()),
            false => s
                .wakes
                .iter()
                .chain(handed_down.iter().filter(|(t, _)| *t == u).map(|(_, w)| *w))
                .find(|w| wakes_this(w.kind) && on_this(&w.object) && body(u, &w.chain) != waits_in)
                .map(|w| w.chain.clone()),
        }
    };
    let wakers: Vec<usize> = (0..cx.units.len())
        .filter(|&u| waking(u).is_some())
        .collect();
    // A waker that wakes from elsewhere and takes the lock only by doing what the waiter does
    // where it waits (another sender, blocked in the same `send`) takes it as the waiter's
    // peer, on its own instance of the structure (a pipeline stage sending on to the next
    // channel of one type): not a need. One that wakes from that function too is the same
    // operation seen from the other thread (a handler that runs it on the main thread).
    let wait_fn = match waits_in {
        Ok(f) => Some(f),
        Err(u) => cx.units[u].func,
    };
    let through_wait_fn = |chain: &std::rc::Rc<crate::summary::Chain>| {
        chain
            .links()
            .iter()
            .any(|l| l.enters.is_some_and(|f| Some(f) == wait_fn))
    };
    let likely = wakers.iter().find_map(|&u| {
        let wake = waking(u)?;
        let peer = !through_wait_fn(&wake);
        let e = cx
            .summaries
            .of(u)
            .acquires
            .iter()
            .filter(|e| !(peer && through_wait_fn(&e.chain)))
            .find(|e| e.lock.acquire.waits && same_lock(&e.lock))?;
        let wakes = match bounded_send {
            true => "makes room for this sender by receiving",
            false => "wakes this waiter",
        };
        Some(OtherSide {
            loc: wake.acquired_at(),
            text: format!(
                "`{}` {wakes} (at {}) and takes `{held_name}` (at {}): if it takes it first, it waits for this thread, which waits for it",
                cx.unit_name(u),
                cx.at(wake.acquired_at()),
                cx.at(e.chain.acquired_at())
            ),
        })
    });
    // A channel or condvar a function made, whose other end it handed to threads it started:
    // those threads are its only wakers, and none needs the lock.
    let local_to_threads = cx.classes.is_local(obj)
        && !wakers.is_empty()
        && wakers.iter().all(|&u| cx.units[u].func.is_none());
    match likely {
        Some(o) => Ok(Some(o)),
        None if local_to_threads => Ok(None),
        None => Err(()),
    }
}

/// The finding for the locks held at one wait; none when the code shows every thread that would
/// end the wait and none of them needs a lock held here (the wait ends).
fn finding(cx: &Cx, at_wait: &[&HeldWait]) -> Option<Finding> {
    let first = at_wait.first()?;
    // Each lock held, with what the code shows of the waker's need for it.
    let held: Vec<(&HeldWait, Option<OtherSide>)> = at_wait
        .iter()
        .filter_map(|hw| match waker(cx, hw) {
            Waker::Needs(o) => Some((*hw, Some(o))),
            Waker::Free => None,
            // Waiting while holding a permit is what a semaphore is for (it bounds the
            // waiters), and an initializer may wait for what it initializes from: a deadlock
            // only when the waker needs a permit back, or forces the cell while it waits.
            Waker::Unseen
                if matches!(
                    hw.held.lock.flavor.kind,
                    LockKind::Semaphore | LockKind::Once
                ) =>
            {
                None
            }
            // A wait that gives up (`recv_timeout`) cannot block forever: with no waker in
            // sight, at worst a slow path. One whose waker needs the lock still times out every
            // time, and is reported.
            Waker::Unseen if hw.wait.timed => None,
            Waker::Unseen => match cx.unseen_wakers {
                Unseen::Every(_) => Some((*hw, None)),
                Unseen::MadeHere if made_here(cx, hw) => Some((*hw, None)),
                Unseen::MadeHere | Unseen::Off => None,
            },
        })
        .collect();
    if held.is_empty() {
        return None;
    }
    let hw = first;
    let what = match hw.wait.kind {
        Waitable::Condvar => "waiting on a condition variable".to_string(),
        Waitable::Receiver | Waitable::AsyncReceiver => "blocking on a channel receive".to_string(),
        Waitable::SyncSender | Waitable::AsyncSender => {
            "blocking on a send to a bounded channel".to_string()
        }
        Waitable::JoinHandle => "joining a thread".to_string(),
        Waitable::ScopeEnd => "waiting for the threads of a scope to end".to_string(),
        Waitable::Barrier => "waiting at a barrier".to_string(),
        Waitable::Runtime | Waitable::RuntimeHandle | Waitable::Park | Waitable::Configured => {
            "blocking the thread".to_string()
        }
        Waitable::Tasks => "dropping a runtime, which waits for its running tasks".to_string(),
        Waitable::Sender => "sending".to_string(),
    };
    let names: Vec<String> = held
        .iter()
        .map(|(h, _)| cx.lock_name(h.unit, &h.held.lock))
        .collect();
    let listed = list(&names);
    let direct = hw.wait.chain.next.is_none();
    let mut labels: Vec<Label> = held
        .iter()
        .zip(&names)
        .map(|((h, _), name)| Label {
            loc: h.held.chain.loc,
            message: format!("`{name}` acquired here"),
            primary: false,
        })
        .collect();
    labels.push(Label {
        loc: hw.at,
        message: if direct {
            format!("{what} while holding {listed}")
        } else {
            format!(
                "this call ends up {what} while {listed} {} held",
                are(&names)
            )
        },
        primary: true,
    });
    if !direct {
        labels.push(Label {
            loc: hw.wait.chain.acquired_at(),
            message: format!(
                "blocks here, in `{}`",
                cx.reached_in(hw.unit, &hw.wait.chain)
            ),
            primary: false,
        });
    }
    let mut notes = Vec::new();
    if hw.wait.kind == Waitable::Condvar {
        notes.push(format!(
            "note: a condvar wait releases only the mutex whose guard it is given; {listed} {} locked while this thread sleeps",
            if names.len() == 1 { "stays" } else { "stay" }
        ));
    }
    let via = cx.via_chain(&hw.wait.chain);
    if !via.is_empty() {
        notes.push(format!("note: the wait happens{via}"));
    }
    let mut needed = false;
    for (_, other) in &held {
        if let Some(o) = other {
            needed = true;
            labels.push(Label {
                loc: o.loc,
                message: "the thread that would wake it needs the lock".to_string(),
                primary: false,
            });
            notes.push(format!("note: {}", o.text));
        }
    }
    let severity = if needed {
        if hw.wait.kind == Waitable::Condvar {
            notes.push("note: this is a nested monitor lockout: one thread holds the lock and waits for a signal, the other needs the lock to send it".to_string());
        }
        Severity::Error
    } else {
        notes.push(format!(
            "note: if the thread that would wake this one needs {listed}, neither proceeds; the code does not show that thread (`unseen-wakers = \"allow\"` in the configuration stops reporting such waits)"
        ));
        match cx.unseen_wakers {
            Unseen::Every(severity) => severity,
            Unseen::MadeHere | Unseen::Off => Kind::HoldWhileWait.default_severity(),
        }
    };
    let (scope, it) = match names.len() {
        1 => ("end its scope or `drop` the guard", "it"),
        _ => ("end their scopes or `drop` the guards", "them"),
    };
    notes.push(format!(
        "help: release {listed} before blocking ({scope}), or make the waker not need {it}"
    ));
    labels.sort();
    labels.dedup_by(|a, b| a.loc == b.loc);
    let subject = match (names.len(), hw.held.lock.flavor.kind) {
        (1, LockKind::Semaphore) => format!("a permit of {listed} is"),
        _ => format!("{listed} {}", are(&names)),
    };
    Some(Finding {
        kind: Kind::HoldWhileWait,
        severity,
        message: format!("{subject} held while {what}"),
        flows: held
            .iter()
            .zip(&names)
            .map(|((h, _), name)| {
                let mut steps = vec![Label {
                    loc: h.held.chain.loc,
                    message: format!("holds `{name}`"),
                    primary: false,
                }];
                steps.extend(cx.chain_steps(&h.wait.chain, &what));
                steps
            })
            .collect(),
        functions: vec![cx.unit_name(hw.unit).to_string()],
        // A call made holding the lock that blocks down several paths, or a wait in a helper
        // that several calls reach holding it: one place to fix.
        causes: match hw.wait.chain.next {
            Some(_) => vec![hw.wait.chain.loc, hw.wait.chain.acquired_at()],
            None => Vec::new(),
        },
        locks: names,
        labels,
        notes,
    })
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn are(names: &[String]) -> &'static str {
    if names.len() == 1 {
        "is"
    } else {
        "are"
    }
}
