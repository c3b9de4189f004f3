// A background flush thread's handle is kept in a locked slot (`Mutex<Option<JoinHandle>>`,
// reached through a helper that returns the slot's guard), and joined by the next flush, which
// swaps it out. The flush thread records the version it persisted; a snapshot that holds that
// version while it flushes waits for a thread that waits for it.
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
        let version = self.persisted.lock();
        self.flush();
        *version
    }
}
