// The data's read guard is released for as long as the closure waits for a change
// (`RwLockReadGuard::unlocked`), and taken again after: `publish` can write the data and signal.
use parking_lot::{Condvar, Mutex, RwLock, RwLockReadGuard};

pub struct Store {
    data: RwLock<Vec<u32>>,
    notification_lock: Mutex<()>,
    changed: Condvar,
}

impl Store {
    pub fn wait_until(&self, check: impl Fn(&[u32]) -> bool) {
        loop {
            let mut data = self.data.read();
            if check(&data) {
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
        self.data.write().push(v);
        let _notified = self.notification_lock.lock();
        self.changed.notify_all();
    }
}
