//! The lock APIs the analyzer knows, as data. Supporting a new lock crate or method is a new
//! row here, nothing else.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Std,
    ParkingLot,
    Spin,
    Tokio,
    AsyncStd,
    Futures,
    AsyncLock,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LockKind {
    Mutex,
    RwLock,
    ReentrantMutex,
}

impl LockKind {
    pub fn type_name(self) -> &'static str {
        match self {
            LockKind::Mutex => "Mutex",
            LockKind::RwLock => "RwLock",
            LockKind::ReentrantMutex => "ReentrantMutex",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Flavor {
    pub family: Family,
    pub kind: LockKind,
}

impl Flavor {
    pub fn is_reentrant(self) -> bool {
        self.kind == LockKind::ReentrantMutex
    }

    /// Whether a new reader queues behind a waiting writer, so that a thread taking a second
    /// read lock can deadlock: std (futex and pthread implementations alike), parking_lot and
    /// tokio are write-preferring or fair; spin and the async-std/async-lock ones are not
    /// documented to be.
    pub fn readers_queue_behind_writers(self) -> bool {
        matches!(
            self.family,
            Family::Std | Family::ParkingLot | Family::Tokio
        )
    }

    pub fn family_name(self) -> &'static str {
        match self.family {
            Family::Std => "std",
            Family::ParkingLot => "parking_lot",
            Family::Spin => "spin",
            Family::Tokio => "tokio",
            Family::AsyncStd => "async-std",
            Family::Futures => "futures",
            Family::AsyncLock => "async-lock",
        }
    }
}

/// How an acquisition holds the lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    Exclusive,
    Read,
    /// parking_lot's `read_recursive`: never waits for a queued writer.
    ReadRecursive,
    /// parking_lot's `upgradable_read`: shares with readers, excludes writers and upgraders.
    Upgradable,
    Write,
}

impl Mode {
    pub fn verb(self) -> &'static str {
        match self {
            Mode::Exclusive => "lock",
            Mode::Read => "read",
            Mode::ReadRecursive => "read_recursive",
            Mode::Upgradable => "upgradable_read",
            Mode::Write => "write",
        }
    }

    pub fn is_shared(self) -> bool {
        matches!(self, Mode::Read | Mode::ReadRecursive | Mode::Upgradable)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Acquire {
    pub mode: Mode,
    /// `false` for `try_*`: it never waits, so it cannot close a cycle, but what it obtains is
    /// held afterwards like any other guard.
    pub waits: bool,
}

/// What happens when a thread that holds a lock in mode `held` asks for the same lock again in
/// mode `taken` (and waits for it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// Exclusive after anything, or anything after exclusive: waits for itself.
    Relock,
    /// A second shared read: blocks behind any writer that queued after the first read.
    SharedRelock,
    /// Write (or a second upgradable) while holding a read: waits for its own read guard.
    Upgrade,
}

pub fn conflict(flavor: Flavor, held: Mode, taken: Mode) -> Option<Conflict> {
    use Mode::*;
    if flavor.is_reentrant() {
        return None;
    }
    match (held, taken) {
        (Exclusive | Write, _) | (_, Exclusive) => Some(Conflict::Relock),
        (Read | ReadRecursive | Upgradable, Write) => Some(Conflict::Upgrade),
        (Upgradable, Upgradable) => Some(Conflict::Relock),
        (Read | ReadRecursive, Upgradable) => None,
        (_, ReadRecursive) => None,
        (Read | ReadRecursive | Upgradable, Read) => flavor
            .readers_queue_behind_writers()
            .then_some(Conflict::SharedRelock),
    }
}

const CRATES: &[(&str, Family)] = &[
    ("std", Family::Std),
    ("core", Family::Std),
    ("parking_lot", Family::ParkingLot),
    ("lock_api", Family::ParkingLot),
    ("spin", Family::Spin),
    ("tokio", Family::Tokio),
    ("async_std", Family::AsyncStd),
    ("futures", Family::Futures),
    ("futures_util", Family::Futures),
    ("async_lock", Family::AsyncLock),
];

const TYPES: &[(&str, LockKind)] = &[
    ("Mutex", LockKind::Mutex),
    ("FairMutex", LockKind::Mutex),
    ("SpinMutex", LockKind::Mutex),
    ("TicketMutex", LockKind::Mutex),
    ("RwLock", LockKind::RwLock),
    ("ReentrantMutex", LockKind::ReentrantMutex),
    ("ReentrantLock", LockKind::ReentrantMutex),
];

const GUARDS: &[&str] = &[
    "MutexGuard",
    "FairMutexGuard",
    "SpinMutexGuard",
    "MappedMutexGuard",
    "OwnedMutexGuard",
    "ArcMutexGuard",
    "ReentrantMutexGuard",
    "ReentrantLockGuard",
    "RwLockReadGuard",
    "RwLockWriteGuard",
    "RwLockUpgradableReadGuard",
    "RwLockUpgradableGuard",
    "MappedRwLockReadGuard",
    "MappedRwLockWriteGuard",
    "OwnedRwLockReadGuard",
    "OwnedRwLockWriteGuard",
    "ArcRwLockReadGuard",
    "ArcRwLockWriteGuard",
];

/// Acquiring methods: name, mode, waits. Suffixes `_arc`/`_owned` (parking_lot arc_lock, tokio)
/// and prefix `blocking_` (tokio's sync entry points) are the same acquisition.
const MUTEX_METHODS: &[(&str, Mode, bool)] = &[
    ("lock", Mode::Exclusive, true),
    ("try_lock", Mode::Exclusive, false),
    ("try_lock_for", Mode::Exclusive, false),
    ("try_lock_until", Mode::Exclusive, false),
];

