// Worker handles pushed into a locked list and drained from it to join them: the workers take
// nothing the joiner holds, so they end.
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

pub struct Batch {
    workers: Arc<Mutex<Vec<JoinHandle<()>>>>,
    state: Mutex<u32>,
}

impl Batch {
    fn start_poller(&mut self, name: String) {
        let t = thread::Builder::new()
            .name(name)
            .spawn(move || {
                let _ = 1;
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
