// Fixed: one order (table, jobs, done) everywhere; the wrappers still count as locks.
use std::sync::{Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

trait RwLockExt<T> {
    fn rl(&self) -> RwLockReadGuard<'_, T>;
    fn wl(&self) -> RwLockWriteGuard<'_, T>;
}

impl<T> RwLockExt<T> for RwLock<T> {
    fn rl(&self) -> RwLockReadGuard<'_, T> {
        self.read().unwrap()
    }
    fn wl(&self) -> RwLockWriteGuard<'_, T> {
        self.write().unwrap()
    }
}

pub struct Lock<T>(Mutex<T>);

impl<T> Lock<T> {
    pub fn lock(&self) -> MutexGuard<'_, T> {
        match self.0.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

struct Engine {
    table: RwLock<Vec<u32>>,
    jobs: Lock<Vec<u32>>,
    done: Lock<Vec<u32>>,
}

impl Engine {
    fn jobs(&self) -> MutexGuard<'_, Vec<u32>> {
        self.jobs.lock()
    }

    fn refresh(&self) {
        let table = self.table.rl();
        let mut jobs = self.jobs();
        jobs.extend(table.iter());
    }

    fn schedule(&self) {
        self.table.wl().clear();
        let _jobs = self.jobs.lock();
        let _done = self.done.lock();
    }

    fn finish(&self) {
        let _jobs = self.jobs();
        let _done = self.done.lock();
    }
}
