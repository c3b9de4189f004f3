// A lock wrapper that warns when a lock is slow to come: it tries for a while, then blocks
// (`unwrap_or_else` runs only where the try failed, holding nothing). Growing the cache reads it
// through the wrapper and lets the read go before it writes.
use std::time::Duration;

pub struct RwLock<T>(parking_lot::RwLock<T>);

impl<T> RwLock<T> {
    pub fn read(&self) -> parking_lot::RwLockReadGuard<'_, T> {
        self.0.try_read_for(Duration::from_secs(10)).unwrap_or_else(|| {
            eprintln!("deadlock?");
            self.0.read()
        })
    }

    pub fn write(&self) -> parking_lot::RwLockWriteGuard<'_, T> {
        self.0.try_write_for(Duration::from_secs(10)).unwrap_or_else(|| {
            eprintln!("deadlock?");
            self.0.write()
        })
    }
}

pub struct Store {
    cache: RwLock<Vec<u32>>,
}

impl Store {
    pub fn grow(&self) {
        let n = self.cache.read().len();
        self.cache.write().push(n as u32);
    }
}
