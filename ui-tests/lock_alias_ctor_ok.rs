// The same flusher, joined before the count is read: the join holds only the handle's slot,
// which the flusher never takes. A thread that only tries the lock is not held up by it.
use std::thread::{self, JoinHandle};

pub type Mutex<T> = parking_lot::Mutex<T>;

static FLUSHED: Mutex<u64> = Mutex::new(0);

pub struct Flusher {
    join_handle: Mutex<Option<JoinHandle<()>>>,
}

impl Flusher {
    pub fn new() -> Self {
        let handle = thread::spawn(|| *FLUSHED.lock() += 1);
        Flusher {
            join_handle: Mutex::new(Some(handle)),
        }
    }

    pub fn stop(&self) -> u64 {
        if let Some(handle) = self.join_handle.lock().take() {
            handle.join().ok();
        }
        *FLUSHED.lock()
    }

    pub fn probe(&self) -> bool {
        let _flushed = FLUSHED.lock();
        let prober = thread::spawn(|| FLUSHED.try_lock().is_some());
        prober.join().unwrap_or(false)
    }
}
