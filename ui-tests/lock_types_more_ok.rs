// The clean twin of `lock_types_more`: what the second acquisition read is read before the
// first guard is taken.
use crossbeam_utils::sync::ShardedLock;
use parking_lot::{Mutex, MutexGuard};

pub struct Peers {
    map: ShardedLock<Vec<u64>>,
}

impl Peers {
    fn count(&self) -> usize {
        self.map.read().unwrap().len()
    }

    pub fn add(&self, id: u64) {
        let count = self.count();
        let mut map = self.map.write().unwrap();
        if count < 10 {
            map.push(id);
        }
    }
}

pub struct Db {
    rows: Mutex<(Vec<u64>, u64)>,
}

impl Db {
    fn total(&self) -> u64 {
        self.rows.lock().1
    }

    pub fn add(&self, v: u64) {
        let total = self.total();
        let mut rows = MutexGuard::map(self.rows.lock(), |r| &mut r.0);
        rows.push(v + total);
    }
}
