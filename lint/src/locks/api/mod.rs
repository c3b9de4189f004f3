//! What the analyzer knows of APIs outside the analyzed crate: the model (families, lock kinds,
//! modes, waitables, how modes conflict) and the questions the other steps ask of it. The
//! answers come from the tables in `tables.rs`, one table per question; a new lock crate,
//! method, spawner, blocking function or wrapper is a row there, nothing else.

mod tables;

use tables::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Std,
    ParkingLot,
    Spin,
    Tokio,
    AsyncStd,
    Futures,
    AsyncLock,
    Crossbeam,
    /// A lock type declared in the configuration (`[[lock-types]]`), by its index there.
    User(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LockKind {
    Mutex,
    RwLock,
    ReentrantMutex,
    /// A lock with a count: each permit is an acquisition, held as long as the permit lives.
    Semaphore,
    /// One-time initialization (`OnceLock`, `LazyLock`, `Once`): forcing it while its
    /// initializer runs waits for the initializer, which runs with it "held".
    Once,
}

impl LockKind {
    pub fn type_name(self) -> &'static str {
        match self {
            LockKind::Mutex => "Mutex",
            LockKind::RwLock => "RwLock",
            LockKind::ReentrantMutex => "ReentrantMutex",
            LockKind::Semaphore => "Semaphore",
            LockKind::Once => "OnceLock",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Flavor {
    pub family: Family,
    pub kind: LockKind,
}

/// What a lock type declared in the configuration is taken to be: a thread-blocking lock whose
/// readers queue behind writers (as std's), so that it gets every check a built-in one gets.
const CONFIGURED: FamilyInfo = FamilyInfo {
    family: Family::User(0),
    name: "configured",
    crates: &[],
    is_async: false,
    readers_queue_behind_writers: true,
};

impl Flavor {
    fn info(self) -> &'static FamilyInfo {
        match self.family {
            Family::User(_) => &CONFIGURED,
            family => FAMILIES
                .iter()
                .find(|f| f.family == family)
                .unwrap_or(&CONFIGURED),
        }
    }

    /// Async locks hand out a future: the lock is taken where it is awaited.
    pub fn is_async(self) -> bool {
        self.info().is_async
    }

    /// Whether a thread waiting for this lock is blocked (rather than a task suspended): the
    /// guard of such a lock must not be held across an `.await`. A cell is "held" only while
    /// its initializer runs, and an initializer that awaits is an async cell's (tokio's).
    pub fn blocks_thread(self) -> bool {
        !self.info().is_async && self.kind != LockKind::Once
    }

    pub fn is_reentrant(self) -> bool {
        self.kind == LockKind::ReentrantMutex
    }

    /// Whether a new reader queues behind a waiting writer, so that a thread taking a second
    /// read lock can deadlock.
    pub fn readers_queue_behind_writers(self) -> bool {
        self.info().readers_queue_behind_writers
    }

    pub fn family_name(self) -> &'static str {
        self.info().name
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
    /// A semaphore's permit: shared until the permits run out, then a wait.
    Permit,
}

impl Mode {
    pub fn verb(self) -> &'static str {
        match self {
            Mode::Exclusive => "lock",
            Mode::Read => "read",
            Mode::ReadRecursive => "read_recursive",
            Mode::Upgradable => "upgradable_read",
            Mode::Write => "write",
            Mode::Permit => "acquire",
        }
    }

    pub fn is_shared(self) -> bool {
        matches!(self, Mode::Read | Mode::ReadRecursive | Mode::Upgradable)
    }

    /// Whether a thread asking for a lock in mode `taken` waits for another thread that holds
    /// it in this mode, with no writer queued: a read waits neither for a read nor for an
    /// upgradable read.
    pub fn excludes(self, taken: Mode) -> bool {
        match (self, taken) {
            (Mode::Permit, _) | (_, Mode::Permit) => false,
            (Mode::Exclusive | Mode::Write, _) | (_, Mode::Exclusive | Mode::Write) => true,
            (Mode::Upgradable, Mode::Upgradable) => true,
            _ => false,
        }
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
    /// A second permit of a semaphore while holding one: once every permit is held by such
    /// threads, each waits for a permit only another of them can give back.
    Permits,
}

pub fn conflict(flavor: Flavor, held: Mode, taken: Mode) -> Option<Conflict> {
    use Mode::*;
    if flavor.is_reentrant() {
        return None;
    }
    match (held, taken) {
        (Permit, Permit) => Some(Conflict::Permits),
        (Permit, _) | (_, Permit) => None,
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
    /// An async runtime: its `block_on` blocks the thread, and dropping it waits for its
    /// running tasks (a wait of kind `Tasks`).
    Runtime,
    /// A handle to a runtime: `block_on` blocks the thread; dropping it does nothing.
    RuntimeHandle,
    /// Not a type: the wait of dropping a `Runtime`, until every task it runs has yielded.
    Tasks,
    /// `thread::park`: nothing to name, only to wait.
    Park,
    /// A function the configuration says blocks (`blocking = [..]`).
    Configured,
    /// Not a type: the end of `thread::scope`, which joins the threads spawned on it.
    ScopeEnd,
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
            Waitable::Configured => "blocking call",
            Waitable::ScopeEnd => "end of a thread scope",
            Waitable::JoinHandle => "join",
            Waitable::Barrier => "barrier",
            Waitable::Runtime | Waitable::RuntimeHandle => "block_on",
            Waitable::Tasks => "runtime shutdown",
        }
    }
}

fn crate_and_last(path: &[String]) -> Option<(&str, &str)> {
    Some((path.first()?.as_str(), path.last()?.as_str()))
}

fn family(path: &[String]) -> Option<Family> {
    let first = path.first()?;
    FAMILIES
        .iter()
        .find(|f| f.crates.contains(&first.as_str()))
        .map(|f| f.family)
}

/// The lock type a resolved external path names, if any (`std::sync::RwLock`,
/// `parking_lot::Mutex`, `tokio::sync::Mutex`, ...).
pub fn lock_type(path: &[String]) -> Option<Flavor> {
    let family = family(path)?;
    let last = path.last()?;
    let kind = LOCK_TYPES.iter().find(|(n, _)| n == last)?.1;
    Some(Flavor { family, kind })
}

/// Whether an associated function of a lock type makes a lock (`Mutex::new`).
pub fn is_lock_ctor(name: &str) -> bool {
    LOCK_CTORS.contains(&name)
}

pub fn is_guard_type(path: &[String]) -> bool {
    family(path).is_some() && path.last().is_some_and(|l| GUARDS.contains(&l.as_str()))
}

/// Whether `Guard::function(guard, ..)`, the guard type at `type_path`, hands back a guard of
/// the same lock (`MutexGuard::map`).
pub fn maps_guard(type_path: &[String], function: &str) -> bool {
    is_guard_type(type_path) && GUARD_MAPS.contains(&function)
}

/// Whether `Guard::function(&mut guard, f)`, the guard type at `type_path`, releases the lock
/// while `f` runs (`RwLockReadGuard::unlocked`).
pub fn releases_guard(type_path: &[String], function: &str) -> bool {
    is_guard_type(type_path) && GUARD_RELEASING.contains(&function)
}

/// What calling `method` on a lock of a built-in `flavor` acquires, if it acquires.
pub fn acquire(flavor: Flavor, method: &str) -> Option<Acquire> {
    let base = method
        .strip_prefix("blocking_")
        .unwrap_or(method)
        .trim_end_matches("_arc")
        .trim_end_matches("_owned");
    let table = match flavor.kind {
        LockKind::Mutex | LockKind::ReentrantMutex => MUTEX_METHODS,
        LockKind::RwLock => RWLOCK_METHODS,
        LockKind::Semaphore => SEMAPHORE_METHODS,
        LockKind::Once => return None,
    };
    table
        .iter()
        .find(|(n, _, _)| *n == base)
        .map(|&(_, mode, waits)| Acquire { mode, waits })
}

/// Whether `method` of an async lock returns a future (rather than acquiring on the spot, as
/// `try_*` and tokio's `blocking_*` do).
pub fn returns_future(flavor: Flavor, method: &str) -> bool {
    flavor.is_async()
        && !method.starts_with("try_")
        && !method.starts_with("blocking_")
        && !method.ends_with("_blocking")
}

/// Whether a method takes a guard and hands back one of the same lock (`Condvar::wait`).
pub fn passes_guard(method: &str) -> bool {
    GUARD_PASSING.contains(&method)
}

pub fn waitable_type(path: &[String]) -> Option<Waitable> {
    let (krate, name) = crate_and_last(path)?;
    let krate = if krate == "core" { "std" } else { krate };
    WAITABLE_TYPES
        .iter()
        .find(|(c, n, _)| *c == krate && *n == name)
        .map(|&(_, _, w)| w)
}

/// Whether an associated function of a waitable type makes one (`Condvar::new`).
pub fn is_waitable_ctor(name: &str) -> bool {
    WAITABLE_CTORS.contains(&name)
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

/// Whether a free function gives its closure a scope to spawn on, and joins what was spawned
/// there before it returns (`std::thread::scope`).
pub fn joins_scope(path: &[String]) -> bool {
    crate_and_last(path).is_some_and(|(c, n)| JOINING_SCOPES.contains(&(c, n)))
}

/// Whether a free function runs the future it is given to completion on the calling thread
/// (`futures::executor::block_on`).
pub fn runs_future_fn(path: &[String]) -> bool {
    crate_and_last(path).is_some_and(|(c, n)| FUTURE_RUNNING_FNS.contains(&(c, n)))
}

/// Whether a method of a waitable runs the future it is given to completion on the calling
/// thread (`Runtime::block_on`).
pub fn runs_future(w: Waitable, method: &str) -> bool {
    FUTURE_RUNNING_METHODS.contains(&(w, method))
}

/// Whether the future `method` returns waits for another thread or task once awaited
/// (`rx.recv()` of a tokio channel).
pub fn awaited_wait(w: Waitable, method: &str) -> bool {
    AWAITED_WAITS.contains(&(w, method))
}

/// Whether a waitable is a future that waits for the other side (a oneshot receiver, a task's
/// join handle).
pub fn is_awaitable(w: Waitable) -> bool {
    AWAITABLE.contains(&w)
}

/// For a channel constructor, the kinds of the sender and the receiver it returns.
pub fn channel_ctor(path: &[String]) -> Option<(Waitable, Waitable)> {
    let (krate, name) = crate_and_last(path)?;
    CHANNEL_CTORS
        .iter()
        .find(|(c, n, _, _)| *c == krate && *n == name)
        .map(|&(_, _, s, r)| (s, r))
}

/// Whether a method of this name acquires some kind of lock the tables know (`lock`,
/// `write_arc`, `try_read`): what makes a macro worth expanding.
pub fn may_lock(method: &str) -> bool {
    let base = method
        .strip_prefix("blocking_")
        .unwrap_or(method)
        .trim_end_matches("_arc")
        .trim_end_matches("_owned");
    MUTEX_METHODS
        .iter()
        .chain(RWLOCK_METHODS)
        .chain(SEMAPHORE_METHODS)
        .any(|(n, _, _)| *n == base)
}

/// The names of the functions and methods that run their closure argument on another thread.
pub fn spawner_names() -> impl Iterator<Item = &'static str> {
    SPAWNERS.iter().copied()
}

/// Whether a function or method of this name runs its closure argument on another thread.
pub fn is_spawner(name: &str) -> bool {
    SPAWNERS.contains(&name)
}

/// Whether a function of this name ends its argument's life (`drop`, `mem::forget`).
/// `mem::take`/`mem::replace` (`Some(false)`) or `mem::swap` (`Some(true)`), by path.
pub fn mem_exchange(path: &[String]) -> Option<bool> {
    let [.., module, name] = path else {
        return None;
    };
    (module == "mem")
        .then(|| {
            MEM_EXCHANGES
                .iter()
                .find(|(n, _)| n == name)
                .map(|&(_, s)| s)
        })
        .flatten()
}

pub fn is_dropping(name: &str) -> bool {
    DROPPING.contains(&name)
}

/// Whether a type of this name initializes itself on first use (`LazyLock`, `Lazy`).
pub fn is_lazy_cell(name: &str) -> bool {
    CELLS.iter().any(|&(n, lazy)| lazy && n == name)
}

/// Whether a type of this name is a one-time-initialization cell (`OnceLock`, `LazyLock`,
/// `Once`): `Some(lazy)` when it is.
pub fn cell_type(name: &str) -> Option<bool> {
    CELLS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, lazy)| lazy)
}

