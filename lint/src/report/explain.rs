//! `cargo lockorder --explain KIND`: what each kind means, a minimal bad example, why it
//! deadlocks, and how to fix it.

use super::Kind;

pub fn explain(kind: Kind) -> &'static str {
    match kind {
        Kind::LockOrderCycle => {
            r#"lock-order-cycle: locks taken in conflicting orders

Somewhere a thread holds A and waits for B; somewhere else a thread holds B and waits for A
(or A -> B -> C -> A across three threads, or two instances of one lock nested both ways).

    fn one(&self) { let _a = self.a.lock().unwrap(); let _b = self.b.lock().unwrap(); }
    fn two(&self) { let _b = self.b.lock().unwrap(); let _a = self.a.lock().unwrap(); }

Why it deadlocks: thread 1 takes A, thread 2 takes B; now each waits for the lock the other
holds, forever. It happens only when the timing lines up, which is why tests rarely catch it.

How to fix:
  - take the locks in one global order everywhere (A before B), and write the order down with
    #[lock_order] so that the analyzer enforces it;
  - release the first lock before taking the second (scope the guard, or drop it);
  - for two instances of one type, lock them in a fixed order by a stable key (an id), and
    declare it with #[lock_order(nested = "...")];
  - if no order is possible, take the second lock with try_lock, and on failure release
    everything, back off for a random time, and retry."#
        }
        Kind::DoubleLock => {
            r#"double-lock: a lock taken again by the thread that holds it

    fn get(&self) -> u64 { *self.value.lock().unwrap() }
    fn bump(&self) {
        let mut v = self.value.lock().unwrap();
        *v += self.get();          // locks `value` again
    }

Why it deadlocks: a std, parking_lot, spin or tokio Mutex is not reentrant: the second lock()
waits for the guard the same thread holds (std may panic instead). A second read() of an RwLock
deadlocks too as soon as a writer queues between the two reads. Guards live longer than they
look: a guard in a `match` or `if let` scrutinee, a `while let` condition or a `for` head lives
through the whole construct.

How to fix: drop the first guard before the second acquisition, or pass the locked data (or the
guard) down instead of locking again; take values out of the lock before matching on them; use a
reentrant mutex (parking_lot::ReentrantMutex) or read_recursive only if re-entry is intended."#
        }
        Kind::RwlockUpgrade => {
            r#"rwlock-upgrade: a write lock requested while holding the read lock

    let r = self.cache.read().unwrap();
    if r.is_empty() { self.cache.write().unwrap().push(1); }

Why it deadlocks: the writer waits until every reader has left, including this thread, which is
waiting for the writer.

How to fix: drop the read guard, take the write lock, and check the condition again; or take
the write lock from the start; with parking_lot, use upgradable_read() and upgrade()."#
        }
        Kind::HoldWhileWait => {
            r#"hold-while-wait: blocking while holding a lock

    let _outer = self.outer.lock().unwrap();
    let mut ready = self.inner.lock().unwrap();
    while !*ready { ready = self.signal.wait(ready).unwrap(); }   // releases `inner` only

Why it deadlocks: a thread that blocks (condvar wait, channel receive, join, barrier, park,
block_on) while holding L waits for another thread; if that thread needs L before it can wake
the first one, neither proceeds. With a condvar this is the nested monitor lockout: the wait
releases only the mutex it is given. It is an error when the analyzer finds the waker needing L,
a warning otherwise.

How to fix: release every lock the waker might need before blocking (scope or drop the guards);
wait on a condvar holding only its own mutex; send or join after the guard is gone."#
        }
        Kind::AwaitHoldingLock => {
            r#"await-holding-lock: a blocking lock's guard held across .await

    let mut entries = self.entries.lock().unwrap();     // std::sync::Mutex
    let value = fetch(key).await;                        // suspended with the lock held

Why it deadlocks: the task can be suspended with the lock held; another task on the same
executor thread that locks it blocks the whole thread, so the holder never runs again to release
it. (A std guard also makes the future !Send.)

How to fix: drop the guard before the .await (end its scope, or drop() it), or use an
async-aware lock such as tokio::sync::Mutex, whose lock() is awaited."#
        }
        Kind::HierarchyViolation => {
            r#"hierarchy-violation: a lock taken against a declared order

    #[lock_order(accounts, ledger)]
    struct Bank { accounts: Mutex<..>, ledger: Mutex<..> }
    fn post(&self) { let _l = self.ledger.lock(); let _a = self.accounts.lock(); }

Why it matters: the declared order is the contract that keeps every thread deadlock-free. A
thread that waits for an earlier lock while holding a later one deadlocks against any thread
that follows the contract, even if no such thread exists yet.

How to fix: take the locks in the declared order, release the later one first, or change the
declaration if it states the wrong order."#
        }
        Kind::HierarchyCycle => {
            r#"hierarchy-cycle: declarations that contradict each other

    struct Pair {
        #[lock_order(before(Pair::b))] a: Mutex<u8>,
        #[lock_order(before(Pair::a))] b: Mutex<u8>,
    }

Why it matters: no code can follow both orders; each half of the team enforces its own.

How to fix: decide which lock comes first and remove the declaration that says otherwise."#
        }
        Kind::SuppressionWithoutReason => {
            r#"suppression-without-reason: a suppression that does not say why

    // lockorder: allow(double-lock)
    #[lock_order(allow(double-lock))]

Why it matters: a suppression is a claim that a human checked the code and found it safe. Without
the reason, the next reader cannot check the claim, and it outlives the code it was about.

How to fix: say why, after `--` in a comment or with `reason = "..."` in the attribute:

    // lockorder: allow(double-lock) -- the first guard is dropped inside `flush` before this call
    #[lock_order(allow(double-lock), reason = "the first guard is dropped inside `flush`")]"#
        }
        Kind::UnusedSuppression => {
            r#"unused-suppression: a suppression that matches no finding

Like `#[expect]`: the suppressed finding is gone (the code was fixed or moved), or the
suppression names the wrong kind or sits on the wrong line.

How to fix: remove it, or move it to the line (comment) or item (attribute) of the finding; a
comment applies to its own line, or to the next line when it stands alone."#
        }
    }
}
