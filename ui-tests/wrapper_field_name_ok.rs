// The same cache, its length read before the entries are locked.
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
        let n = self.len();
        let mut entries = self.guard();
        entries.push(n as u32);
    }
}
