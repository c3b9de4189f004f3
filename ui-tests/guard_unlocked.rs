// `RwLockReadGuard::unlocked` releases only the guard it is given, while its closure runs: the
// index stays read-locked while the closure waits for a change, and `publish`, which signals
// the change, writes the index first.
use parking_lot::{Condvar, Mutex, RwLock, RwLockReadGuard};

pub struct Store {
    data: RwLock<Vec<u32>>,
    index: RwLock<Vec<usize>>,
    notification_lock: Mutex<()>,
    changed: Condvar,
}

impl Store {
    pub fn wait_until(&self, check: impl Fn(&[u32], &[usize]) -> bool) {
        loop {
            let index = self.index.read();
            let mut data = self.data.read();
            if check(&data, &index) {
                return;
            }
            let notified = self.notification_lock.lock();
            RwLockReadGuard::unlocked(&mut data, || {
                let mut guard = notified;
                self.changed.wait(&mut guard);
            });
        }
    }

    pub fn publish(&self, v: u32) {
        self.index.write().push(v as usize);
        self.data.write().push(v);
        let _notified = self.notification_lock.lock();
        self.changed.notify_all();
    }
}
