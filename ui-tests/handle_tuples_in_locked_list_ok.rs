// Auxiliary threads kept with their unparkers as tuples in a locked list, and joined from it
// while it is held: the threads never take the list, so every join ends.
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle, Thread};

pub struct Runtime {
    aux_threads: Arc<Mutex<Vec<(JoinHandle<()>, Thread)>>>,
}

impl Runtime {
    pub fn spawn_aux(&self, name: String) {
        let handle = thread::Builder::new()
            .name(name)
            .spawn(move || {
                thread::park();
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