const RWLOCK_METHODS: &[(&str, Mode, bool)] = &[
    ("read", Mode::Read, true),
    ("try_read", Mode::Read, false),
    ("try_read_for", Mode::Read, false),
    ("try_read_until", Mode::Read, false),
    ("read_recursive", Mode::ReadRecursive, true),
    ("try_read_recursive", Mode::ReadRecursive, false),
    ("try_read_recursive_for", Mode::ReadRecursive, false),
    ("try_read_recursive_until", Mode::ReadRecursive, false),
    ("upgradable_read", Mode::Upgradable, true),
    ("upgradeable_read", Mode::Upgradable, true),
    ("try_upgradable_read", Mode::Upgradable, false),
    ("try_upgradeable_read", Mode::Upgradable, false),
    ("try_upgradable_read_for", Mode::Upgradable, false),
    ("try_upgradable_read_until", Mode::Upgradable, false),
    ("write", Mode::Write, true),
    ("try_write", Mode::Write, false),
    ("try_write_for", Mode::Write, false),
    ("try_write_until", Mode::Write, false),
];

/// Methods that move a guard in and hand back a guard of the same lock, without a new wait on
/// it (for the lock graph): `Condvar::wait` re-acquires the mutex it released.
pub const GUARD_PASSING: &[&str] = &[
    "wait",
    "wait_while",
    "wait_timeout",
    "wait_timeout_ms",
    "wait_timeout_while",
    "wait_for",
    "wait_until",
    "wait_while_for",
    "wait_while_until",
];

fn family(path: &[String]) -> Option<Family> {
    let first = path.first()?;
    CRATES.iter().find(|(c, _)| c == first).map(|&(_, f)| f)
}

/// The lock type a resolved external path names, if any (`std::sync::RwLock`,
/// `parking_lot::Mutex`, `tokio::sync::Mutex`, ...).
pub fn lock_type(path: &[String]) -> Option<Flavor> {
    let family = family(path)?;
    let last = path.last()?;
    let kind = TYPES.iter().find(|(n, _)| n == last)?.1;
    Some(Flavor { family, kind })
}

pub fn is_guard_type(path: &[String]) -> bool {
    family(path).is_some() && path.last().is_some_and(|l| GUARDS.contains(&l.as_str()))
}

/// What calling `method` on a lock of `flavor` acquires, if it acquires.
pub fn acquire(flavor: Flavor, method: &str) -> Option<Acquire> {
    let base = method
        .strip_prefix("blocking_")
        .unwrap_or(method)
        .trim_end_matches("_arc")
        .trim_end_matches("_owned");
    let table = match flavor.kind {
        LockKind::Mutex | LockKind::ReentrantMutex => MUTEX_METHODS,
        LockKind::RwLock => RWLOCK_METHODS,
    };
    table
        .iter()
        .find(|(n, _, _)| *n == base)
        .map(|&(_, mode, waits)| Acquire { mode, waits })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<String> {
        s.split("::").map(String::from).collect()
    }

    #[test]
    fn recognizes_lock_types_by_crate_and_name() {
        let std_rw = lock_type(&p("std::sync::RwLock")).unwrap();
        assert_eq!(std_rw.kind, LockKind::RwLock);
        assert_eq!(std_rw.family, Family::Std);
        assert!(lock_type(&p("parking_lot::ReentrantMutex"))
            .unwrap()
            .is_reentrant());
        assert!(lock_type(&p("mycrate::Mutex")).is_none());
        assert!(lock_type(&p("std::io::Stdout")).is_none());
    }

    #[test]
    fn method_table_covers_try_and_variants() {
        let m = Flavor {
            family: Family::ParkingLot,
            kind: LockKind::Mutex,
        };
        assert_eq!(
            acquire(m, "lock"),
            Some(Acquire {
                mode: Mode::Exclusive,
                waits: true
            })
        );
        assert_eq!(acquire(m, "try_lock_for").map(|a| a.waits), Some(false));
        assert_eq!(acquire(m, "lock_arc").map(|a| a.waits), Some(true));
        assert_eq!(acquire(m, "read"), None);
        let rw = Flavor {
            family: Family::Tokio,
            kind: LockKind::RwLock,
        };
        assert_eq!(
            acquire(rw, "blocking_write").map(|a| a.mode),
            Some(Mode::Write)
        );
        assert_eq!(acquire(rw, "read_owned").map(|a| a.mode), Some(Mode::Read));
        assert_eq!(acquire(rw, "lock"), None);
    }

    #[test]
    fn conflicts_follow_the_lock_semantics() {
        use Mode::*;
        let std_rw = Flavor {
            family: Family::Std,
            kind: LockKind::RwLock,
        };
        let spin_rw = Flavor {
            family: Family::Spin,
            kind: LockKind::RwLock,
        };
        let reentrant = Flavor {
            family: Family::ParkingLot,
            kind: LockKind::ReentrantMutex,
        };
        assert_eq!(conflict(std_rw, Read, Write), Some(Conflict::Upgrade));
        assert_eq!(conflict(std_rw, Read, Read), Some(Conflict::SharedRelock));
        assert_eq!(conflict(spin_rw, Read, Read), None);
        assert_eq!(conflict(std_rw, Write, Read), Some(Conflict::Relock));
        assert_eq!(conflict(std_rw, Read, ReadRecursive), None);
        assert_eq!(
            conflict(std_rw, Upgradable, Read),
            Some(Conflict::SharedRelock)
        );
        assert_eq!(
            conflict(std_rw, Upgradable, Upgradable),
            Some(Conflict::Relock)
        );
        assert_eq!(conflict(reentrant, Exclusive, Exclusive), None);
    }
}