/// Whether `method` of a one-time-initialization cell runs its closure argument as the
/// initializer when the cell is empty (`get_or_init`, `call_once`).
pub fn forces_cell(method: &str) -> bool {
    CELL_FORCING.contains(&method)
}

/// The flavor of one-time initialization: blocking, like std's.
pub fn once_flavor() -> Flavor {
    Flavor {
        family: Family::Std,
        kind: LockKind::Once,
    }
}

/// What dropping a value of this type waits for (a runtime's drop, for its tasks).
pub fn drop_waits(w: Waitable) -> Option<Waitable> {
    WAITING_DROPS
        .iter()
        .find(|(t, _)| *t == w)
        .map(|&(_, wait)| wait)
}

/// What a method call gives back of its receiver, when it is one of the methods we see through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodView {
    /// The receiver itself, guards and all (`unwrap`).
    Unwrapped,
    /// The same lock or place, without its guards (`clone`, `as_ref`).
    Alias,
    /// Of a sequence: still the sequence (`iter`, `filter`).
    Sequence,
    /// Of a sequence: one of its elements (`get`, `first`).
    Element,
}

pub fn method_view(method: &str) -> Option<MethodView> {
    let tables: [(&[&str], MethodView); 4] = [
        (UNWRAPPING, MethodView::Unwrapped),
        (ALIASING, MethodView::Alias),
        (SEQ_VIEWS, MethodView::Sequence),
        (SEQ_ELEMENT, MethodView::Element),
    ];
    tables
        .into_iter()
        .find(|(names, _)| names.contains(&method))
        .map(|(_, view)| view)
}

