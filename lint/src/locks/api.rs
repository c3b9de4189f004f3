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
    /// A lock type declared in the configuration (`[[lock-types]]`), by its index there.
    User(u16),
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
    /// Async locks hand out a future: the lock is taken where it is awaited.
    pub fn is_async(self) -> bool {
        matches!(
            self.family,
            Family::Tokio | Family::AsyncStd | Family::Futures | Family::AsyncLock
        )
    }

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
            Family::User(_) => "configured",
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

/// Things a thread can block on other than a lock: the other half of hold-while-wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Waitable {
    Condvar,
    /// The receiving end of a channel.
    Receiver,
    /// A sending end whose `send` blocks when the channel is full (`sync_channel`, `bounded`).
    SyncSender,
    /// A sending end that never blocks, but wakes receivers.
    Sender,
    /// tokio's channel ends: `recv`/`send` are awaited; only `blocking_*` block the thread.
    AsyncReceiver,
    AsyncSender,
    JoinHandle,
    Barrier,
    /// An async runtime or handle whose `block_on` blocks the thread.
    Runtime,
    /// `thread::park` and free `block_on` functions: nothing to name, only to wait.
    Park,
}

impl Waitable {
    pub fn noun(self) -> &'static str {
        match self {
            Waitable::Condvar => "condition variable",
            Waitable::Receiver => "channel receive",
            Waitable::SyncSender => "send on a bounded channel",
            Waitable::Sender | Waitable::AsyncSender => "channel send",
            Waitable::AsyncReceiver => "channel receive",
            Waitable::Park => "thread park",
            Waitable::JoinHandle => "join",
            Waitable::Barrier => "barrier",
            Waitable::Runtime => "block_on",
        }
    }
}

/// (crate, type name) of the waitable types.
const WAITABLE_TYPES: &[(&str, &str, Waitable)] = &[
    ("std", "Condvar", Waitable::Condvar),
    ("parking_lot", "Condvar", Waitable::Condvar),
    ("std", "Receiver", Waitable::Receiver),
    ("crossbeam_channel", "Receiver", Waitable::Receiver),
    ("crossbeam", "Receiver", Waitable::Receiver),
    ("flume", "Receiver", Waitable::Receiver),
    ("tokio", "Receiver", Waitable::AsyncReceiver),
    ("tokio", "UnboundedReceiver", Waitable::AsyncReceiver),
    ("std", "SyncSender", Waitable::SyncSender),
    ("std", "Sender", Waitable::Sender),
    ("crossbeam_channel", "Sender", Waitable::Sender),
    ("crossbeam", "Sender", Waitable::Sender),
    ("flume", "Sender", Waitable::Sender),
    ("tokio", "Sender", Waitable::AsyncSender),
    ("tokio", "UnboundedSender", Waitable::AsyncSender),
    ("std", "JoinHandle", Waitable::JoinHandle),
    ("std", "ScopedJoinHandle", Waitable::JoinHandle),
    ("std", "Barrier", Waitable::Barrier),
    ("tokio", "Runtime", Waitable::Runtime),
    ("tokio", "Handle", Waitable::Runtime),
];

/// Methods that block the calling thread until another thread acts.
const WAIT_METHODS: &[(Waitable, &str)] = &[
    (Waitable::Condvar, "wait"),
    (Waitable::Condvar, "wait_while"),
    (Waitable::Condvar, "wait_timeout"),
    (Waitable::Condvar, "wait_timeout_ms"),
    (Waitable::Condvar, "wait_timeout_while"),
    (Waitable::Condvar, "wait_for"),
    (Waitable::Condvar, "wait_until"),
    (Waitable::Condvar, "wait_while_for"),
    (Waitable::Condvar, "wait_while_until"),
    (Waitable::Receiver, "recv"),
    (Waitable::Receiver, "recv_timeout"),
    (Waitable::Receiver, "recv_deadline"),
    (Waitable::Receiver, "iter"),
    (Waitable::AsyncReceiver, "blocking_recv"),
    (Waitable::AsyncSender, "blocking_send"),
    (Waitable::SyncSender, "send"),
    (Waitable::SyncSender, "send_timeout"),
    (Waitable::JoinHandle, "join"),
    (Waitable::Barrier, "wait"),
    (Waitable::Runtime, "block_on"),
];

