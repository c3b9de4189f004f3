//! Everything the analyzer knows about APIs outside the analyzed crate, as data: one table per
//! question. Teaching it a new crate's locks, spawners, blocking functions or wrappers is a row
//! here; `super` answers the questions from these tables.

use super::{Family, LockKind, Mode, Variant, Waitable};

/// A family of lock implementations: the crates that provide it and how its locks behave.
pub(super) struct FamilyInfo {
    pub family: Family,
    pub name: &'static str,
    /// First path segments that name it (`parking_lot::Mutex`, `lock_api::RwLock`).
    pub crates: &'static [&'static str],
    /// Its acquisitions hand out a future, awaited where the lock is taken; a guard of a
    /// non-async family blocks the thread that waits for it, even across an `.await`.
    pub is_async: bool,
    /// A new reader queues behind a waiting writer, so a thread that reads twice can deadlock:
    /// std (futex and pthread implementations alike), parking_lot and tokio are
    /// write-preferring or fair; spin and the async-std/async-lock ones are not documented to be.
    pub readers_queue_behind_writers: bool,
}

pub(super) const FAMILIES: &[FamilyInfo] = &[
    FamilyInfo {
        family: Family::Std,
        name: "std",
        crates: &["std", "core"],
        is_async: false,
        readers_queue_behind_writers: true,
    },
    FamilyInfo {
        family: Family::ParkingLot,
        name: "parking_lot",
        crates: &["parking_lot", "lock_api"],
        is_async: false,
        readers_queue_behind_writers: true,
    },
    FamilyInfo {
        family: Family::Spin,
        name: "spin",
        crates: &["spin"],
        is_async: false,
        readers_queue_behind_writers: false,
    },
    FamilyInfo {
        family: Family::Tokio,
        name: "tokio",
        crates: &["tokio"],
        is_async: true,
        readers_queue_behind_writers: true,
    },
    FamilyInfo {
        family: Family::AsyncStd,
        name: "async-std",
        crates: &["async_std"],
        is_async: true,
        readers_queue_behind_writers: false,
    },
    FamilyInfo {
        family: Family::Futures,
        name: "futures",
        crates: &["futures", "futures_util"],
        is_async: true,
        readers_queue_behind_writers: false,
    },
    FamilyInfo {
        family: Family::AsyncLock,
        name: "async-lock",
        crates: &["async_lock"],
        is_async: true,
        readers_queue_behind_writers: false,
    },
    // `ShardedLock`: an `RwLock` per shard, std's underneath.
    FamilyInfo {
        family: Family::Crossbeam,
        name: "crossbeam",
        crates: &["crossbeam_utils", "crossbeam"],
        is_async: false,
        readers_queue_behind_writers: true,
    },
];

/// Lock type names, in any family.
pub(super) const LOCK_TYPES: &[(&str, LockKind)] = &[
    ("Mutex", LockKind::Mutex),
    ("FairMutex", LockKind::Mutex),
    ("SpinMutex", LockKind::Mutex),
    ("TicketMutex", LockKind::Mutex),
    ("RwLock", LockKind::RwLock),
    ("ReentrantMutex", LockKind::ReentrantMutex),
    ("ReentrantLock", LockKind::ReentrantMutex),
    ("ShardedLock", LockKind::RwLock),
    // tokio's and async-lock's (the crate gives the family).
    ("Semaphore", LockKind::Semaphore),
];

/// Associated functions that make a lock (`Mutex::new(..)`).
pub(super) const LOCK_CTORS: &[&str] = &["new", "from", "default", "const_new"];

/// Guard type names, in any family.
pub(super) const GUARDS: &[&str] = &[
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
    "ShardedLockReadGuard",
    "ShardedLockWriteGuard",
    "SemaphorePermit",
    "OwnedSemaphorePermit",
    "SemaphoreGuard",
    "SemaphoreGuardArc",
];

/// Acquiring methods: name, mode, waits. Suffixes `_arc`/`_owned` (parking_lot arc_lock, tokio)
/// and prefix `blocking_` (tokio's sync entry points) are the same acquisition.
pub(super) const MUTEX_METHODS: &[(&str, Mode, bool)] = &[
    ("lock", Mode::Exclusive, true),
    ("try_lock", Mode::Exclusive, false),
    ("try_lock_for", Mode::Exclusive, false),
    ("try_lock_until", Mode::Exclusive, false),
];