/// Whether a method runs its closure only where its receiver holds no value (`ON_FAILURE`).
pub fn runs_on_failure(method: &str) -> bool {
    ON_FAILURE.contains(&method)
}

/// Whether a method of an unknown type calls a function passed to it by name before it returns
/// (`CALLS_ITS_ARGUMENT`).
pub fn calls_its_argument(method: &str) -> bool {
    CALLS_ITS_ARGUMENT.contains(&method)
}

/// Whether a function or method of another crate keeps the closure it is given, to call it
/// later from somewhere else (`REGISTERING`, `REGISTERING_PREFIXES`).
pub fn registers_callback(name: &str) -> bool {
    REGISTERING.contains(&name) || REGISTERING_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Whether a method stores what it is given in its receiver (`INSERTING`).
pub fn inserts(method: &str) -> bool {
    INSERTING.contains(&method)
}

/// Whether a trait (as written, its last segment) is one of the closure traits (`CLOSURE_TRAITS`).
pub fn is_closure_trait(name: &str) -> bool {
    CLOSURE_TRAITS.contains(&name)
}

/// `option.take()`: the value inside moves out (`MOVING_OUT`).
pub fn moves_out(method: &str) -> bool {
    MOVING_OUT.contains(&method)
}

/// Whether a type of this name is a collection whose elements share one class.
pub fn is_sequence(name: &str) -> bool {
    SEQUENCES.contains(&name)
}

fn wrapper(type_path: &[String]) -> impl Iterator<Item = &'static Wrapper> + '_ {
    let (krate, name) = crate_and_last(type_path).unwrap_or_default();
    WRAPPERS
        .iter()
        .filter(move |w| w.name == name && w.krate.map_or(true, |k| k == krate))
}

/// Whether the type at this resolved path is seen through when lowering types (`Arc<T>` is
/// `T`).
pub fn is_transparent_type(type_path: &[String]) -> bool {
    wrapper(type_path).any(|w| w.in_types)
}

/// Whether `Type::function(x, ..)`, the type at `type_path`, is `x` wrapped (`Arc::new(x)`,
/// `CachePadded::new(x)`).
pub fn is_wrapping_ctor(type_path: &[String], function: &str) -> bool {
    wrapper(type_path).any(|w| w.ctors.contains(&function))
}

/// What an `Option` or `Result` variant says of the call that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Variant {
    /// Matching it means a fallible call (`try_lock`) succeeded.
    pub success: bool,
    /// It carries a value, seen through: `Ok(g)` is `g`.
    pub carries: bool,
}

