// Auxiliary threads kept with their unparkers as tuples in a locked list, and joined from it:
// each thread reads the list while it runs, so joining them while holding it waits for a thread
// that waits for the list.
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle, Thread};

pub struct Runtime {
    aux_threads: Arc<Mutex<Vec<(JoinHandle<()>, Thread)>>>,
}

impl Runtime {
    pub fn spawn_aux(&self, name: String) {
        let threads = Arc::clone(&self.aux_threads);
        let handle = thread::Builder::new()
            .name(name)
            .spawn(move || {
                let peers = threads.lock().unwrap().len();
                let _ = peers;
            })
            .unwrap();
        let unparker = handle.thread().clone();
        self.aux_threads.lock().unwrap().push((handle, unparker));
    }

    pub fn join(&self) {
        self.aux_threads
            .lock()
            .unwrap()
            .drain(..)
            .for_each(|(h, _unparker)| {
                let _ = h.join();
            });
    }
}