pub(super) const RWLOCK_METHODS: &[(&str, Mode, bool)] = &[
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

/// One-time-initialization cells (std, once_cell, parking_lot, spin): name, and whether any
/// use of it runs its initializer (`LazyLock`) rather than a call given the initializer
/// (`OnceLock::get_or_init`).
pub(super) const CELLS: &[(&str, bool)] = &[
    ("OnceLock", false),
    ("OnceCell", false),
    ("Once", false),
    ("LazyLock", true),
    ("Lazy", true),
];

/// Methods of a cell that run the closure they are given as its initializer when it is empty.
pub(super) const CELL_FORCING: &[&str] = &[
    "get_or_init",
    "get_or_try_init",
    "call_once",
    "call_once_force",
];

/// A semaphore's methods that hand out permits (`acquire_owned`, `acquire_arc` are the same
/// acquisition; async-lock's `acquire_blocking` blocks the thread instead of awaiting).
pub(super) const SEMAPHORE_METHODS: &[(&str, Mode, bool)] = &[
    ("acquire", Mode::Permit, true),
    ("acquire_many", Mode::Permit, true),
    ("acquire_blocking", Mode::Permit, true),
    ("try_acquire", Mode::Permit, false),
    ("try_acquire_many", Mode::Permit, false),
];

/// Associated functions of guard types that turn a guard into a guard of part of the data,
/// still holding the lock (`MutexGuard::map(g, |d| &mut d.x)`).
pub(super) const GUARD_MAPS: &[&str] = &["map", "try_map", "filter_map", "map_split"];

/// `Guard::function(&mut guard, f)` of a guard type: the lock is released while `f` runs and
/// taken again before the call returns (parking_lot's `MutexGuard::unlocked`).
pub(super) const GUARD_RELEASING: &[&str] = &["unlocked", "unlocked_fair"];

/// Methods that move a guard in and hand back a guard of the same lock, without a new wait on
/// it (for the lock graph): `Condvar::wait` re-acquires the mutex it released.
pub(super) const GUARD_PASSING: &[&str] = &[
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

/// (crate, type name) of the things a thread can block on other than a lock.
pub(super) const WAITABLE_TYPES: &[(&str, &str, Waitable)] = &[
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
    ("tokio", "JoinHandle", Waitable::JoinHandle),
    ("std", "ScopedJoinHandle", Waitable::JoinHandle),
    ("std", "Barrier", Waitable::Barrier),
    ("tokio", "Runtime", Waitable::Runtime),
    ("tokio", "Handle", Waitable::RuntimeHandle),
];

/// Types whose drop blocks the thread until other threads or tasks are done, and what that
/// wait is: a tokio `Runtime` waits for its running tasks to yield.
pub(super) const WAITING_DROPS: &[(Waitable, Waitable)] = &[(Waitable::Runtime, Waitable::Tasks)];

/// Associated functions that make a waitable (`Condvar::new()`).
pub(super) const WAITABLE_CTORS: &[&str] = &["new", "default"];

/// Methods that block the calling thread until another thread acts.
pub(super) const WAIT_METHODS: &[(Waitable, &str)] = &[
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
];

/// Methods whose future, once awaited, waits for another thread or task: a receive, a send
/// on a bounded channel (tokio's `Sender::send` waits for room; unbounded and oneshot sends
/// are not awaited). A task is suspended there; a thread that runs the future to its end
/// (`block_on`) blocks.
pub(super) const AWAITED_WAITS: &[(Waitable, &str)] = &[
    (Waitable::AsyncReceiver, "recv"),
    (Waitable::AsyncReceiver, "recv_many"),
    (Waitable::AsyncReceiver, "changed"),
    (Waitable::AsyncSender, "send"),
    (Waitable::AsyncSender, "reserve"),
];

/// Waitables that are futures themselves: awaiting one waits for the other side (a oneshot
/// receiver for its send, a task's join handle for the task).
pub(super) const AWAITABLE: &[Waitable] = &[Waitable::AsyncReceiver, Waitable::JoinHandle];

/// Methods that run the future they are given to completion on the calling thread.
pub(super) const FUTURE_RUNNING_METHODS: &[(Waitable, &str)] = &[
    (Waitable::Runtime, "block_on"),
    (Waitable::RuntimeHandle, "block_on"),
];

/// Waits that give up after a while (`recv_timeout`, `wait_timeout`, `park_timeout`): they
/// cannot block forever, whoever fails to wake them.
pub(super) const TIMED_WAITS: &[&str] = &[
    "wait_timeout",
    "wait_timeout_ms",
    "wait_timeout_while",
    "wait_for",
    "wait_until",
    "wait_while_for",
    "wait_while_until",
    "recv_timeout",
    "recv_deadline",
    "send_timeout",
    "park_timeout",
];

/// Methods by which another thread wakes a waiter.
pub(super) const WAKE_METHODS: &[(Waitable, &str)] = &[
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
pub(super) const BLOCKING_FNS: &[(&str, &str)] = &[("std", "park"), ("std", "park_timeout")];

/// Free functions that run the future they are given to completion on the calling thread: the
/// thread waits for what that future waits for.
pub(super) const FUTURE_RUNNING_FNS: &[(&str, &str)] = &[
    ("futures", "block_on"),
    ("futures_executor", "block_on"),
    ("futures_lite", "block_on"),
    ("pollster", "block_on"),
    ("async_std", "block_on"),
    ("tokio", "block_on"),
];

/// Channel constructors: (crate, function, sender kind, receiver kind); they return (sender,
/// receiver). tokio's `channel` is each of `mpsc`, `oneshot`, `broadcast` and `watch`.
pub(super) const CHANNEL_CTORS: &[(&str, &str, Waitable, Waitable)] = &[
    ("std", "channel", Waitable::Sender, Waitable::Receiver),
    (
        "std",
        "sync_channel",
        Waitable::SyncSender,
        Waitable::Receiver,
    ),
    (
        "crossbeam_channel",
        "unbounded",
        Waitable::Sender,
        Waitable::Receiver,
    ),
    (
        "crossbeam_channel",
        "bounded",
        Waitable::SyncSender,
        Waitable::Receiver,
    ),
    (
        "crossbeam",
        "unbounded",
        Waitable::Sender,
        Waitable::Receiver,
    ),
    (
        "crossbeam",
        "bounded",
        Waitable::SyncSender,
        Waitable::Receiver,
    ),
    ("flume", "unbounded", Waitable::Sender, Waitable::Receiver),
    ("flume", "bounded", Waitable::SyncSender, Waitable::Receiver),
    (
        "tokio",
        "channel",
        Waitable::AsyncSender,
        Waitable::AsyncReceiver,
    ),
    (
        "tokio",
        "unbounded_channel",
        Waitable::AsyncSender,
        Waitable::AsyncReceiver,
    ),
];

/// Functions that give their closure a scope to spawn threads or jobs on (`s.spawn(..)`), and
/// wait for every one of them before they return: (crate, function).
pub(super) const JOINING_SCOPES: &[(&str, &str)] = &[
    ("std", "scope"),
    ("crossbeam", "scope"),
    ("crossbeam_utils", "scope"),
    ("rayon", "scope"),
    ("rayon", "in_place_scope"),
    ("rayon_core", "scope"),
];

/// Functions and methods that run their closure argument on another thread or task, by name:
/// std's, a runtime's or the crate's own (`pool.execute(..)`).
pub(super) const SPAWNERS: &[&str] = &[
    "spawn",
    "spawn_blocking",
    "spawn_local",
    "spawn_fifo",
    "spawn_broadcast",
    "spawn_ok",
    "spawn_scoped",
    "execute",
];

/// Functions that end their argument's life on the spot (a guard passed in is released).
pub(super) const DROPPING: &[&str] = &["drop", "forget"];

/// `std::mem`'s functions that move a value out of a place they are given by `&mut`
/// (`mem::take(&mut *guard)`, `mem::replace(..)`), or exchange two places' values
/// (`mem::swap(&mut local, &mut guard)`): (name, whether it exchanges).
pub(super) const MEM_EXCHANGES: &[(&str, bool)] =
    &[("take", false), ("replace", false), ("swap", true)];

/// Methods of `Option`/`Result` whose closure runs only where there is no value: after a
/// try-lock that failed, without its guard (`m.try_lock_for(t).unwrap_or_else(|| m.lock())`).
pub(super) const ON_FAILURE: &[&str] = &["unwrap_or_else", "or_else"];

/// Methods whose result is their receiver unwrapped: same lock, same guards
/// (`m.lock().unwrap()`, `.expect(..)`, `PoisonError::into_inner`).
pub(super) const UNWRAPPING: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_else",
    "unwrap_or_default",
    "unwrap_unchecked",
    "ok",
    "map_err",
    "into_inner",
];

/// Methods whose result is another view of the receiver: the same lock or place (an `Arc`
/// clone, `as_ref`), but never its guards: cloning a guard clones the data behind it.
pub(super) const ALIASING: &[&str] = &[
    "clone",
    "as_ref",
    "as_mut",
    "as_deref",
    "as_deref_mut",
    "borrow",
    "borrow_mut",
    "deref",
    "deref_mut",
    "by_ref",
];

/// Functions and methods of other crates that keep the closure they are given and call it later,
/// from an event loop or another thread: a file watcher's debouncer
/// (`new_debouncer(timeout, move |events| tx.send(events))`), a signal or panic handler, an event
/// listener. Their closures do not run during the call, under the caller's locks.
pub(super) const REGISTERING: &[&str] = &[
    "new_debouncer",
    "new_debouncer_opt",
    "recommended_watcher",
    "set_handler",
    "set_hook",
    "add_listener",
    "add_event_listener",
    "subscribe",
    "set_callback",
    "register_callback",
];

/// Methods that put what they are given into a collection or a cell: storing it
/// (`listeners.push(Box::new(f))`).
pub(super) const INSERTING: &[&str] = &[
    "push",
    "push_back",
    "push_front",
    "insert",
    "replace",
    "set",
];

/// The traits of closures: a field typed `Box<dyn Fn(Event)>` keeps a callback, which a call of
/// the field runs (`index::types::Slot`).
pub(super) const CLOSURE_TRAITS: &[&str] = &["Fn", "FnMut", "FnOnce"];

/// Name prefixes of such methods: `on_thread_start`, a widget's `connect_clicked`, `set_on_close`.
pub(super) const REGISTERING_PREFIXES: &[&str] = &["on_", "connect_", "set_on_"];

/// Methods that move the value out of the `Option` (or cell) they are called on, leaving
/// another in its place: the result is a value of the type inside, no longer at that place.
pub(super) const MOVING_OUT: &[&str] = &["take", "replace"];

/// Methods of std's iterators, `Option`, `Result`, cells and maps, and functions of std and
/// rayon, that call the function they are given before they return (or while the value they
/// return is used, `iter::from_fn`). A function passed by name to any other method of a value
/// whose type is not known (`linker.func_wrap("env", "host_fn", host_fn)`), or to a function of
/// another crate (`add_shutdown_hook(cleanup)`), is registered there, to be called later, not
/// called under the caller's locks.
pub(super) const CALLS_ITS_ARGUMENT: &[&str] = &[
    "all",
    "and_then",
    "any",
    "catch_unwind",
    "filter",
    "filter_map",
    "find",
    "find_map",
    "flat_map",
    "fold",
    "for_each",
    "from_fn",
    "get_or_init",
    "get_or_insert_with",
    "inspect",
    "is_none_or",
    "is_ok_and",
    "is_some_and",
    "join",
    "map",
    "map_err",
    "map_or",
    "map_or_else",
    "map_while",
    "max_by_key",
    "min_by_key",
    "ok_or_else",
    "or_else",
    "or_insert_with",
    "position",
    "repeat_with",
    "retain",
    "scope",
    "skip_while",
    "sort_by",
    "sort_by_key",
    "sort_unstable_by_key",
    "successors",
    "take_while",
    "then",
    "try_fold",
    "try_for_each",
    "unwrap_or_else",
    "with",
];

/// Iterator and collection methods that are still the sequence: their closures see elements.
pub(super) const SEQ_VIEWS: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "values",
    "values_mut",
    "drain",
    "rev",
    "skip",
    "take",
    "filter",
    "chain",
];

/// Methods of a sequence that return one of its elements.
pub(super) const SEQ_ELEMENT: &[&str] = &[
    "get",
    "get_mut",
    "first",
    "last",
    "first_mut",
    "last_mut",
    "get_unchecked",
    "get_unchecked_mut",
    "next",
];

/// Collection types: their elements (values, for maps) share one lock class.
pub(super) const SEQUENCES: &[&str] = &[
    "Vec",
    "VecDeque",
    "LinkedList",
    "HashMap",
    "BTreeMap",
    "IndexMap",
    "SmallVec",
    "Slab",
    "DashMap",
];

/// Wrapping constructors: `Arc::new(m)` is `m` as far as locks are concerned.
const WRAP: &[&str] = &["new", "from", "clone", "pin"];

/// Types seen through, by name (and crate, for names too common to take from any crate).
/// `in_types`: a `T` inside one is the `T` (`Arc<Mutex<T>>` is the mutex: method calls
/// auto-deref through smart pointers and `.unwrap()` sees through the rest). `ctors`: the
/// associated functions that wrap their first argument.
pub(super) struct Wrapper {
    pub krate: Option<&'static str>,
    pub name: &'static str,
    pub in_types: bool,
    pub ctors: &'static [&'static str],
}

