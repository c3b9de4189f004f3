//! The finding model (last step of the pipeline): what every check produces and every output
//! format renders. Formats live beside it, one file each.

pub mod human;
pub mod json;

use serde::Serialize;

use crate::source::Loc;

/// The stable identifiers of finding kinds. Adding a kind means a variant here, its entry in
/// [`Kind::ALL`], and a check in `check/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    LockOrderCycle,
    DoubleLock,
    RwlockUpgrade,
    HoldWhileWait,
    AwaitHoldingLock,
    HierarchyViolation,
    HierarchyCycle,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::LockOrderCycle,
        Kind::DoubleLock,
        Kind::RwlockUpgrade,
        Kind::HoldWhileWait,
        Kind::AwaitHoldingLock,
        Kind::HierarchyViolation,
        Kind::HierarchyCycle,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::LockOrderCycle => "lock-order-cycle",
            Kind::DoubleLock => "double-lock",
            Kind::RwlockUpgrade => "rwlock-upgrade",
            Kind::HoldWhileWait => "hold-while-wait",
            Kind::AwaitHoldingLock => "await-holding-lock",
            Kind::HierarchyViolation => "hierarchy-violation",
            Kind::HierarchyCycle => "hierarchy-cycle",
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            Kind::LockOrderCycle => "locks are taken in conflicting orders; threads can deadlock",
            Kind::DoubleLock => "a lock is taken again by the thread that already holds it",
            Kind::RwlockUpgrade => {
                "a write lock is requested while the same thread holds the read lock"
            }
            Kind::HoldWhileWait => {
                "a thread blocks (condvar, channel, join, ...) while holding a lock its waker may need"
            }
            Kind::AwaitHoldingLock => "a blocking lock's guard is held across an `.await`",
            Kind::HierarchyViolation => {
                "a thread waits for a lock declared to come before a lock it holds"
            }
            Kind::HierarchyCycle => "`#[lock_order]` declarations contradict each other",
        }
    }

    /// Severity when the check has no stronger evidence: a hold-while-wait whose other side is
    /// found in the code is raised to an error by its check.
    pub fn default_severity(self) -> Severity {
        match self {
            Kind::HoldWhileWait | Kind::AwaitHoldingLock => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One location of a finding, with what happens there.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub loc: Loc,
    pub message: String,
    /// The place the finding points at first; other labels are context.
    pub primary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    /// Display names of the lock classes involved, in the order the message uses them.
    pub locks: Vec<String>,
    pub labels: Vec<Label>,
    /// Explanations printed after the code: call chains, the interleaving, how to fix.
    pub notes: Vec<String>,
}

impl Finding {
    pub fn primary(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
    }
}

/// A diagnostic about the run itself (a file that does not parse, a package that cannot be
/// read): not a finding, but the user must see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(message: String) -> Self {
        Problem {
            severity: Severity::Error,
            message,
        }
    }

    pub fn warning(message: String) -> Self {
        Problem {
            severity: Severity::Warning,
            message,
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub crates: usize,
    pub files: usize,
    pub files_unparsed: usize,
    pub functions: usize,
    pub lock_classes: usize,
    pub acquisitions: usize,
    pub lock_order_edges: usize,
}

pub struct Report {
    pub findings: Vec<Finding>,
    pub problems: Vec<Problem>,
    pub stats: Stats,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}
