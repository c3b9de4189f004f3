//! The finding model (last step of the pipeline): what every check produces and every output
//! format renders. Formats live beside it, one file each.

pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

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
    SuppressionWithoutReason,
    UnusedSuppression,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::LockOrderCycle,
        Kind::DoubleLock,
        Kind::RwlockUpgrade,
        Kind::HoldWhileWait,
        Kind::AwaitHoldingLock,
        Kind::HierarchyViolation,
        Kind::HierarchyCycle,
        Kind::SuppressionWithoutReason,
        Kind::UnusedSuppression,
    ];

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Kind::LockOrderCycle => "lock-order-cycle",
            Kind::DoubleLock => "double-lock",
            Kind::RwlockUpgrade => "rwlock-upgrade",
            Kind::HoldWhileWait => "hold-while-wait",
            Kind::AwaitHoldingLock => "await-holding-lock",
            Kind::HierarchyViolation => "hierarchy-violation",
            Kind::HierarchyCycle => "hierarchy-cycle",
            Kind::SuppressionWithoutReason => "suppression-without-reason",
            Kind::UnusedSuppression => "unused-suppression",
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
            Kind::SuppressionWithoutReason => "a suppression does not say why the finding is safe",
            Kind::UnusedSuppression => "a suppression matches no finding",
        }
    }

    /// Severity when the check has no stronger evidence: a hold-while-wait whose other side is
    /// found in the code is raised to an error by its check.
    pub fn default_severity(self) -> Severity {
        match self {
            Kind::HoldWhileWait
            | Kind::AwaitHoldingLock
            | Kind::SuppressionWithoutReason
            | Kind::UnusedSuppression => Severity::Warning,
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
    /// The path of each thread involved, step by step (SARIF code flows).
    pub flows: Vec<Vec<Label>>,
    /// The functions where it happens, by path: with the kind and the locks, what identifies
    /// the finding across unrelated edits (no line numbers).
    pub functions: Vec<String>,
}

impl Finding {
    /// A fingerprint stable across edits that do not change what the finding is about.
    pub fn fingerprint(&self) -> String {
        // FNV-1a: small, stable across Rust versions and platforms (unlike `DefaultHasher`).
        let mut functions = self.functions.clone();
        functions.sort();
        functions.dedup();
        let key = format!(
            "{}|{}|{}",
            self.kind.code(),
            self.locks.join(","),
            functions.join(",")
        );
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{hash:016x}")
    }

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
    /// Findings left out because the baseline (`--baseline`) already records them.
    pub baselined: usize,
}

pub struct Report {
    pub findings: Vec<Finding>,
    pub problems: Vec<Problem>,
    pub stats: Stats,
}

impl Report {
    /// `--deny warnings`: every warning counts as an error.
    pub fn deny_warnings(&mut self) {
        for f in &mut self.findings {
            f.severity = Severity::Error;
        }
    }

    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    /// The macro validates kind names against the shared list; it must be this registry.
    #[test]
    fn the_attribute_grammar_knows_every_kind() {
        let codes: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes, lockorder_attr::KINDS);
    }
}
