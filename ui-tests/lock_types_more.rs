// More lock types real code uses: crossbeam's `ShardedLock` (an `RwLock` whose readers queue
// behind writers) and parking_lot's mapped guards (`MutexGuard::map` keeps the lock held).
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
        let mut map = self.map.write().unwrap();
        if self.count() < 10 {
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
        let mut rows = MutexGuard::map(self.rows.lock(), |r| &mut r.0);
        rows.push(v + self.total());
    }
}
