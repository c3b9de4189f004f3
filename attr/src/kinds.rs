//! The registry of finding kinds: every kind's stable code, default severity, one-line summary,
//! description (README's table, SARIF's full description) and `--explain` text (in `kinds/`),
//! in one table. The analyzer's finding model, `--explain`, the SARIF rules, the attribute's
//! list of valid kinds (`allow(..)`) and README's table all come from it.

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What the registry says of one kind.
pub struct KindInfo {
    /// The stable identifier: suppressions, configuration and output formats name kinds by it.
    pub code: &'static str,
    /// Severity when the check has no stronger evidence (a check may raise it).
    pub severity: Severity,
    pub summary: &'static str,
    /// Markdown, one paragraph.
    pub description: &'static str,
    /// What it means, a minimal bad example, why it deadlocks, how to fix it.
    pub explain: &'static str,
}

macro_rules! registry {
    ($($kind:ident => $info:expr,)*) => {
        /// The kinds of finding.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($kind,)*
        }

        impl Kind {
            /// Every kind, in the order reports list them.
            pub const ALL: &'static [Kind] = &[$(Kind::$kind,)*];

            pub fn info(self) -> &'static KindInfo {
                match self {
                    $(Kind::$kind => {
                        const INFO: KindInfo = $info;
                        &INFO
                    })*
                }
            }
        }
    };
}

registry! {
    LockOrderCycle => KindInfo {
        code: "lock-order-cycle",
        severity: Severity::Error,
        summary: "locks are taken in conflicting orders; threads can deadlock",
        description: "a cycle among lock classes: A -> B and B -> A, or A -> B -> C -> D -> A, each edge \"waits for B while holding A\" somewhere in the crate, through any depth of calls. Also one class nested in itself: two instances (`from.balance` then `to.balance`) taken with no order between them (two differently named fields of one struct, nested as the code names them, are ordered; a lock reached through the guard of another of its class is ordered after it, and so are two objects the function compares by a key first). Semaphore permits and one-time initialization (`OnceLock`, `LazyLock`, `lazy_static!`, held while the initializer runs) take part like locks.",
        explain: include_str!("kinds/lock-order-cycle.txt"),
    },
    DoubleLock => KindInfo {
        code: "double-lock",
        severity: Severity::Error,
        summary: "a lock is taken again by the thread that already holds it",
        description: "a thread waits for a lock it already holds: directly, through calls, through recursion, or because a guard lives longer than it looks. A second `read()` of a std, parking_lot or tokio `RwLock` counts: a writer that queues between the two reads deadlocks it. So do a second permit of a semaphore (once the permits run out) and a cell forced again from its own initializer. A lock taken again while other locks are held is this finding only, not also an order after them.",
        explain: include_str!("kinds/double-lock.txt"),
    },
    RwlockUpgrade => KindInfo {
        code: "rwlock-upgrade",
        severity: Severity::Error,
        summary: "a write lock is requested while the same thread holds the read lock",
        description: "a write lock requested on an `RwLock` while the same thread holds its read lock.",
        explain: include_str!("kinds/rwlock-upgrade.txt"),
    },
    HoldWhileWait => KindInfo {
        code: "hold-while-wait",
        severity: Severity::Warning,
        summary: "a thread blocks (condvar, channel, join, ...) while holding a lock its waker may need",
        description: "a thread blocks while holding a lock: a condvar wait (which releases only its own mutex: *nested monitor lockout*), a channel receive or bounded send, a join, a barrier, `thread::park`, `block_on` of a future that waits for one of those, directly or inside a call; one finding per wait, listing the locks held there. Raised to an **error** when the other side is in the code (the notifier, sender or joined thread needs that lock); no finding when the code shows every thread that would end the wait and none needs it; when it shows none, a warning if the wait is on a channel, condvar or barrier a function of the program made and handed on or in a configured blocking function, not reported otherwise (`unseen-wakers` in the configuration: `\"warn\"` reports every such wait, `\"deny\"` as errors, `\"allow\"` none). A wait with a timeout (`recv_timeout`, `wait_timeout`, `park_timeout`) is reported only when the other side needs the lock: it cannot block forever. Dropping a tokio `Runtime` (it waits for its tasks) and a semaphore permit held at a wait are reported only when the other side needs the lock or a permit.",
        explain: include_str!("kinds/hold-while-wait.txt"),
    },
    AwaitHoldingLock => KindInfo {
        code: "await-holding-lock",
        severity: Severity::Warning,
        summary: "a blocking lock's guard is held across an `.await`",
        description: "the guard of a blocking lock (std, parking_lot, spin) is alive across an `.await`, directly or because a callee returned it; one finding per guard, pointing at every await. Async-aware locks (tokio, async-std, futures) are fine; a guard dropped before the await (by `drop`, by scope, or as a temporary) is fine, and so is a lock that nothing in the code waits for (every taker uses `try_lock`).",
        explain: include_str!("kinds/await-holding-lock.txt"),
    },
    HierarchyViolation => KindInfo {
        code: "hierarchy-violation",
        severity: Severity::Error,
        summary: "a thread waits for a lock declared to come before a lock it holds",
        description: "a thread waits for a lock declared to come before a lock it holds (or whose level is not higher), through any depth of calls; reported even when no cycle exists yet, with the declaration as a related location.",
        explain: include_str!("kinds/hierarchy-violation.txt"),
    },
    HierarchyCycle => KindInfo {
        code: "hierarchy-cycle",
        severity: Severity::Error,
        summary: "`#[lock_order]` declarations contradict each other",
        description: "declarations that contradict each other (A before B, B before A, possibly through several declarations), reported at the declarations.",
        explain: include_str!("kinds/hierarchy-cycle.txt"),
    },
    SuppressionWithoutReason => KindInfo {
        code: "suppression-without-reason",
        severity: Severity::Warning,
        summary: "a suppression does not say why the finding is safe",
        description: "a suppression (comment or attribute) that does not say why the finding it silences is safe.",
        explain: include_str!("kinds/suppression-without-reason.txt"),
    },
    UnusedSuppression => KindInfo {
        code: "unused-suppression",
        severity: Severity::Warning,
        summary: "a suppression matches no finding",
        description: "a suppression that matches no finding: the finding is gone, or the suppression names the wrong kind or sits on the wrong line.",
        explain: include_str!("kinds/unused-suppression.txt"),
    },
}

impl Kind {
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.code() == code)
    }

    pub fn code(self) -> &'static str {
        self.info().code
    }

    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    pub fn description(self) -> &'static str {
        self.info().description
    }

    pub fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// `cargo lockorder --explain CODE`.
    pub fn explain(self) -> &'static str {
        self.info().explain.trim_end()
    }

    /// The registry as a markdown table: code, default severity, description.
    pub fn markdown_table() -> String {
        let mut out = String::from("| kind | default | meaning |\n|---|---|---|\n");
        for k in Kind::ALL {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                k.code(),
                k.default_severity().as_str(),
                k.description()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_explained() {
        for (i, k) in Kind::ALL.iter().enumerate() {
            assert_eq!(Kind::from_code(k.code()), Some(*k));
            assert!(
                k.explain().starts_with(&format!("{}: ", k.code())),
                "the explanation of `{}` starts with its code",
                k.code()
            );
            assert!(!Kind::ALL[..i].iter().any(|o| o.code() == k.code()));
        }
    }
}
