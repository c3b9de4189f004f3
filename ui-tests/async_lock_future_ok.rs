// An async lock is taken where its future is awaited: creating the future while holding the
// lock (to hand it to a test task, or to await it after dropping the guard) waits for nothing
// (seen in tokio's tests).
use tokio::sync::{Mutex, RwLock};

async fn downgrade(lock: &RwLock<u32>, spawn: impl Fn(&dyn std::any::Any)) {
    let write_guard = lock.write().await;
    let read_future = lock.read();
    spawn(&read_future);
    drop(write_guard);
}

async fn later(m: &Mutex<u32>) {
    let guard = m.lock().await;
    let next = m.lock();
    drop(guard);
    let _again = next.await;
}
