// The same list, but each worker reads it while it runs: joining them while holding the list
// waits for a worker that waits for the list.
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

pub struct Batch {
    workers: Arc<Mutex<Vec<JoinHandle<()>>>>,
    state: Mutex<u32>,
}

impl Batch {
    fn start_poller(&mut self, name: String) {
        let workers = self.workers.clone();
        let t = thread::Builder::new()
            .name(name)
            .spawn(move || {
                let running = workers.lock().unwrap().len();
                let _ = running;
            })
            .unwrap();
        self.workers.lock().unwrap().push(t);
    }

    pub fn shutdown(&mut self) {
        for h in self.workers.lock().unwrap().drain(..) {
            if let Err(_e) = h.join() {}
        }
    }
}
