// The optimizer holds an upgradable read of the segment holder and asks for the updates lock;
// an update holds the updates lock and reads the holder. An upgradable read lets reads through,
// so this deadlocks only once a writer (`swap`) queues on the holder: the finding says so.
use parking_lot::{Mutex, RwLock};

pub struct Segments {
    holder: RwLock<Vec<u32>>,
    updates: Mutex<()>,
}

impl Segments {
    pub fn finish_optimization(&self) {
        let holder = self.holder.upgradable_read();
        let _updates = self.updates.lock();
        let _ = holder.len();
    }

    pub fn update(&self, point: u32) -> bool {
        let _updates = self.updates.lock();
        let holder = self.holder.read();
        holder.contains(&point)
    }

    pub fn swap(&self, segments: Vec<u32>) {
        *self.holder.write() = segments;
    }
}
