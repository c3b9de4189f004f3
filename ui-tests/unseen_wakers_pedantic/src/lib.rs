// With `unseen-wakers = "warn"`, a thread that blocks while holding a lock is reported even
// when the code shows nothing of the thread that would wake it: a receiver kept in a field,
// a condvar a helper waits on, a park, a join of handles threads registered themselves.
use std::sync::mpsc::Receiver;
use std::sync::{Condvar, LazyLock, Mutex};
use std::thread::{self, JoinHandle};

pub struct Pipeline {
    stats: Mutex<u64>,
    results: Receiver<u64>,
    ready: Mutex<bool>,
    signal: Condvar,
}

impl Pipeline {
    fn wait_until_ready(&self) {
        let mut ready = self.ready.lock().unwrap();
        while !*ready {
            ready = self.signal.wait(ready).unwrap();
        }
    }

    pub fn collect(&self) {
        let mut stats = self.stats.lock().unwrap();
        *stats += self.results.recv().unwrap_or(0);
        self.wait_until_ready();
        thread::park();
    }
}

static HANDLES: LazyLock<Mutex<Vec<JoinHandle<()>>>> = LazyLock::new(|| Mutex::new(Vec::new()));

pub fn register(handle: JoinHandle<()>) {
    HANDLES.lock().unwrap().push(handle);
}

pub fn wait_all() {
    let mut handles = HANDLES.lock().unwrap();
    for handle in handles.drain(..) {
        let _ = handle.join();
    }
}