/// An `Option` or `Result` variant, by name.
pub fn variant(name: &str) -> Option<Variant> {
    variant_named(|n| n == name)
}

/// The variant whose name `is_name` accepts (an identifier compared without making a string).
pub fn variant_named(is_name: impl Fn(&str) -> bool) -> Option<Variant> {
    VARIANTS.iter().find(|(n, _)| is_name(n)).map(|&(_, v)| v)
}

pub fn is_logging_macro(name: &str) -> bool {
    LOGGING_MACROS.contains(&name)
}

pub fn is_diverging_macro(name: &str) -> bool {
    DIVERGING_MACROS.contains(&name)
}

/// `a.cmp(&b)` and the like (`ORDER_COMPARISONS`).
pub fn compares_order(method: &str) -> bool {
    ORDER_COMPARISONS.contains(&method)
}

/// `ptr::eq(a, b)`, `Arc::ptr_eq(&a, &b)`, by the resolved path of the function.
pub fn is_identity_check(path: &[String]) -> bool {
    let [.., owner, name] = path else {
        return false;
    };
    IDENTITY_CHECKS.contains(&name.as_str()) && (name == "ptr_eq" || owner == "ptr")
}

pub fn is_awaiting_macro(name: &str) -> bool {
    AWAITING_MACROS.contains(&name)
}

