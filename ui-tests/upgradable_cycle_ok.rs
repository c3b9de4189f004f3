// Both take the updates lock before the segment holder: one order, no cycle.
use parking_lot::{Mutex, RwLock};

pub struct Segments {
    holder: RwLock<Vec<u32>>,
    updates: Mutex<()>,
}

impl Segments {
    pub fn finish_optimization(&self) {
        let _updates = self.updates.lock();
        let holder = self.holder.upgradable_read();
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