const fn seen_through(name: &'static str, ctors: &'static [&'static str]) -> Wrapper {
    Wrapper {
        krate: None,
        name,
        in_types: true,
        ctors,
    }
}

/// Application state that web frameworks hand to handlers, dereferencing to it.
const fn framework_state(krate: &'static str, name: &'static str) -> Wrapper {
    Wrapper {
        krate: Some(krate),
        name,
        in_types: true,
        ctors: &["new", "from"],
    }
}

pub(super) const WRAPPERS: &[Wrapper] = &[
    seen_through("Arc", WRAP),
    seen_through("Rc", WRAP),
    seen_through("Box", WRAP),
    seen_through("Pin", WRAP),
    seen_through("CachePadded", &["new", "from"]),
    // Its `new` does not release a guard at the end of a scope: not modelled.
    seen_through("ManuallyDrop", &[]),
    seen_through("AssertUnwindSafe", &[]),
    seen_through("Option", &[]),
    seen_through("Result", &[]),
    seen_through("LockResult", &[]),
    seen_through("TryLockResult", &[]),
    seen_through("Lazy", &[]),
    seen_through("LazyLock", &[]),
    seen_through("LazyCell", &[]),
    seen_through("OnceLock", &[]),
    seen_through("OnceCell", &[]),
    seen_through("Cow", &[]),
    framework_state("actix_web", "Data"),
    framework_state("rocket", "State"),
    // A lock type of a crate we do not know: its type stays unknown, but the value it is made
    // of keeps its class.
    Wrapper {
        krate: None,
        name: "Mutex",
        in_types: false,
        ctors: WRAP,
    },
    Wrapper {
        krate: None,
        name: "RwLock",
        in_types: false,
        ctors: WRAP,
    },
];

/// `Option` and `Result` variants.
pub(super) const VARIANTS: &[(&str, Variant)] = &[
    (
        "Ok",
        Variant {
            success: true,
            carries: true,
        },
    ),
    (
        "Some",
        Variant {
            success: true,
            carries: true,
        },
    ),
    (
        "Err",
        Variant {
            success: false,
            carries: true,
        },
    ),
    (
        "None",
        Variant {
            success: false,
            carries: false,
        },
    ),
];

/// Logging macros whose arguments may be structured fields (slog's `"key" => value`, tracing's
/// `target: ..`, `%value`).
pub(super) const LOGGING_MACROS: &[&str] = &[
    "trace", "debug", "info", "warn", "error", "crit", "event", "span", "log",
];

/// Macros that never return: what follows them is dead code.
pub(super) const DIVERGING_MACROS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];