/// A wait that gives up after a while (`recv_timeout`, `park_timeout`), by its method's or
/// function's name.
pub fn is_timed_wait(name: &str) -> bool {
    TIMED_WAITS.contains(&name)
}

/// `.map(..)`-like adapters whose closure makes each element (`FUTURE_MAKING`).
pub fn makes_futures(method: &str) -> bool {
    FUTURE_MAKING.contains(&method)
}

/// Adapters that keep the futures an iterator makes: the views of a sequence, and `collect()`.
pub fn keeps_futures(method: &str) -> bool {
    method == "collect" || SEQ_VIEWS.contains(&method)
}

/// `join_all` and the like (`FUTURE_JOINING`).
pub fn joins_futures(name: &str) -> bool {
    FUTURE_JOINING.contains(&name)
}

pub fn is_selecting_macro(name: &str) -> bool {
    SELECTING_MACROS.contains(&name)
}

pub fn is_assert_macro(name: &str) -> bool {
    ASSERT_MACROS.contains(&name)
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
        assert!(!is_blocking_fn(&p("futures::executor::block_on")));
        assert!(runs_future_fn(&p("futures::executor::block_on")));
        assert!(joins_scope(&p("std::thread::scope")) && !joins_scope(&p("std::thread::spawn")));
        assert_eq!(
            channel_ctor(&p("std::sync::mpsc::sync_channel")),
            Some((Waitable::SyncSender, Waitable::Receiver))
        );
        assert_eq!(
            channel_ctor(&p("tokio::sync::oneshot::channel")),
            Some((Waitable::AsyncSender, Waitable::AsyncReceiver))
        );
        assert!(awaited_wait(Waitable::AsyncReceiver, "recv"));
        assert!(is_awaitable(Waitable::AsyncReceiver) && !is_awaitable(Waitable::Receiver));
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