/// Methods by which another thread wakes a waiter.
const WAKE_METHODS: &[(Waitable, &str)] = &[
    (Waitable::Condvar, "notify_one"),
    (Waitable::Condvar, "notify_all"),
    (Waitable::SyncSender, "send"),
    (Waitable::SyncSender, "try_send"),
    (Waitable::Sender, "send"),
    (Waitable::Sender, "try_send"),
    (Waitable::AsyncSender, "send"),
    (Waitable::AsyncSender, "try_send"),
    (Waitable::AsyncSender, "blocking_send"),
];

/// Free functions that block the calling thread: (crate, function name).
const BLOCKING_FNS: &[(&str, &str)] = &[
    ("std", "park"),
    ("std", "park_timeout"),
    ("futures", "block_on"),
    ("futures_executor", "block_on"),
    ("futures_lite", "block_on"),
    ("pollster", "block_on"),
    ("async_std", "block_on"),
    ("tokio", "block_on"),
];

/// Channel constructors: (crate, function, sender kind); they return (sender, receiver).
const CHANNEL_CTORS: &[(&str, &str, Waitable)] = &[
    ("std", "channel", Waitable::Sender),
    ("std", "sync_channel", Waitable::SyncSender),
    ("crossbeam_channel", "unbounded", Waitable::Sender),
    ("crossbeam_channel", "bounded", Waitable::SyncSender),
    ("crossbeam", "unbounded", Waitable::Sender),
    ("crossbeam", "bounded", Waitable::SyncSender),
    ("flume", "unbounded", Waitable::Sender),
    ("flume", "bounded", Waitable::SyncSender),
];

fn crate_and_last(path: &[String]) -> Option<(&str, &str)> {
    Some((path.first()?.as_str(), path.last()?.as_str()))
}

pub fn waitable_type(path: &[String]) -> Option<Waitable> {
    let (krate, name) = crate_and_last(path)?;
    let krate = if krate == "core" { "std" } else { krate };
    WAITABLE_TYPES
        .iter()
        .find(|(c, n, _)| *c == krate && *n == name)
        .map(|&(_, _, w)| w)
}

pub fn is_wait(w: Waitable, method: &str) -> bool {
    WAIT_METHODS.contains(&(w, method))
}

pub fn is_wake(w: Waitable, method: &str) -> bool {
    WAKE_METHODS.contains(&(w, method))
}

pub fn is_blocking_fn(path: &[String]) -> bool {
    crate_and_last(path).is_some_and(|(c, n)| BLOCKING_FNS.contains(&(c, n)))
}

/// For a channel constructor, the kind of sender it returns.
pub fn channel_ctor(path: &[String]) -> Option<Waitable> {
    let (krate, name) = crate_and_last(path)?;
    CHANNEL_CTORS
        .iter()
        .find(|(c, n, _)| *c == krate && *n == name)
        .map(|&(_, _, s)| s)
}

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

/// Whether `method` of an async lock returns a future (rather than acquiring on the spot, as
/// `try_*` and tokio's `blocking_*` do).
pub fn returns_future(flavor: Flavor, method: &str) -> bool {
    flavor.is_async() && !method.starts_with("try_") && !method.starts_with("blocking_")
}

/// What calling `method` acquires, for the built-in lock types and the configured ones.
pub fn acquire_with(
    user: &[crate::config::LockType],
    flavor: Flavor,
    method: &str,
) -> Option<Acquire> {
    match flavor.family {
        Family::User(i) => user.get(usize::from(i))?.acquire(method),
        _ => acquire(flavor, method),
    }
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
    fn blocking_apis_are_recognized() {
        assert_eq!(
            waitable_type(&p("std::sync::Condvar")),
            Some(Waitable::Condvar)
        );
        assert_eq!(
            waitable_type(&p("std::sync::mpsc::Receiver")),
            Some(Waitable::Receiver)
        );
        assert_eq!(waitable_type(&p("mycrate::Receiver")), None);
        assert!(is_wait(Waitable::Receiver, "recv") && !is_wait(Waitable::Sender, "send"));
        assert!(is_wake(Waitable::Condvar, "notify_all"));
        assert!(is_blocking_fn(&p("std::thread::park")));
        assert_eq!(
            channel_ctor(&p("std::sync::mpsc::sync_channel")),
            Some(Waitable::SyncSender)
        );
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
