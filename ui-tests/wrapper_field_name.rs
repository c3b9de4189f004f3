// A type whose only field is a lock is a lock of its own, named where the caller keeps it; the
// lock inside is named like any field, `Cache::entries`. `refill` holds it and locks it again.
use std::sync::{Mutex, MutexGuard};

pub struct Cache {
    entries: Mutex<Vec<u32>>,
}

impl Cache {
    fn guard(&self) -> MutexGuard<'_, Vec<u32>> {
        self.entries.lock().unwrap()
    }

    fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }

    pub fn refill(&self) {
        let mut entries = self.guard();
        let n = self.len();
        entries.push(n as u32);
    }
}
