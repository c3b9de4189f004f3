// The same flush thread in its locked slot: the snapshot reads the version before it flushes,
// so the thread it joins takes nothing it holds. The slot's own lock is held across the join,
// and the joined thread never takes it.
use parking_lot::{Mutex, MutexGuard};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

pub struct Segment {
    flush_thread: Mutex<Option<JoinHandle<u64>>>,
    persisted: Arc<Mutex<u64>>,
}

impl Segment {
    fn lock_flushing(&self) -> MutexGuard<'_, Option<JoinHandle<u64>>> {
        let mut slot = self.flush_thread.lock();
        let mut running: Option<JoinHandle<u64>> = None;
        std::mem::swap(&mut running, &mut slot);
        if let Some(handle) = running {
            handle.join().ok();
        }
        slot
    }

    pub fn flush(&self) {
        let mut slot = self.lock_flushing();
        let persisted = Arc::clone(&self.persisted);
        let op = move || {
            let mut version = persisted.lock();
            *version += 1;
            *version
        };
        *slot = Some(thread::spawn(op));
    }

    pub fn snapshot(&self) -> u64 {
        let version = *self.persisted.lock();
        self.flush();
        version
    }
}
