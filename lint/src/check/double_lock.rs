//! `double-lock`: a thread waits for a lock it already holds: a non-reentrant lock locked
//! again (directly, through calls, through recursion), or a second read of an `RwLock` whose
//! readers queue behind writers.

use super::Cx;
use crate::graph::LockGraph;
use crate::locks::api::Conflict;
use crate::report::Finding;

pub fn check(cx: &Cx, graph: &LockGraph) -> Vec<Finding> {
    graph
        .reacquires
        .iter()
        .filter_map(|it| match cx.conflict(it)? {
            c @ (Conflict::Relock | Conflict::SharedRelock) => Some(cx.reacquire_finding(it, c)),
            Conflict::Upgrade => None,
        })
        .collect()
}
