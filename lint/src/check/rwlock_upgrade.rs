//! `rwlock-upgrade`: a write lock requested while the same thread holds the read lock of the
//! same `RwLock`; the writer waits for all readers, this thread among them.

use super::{Cx, Reacquire};
use crate::graph::LockGraph;
use crate::locks::api::Conflict;
use crate::report::{Finding, Kind};

pub fn check(cx: &Cx, graph: &LockGraph) -> Vec<Finding> {
    graph
        .reacquires
        .iter()
        .filter(|it| cx.conflict(it) == Some(Conflict::Upgrade))
        .map(|it| cx.reacquire_finding(it, upgrade()))
        .collect()
}

fn upgrade() -> Reacquire {
    Reacquire {
        kind: Kind::RwlockUpgrade,
        message: |name| format!("write lock requested on `{name}` while this thread holds its read lock"),
        primary: |name| format!("`{name}` write-locked here, still read-held"),
        why: "a writer waits until every reader has left, including this thread, which is waiting for the writer: deadlock".to_string(),
        help: "drop the read guard before taking the write lock and re-check what you read, or take the write lock from the start (parking_lot: `upgradable_read` then `upgrade`)",
    }
}
