//! `rwlock-upgrade`: a write lock requested while the same thread holds the read lock of the
//! same `RwLock`; the writer waits for all readers, this thread among them.

use super::Cx;
use crate::graph::LockGraph;
use crate::locks::api::Conflict;
use crate::report::Finding;

pub fn check(cx: &Cx, graph: &LockGraph) -> Vec<Finding> {
    graph
        .reacquires
        .iter()
        .filter(|it| cx.conflict(it) == Some(Conflict::Upgrade))
        .map(|it| cx.reacquire_finding(it, Conflict::Upgrade))
        .collect()
}
