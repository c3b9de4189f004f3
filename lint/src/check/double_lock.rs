//! `double-lock`: a thread waits for a lock it already holds: a non-reentrant lock locked
//! again (directly, through calls, through recursion), a second read of an `RwLock` whose
//! readers queue behind writers, a second permit of a semaphore, or a cell forced again from
//! its own initializer.

use super::{Cx, Reacquire};
use crate::graph::LockGraph;
use crate::locks::api::{Conflict, Family, LockKind};
use crate::locks::class::ClassRef;
use crate::report::{Finding, Kind};
use crate::summary::Interaction;

pub fn check(cx: &Cx, graph: &LockGraph) -> Vec<Finding> {
    graph
        .reacquires
        .iter()
        .filter_map(|it| match cx.conflict(it)? {
            Conflict::Relock if it.held.lock.flavor.kind == LockKind::Once => {
                Some(cx.reacquire_finding(it, reinit()))
            }
            Conflict::Relock => Some(cx.reacquire_finding(it, relock(it))),
            Conflict::SharedRelock => Some(cx.reacquire_finding(it, shared_relock(cx, it))),
            Conflict::Permits => Some(cx.reacquire_finding(it, permits(cx, it))),
            Conflict::Upgrade => None,
        })
        .collect()
}

fn relock(it: &Interaction) -> Reacquire {
    let flavor = it.held.lock.flavor;
    Reacquire {
        kind: Kind::DoubleLock,
        message: |name| format!("`{name}` is locked again while this thread already holds it"),
        primary: |name| format!("`{name}` locked again here"),
        why: format!(
            "{} `{}` is not reentrant: the second `{}` waits for the guard this same thread holds, forever{}",
            flavor.family_name(),
            flavor.kind.type_name(),
            it.taken.lock.acquire.mode.verb(),
            if flavor.family == Family::Std { " (std may panic instead)" } else { "" }
        ),
        help: "drop the first guard before this point, or pass the locked data (or the guard) down instead of locking again",
    }
}

fn reinit() -> Reacquire {
    Reacquire {
        kind: Kind::DoubleLock,
        message: |name| {
            format!("`{name}` is forced again while its initializer is running on this thread")
        },
        primary: |name| format!("`{name}` forced again here, from its own initializer"),
        why: "a one-time-initialized cell (`OnceLock`, `LazyLock`, `lazy_static!`, `Once`) makes every thread that forces it wait while its initializer runs, the initializing thread included: it waits for itself (std documents that this deadlocks or panics)".to_string(),
        help: "compute what the initializer needs without reaching the cell (pass it in, or initialize the dependency first)",
    }
}

fn shared_relock(cx: &Cx, it: &Interaction) -> Reacquire {
    let writer = match cx.a_writer(it.held.lock.class) {
        Some(w) => format!(" (a writer is in the code: {w})"),
        None => {
            " (no writer of it is in the code analyzed: one elsewhere, or added later, is enough)"
                .to_string()
        }
    };
    let async_lock = it.held.lock.flavor.is_async();
    Reacquire {
        kind: Kind::DoubleLock,
        message: |name| {
            format!("`{name}` is read-locked again while this thread already holds a read lock on it")
        },
        primary: |name| format!("`{name}` locked again here"),
        why: format!(
            "{} `RwLock` lets a waiting writer go first: it deadlocks only when a writer queues between the two reads{writer}; then the second read waits for the writer and the writer waits for the first read",
            it.held.lock.flavor.family_name()
        ),
        // parking_lot's `read_recursive` is the only reader that does not queue behind writers.
        help: match (it.held.lock.flavor.family == Family::ParkingLot, async_lock) {
            (true, _) => "pass the data (or the guard) down instead of locking again, or use parking_lot's `read_recursive`",
            _ => "pass the data (or the guard) down instead of locking again",
        },
    }
}

fn permits(cx: &Cx, it: &Interaction) -> Reacquire {
    let flavor = it.held.lock.flavor;
    let count = match it.held.lock.class {
        ClassRef::Known(c) => cx.classes.permits(c),
        _ => None,
    };
    let who = if flavor.is_async() { "task" } else { "thread" };
    Reacquire {
        kind: Kind::DoubleLock,
        message: |name| {
            format!("a permit of `{name}` is acquired again while this code already holds one")
        },
        primary: |name| format!("second permit of `{name}` acquired here"),
        why: format!(
            "{} `Semaphore`{}: it deadlocks as soon as every permit is held by a {who} that waits here for a second one, since none of them ever gives one back",
            flavor.family_name(),
            count.map_or(String::new(), |n| format!(
                " with {n} permit{}",
                if n == 1 { "" } else { "s" }
            )),
        ),
        help: "use the permit already held (pass it down), or acquire all the permits needed at once (`acquire_many`)",
    }
}