/// Methods that compare their receiver with their argument by order (`a.id.cmp(&b.id)`).
pub(super) const ORDER_COMPARISONS: &[&str] = &["cmp", "partial_cmp", "lt", "le", "gt", "ge"];

/// Functions that compare two references by address (`ptr::eq(self, other)`): code that
/// calls one knows whether two of its inputs are the same object.
pub(super) const IDENTITY_CHECKS: &[&str] = &["ptr_eq", "eq"];

/// Macros that await the futures they are given, together (`tokio::join!(a, b)`, futures'
/// `join!`): each future's body runs there, as at an `.await`.
pub(super) const AWAITING_MACROS: &[&str] = &["join", "try_join"];

/// Iterator adapters whose closure makes each element (`.map(|id| self.fetch(id))`): a
/// closure that calls an `async fn` makes one future per element.
pub(super) const FUTURE_MAKING: &[&str] = &["map", "then", "filter_map", "flat_map"];

/// Functions that make one future of many, which runs them where it is awaited:
/// `futures::future::join_all`, `try_join_all`, `select_all`.
pub(super) const FUTURE_JOINING: &[&str] = &["join_all", "try_join_all", "select_all", "select_ok"];

/// Macros that poll the futures of their branches together until one is ready, then run that
/// branch's handler (`tokio::select! { v = rx.recv() => .., _ = sleep(d) => .. }`, futures'
/// `select!`/`select_biased!`).
pub(super) const SELECTING_MACROS: &[&str] = &["select", "select_biased"];

/// Macros that expand to a condition check: each argument's temporaries end with it.
pub(super) const ASSERT_MACROS: &[&str] = &[
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
];
