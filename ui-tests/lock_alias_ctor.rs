// The crate names its lock through an alias (`type Mutex<T> = parking_lot::Mutex<T>`) and
// builds it with the alias's `new`: the handle of the flusher thread kept in it is still
// known. The flusher counts into `FLUSHED`, which `stop` holds while it joins the flusher.
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
        let flushed = FLUSHED.lock();
        if let Some(handle) = self.join_handle.lock().take() {
            handle.join().ok();
        }
        *flushed
    }
}
