// The clean twin of `borrow_of_guard_data`: the guard is dropped before the queues are
// processed. The borrow `&guard.queues` is of the variable's data, not a temporary: the guard
// stays the variable's, and `drop(guard)` ends it.
use std::sync::{Arc, Mutex};

pub struct Config {
    queues: Vec<u32>,
}

pub struct Handler {
    config: Arc<Mutex<Config>>,
}

impl Handler {
    fn process_queue(&self, idx: usize) {
        self.config.lock().unwrap().queues[idx] += 1;
    }

    pub fn process(&self, slot: u32) {
        let config = &self.config.clone();
        let guard = config.lock().unwrap();
        let queues = &guard.queues;
        let len = queues.len() as u32;
        if slot == len {
            drop(guard);
            for idx in 0..len as usize {
                self.process_queue(idx);
            }
        }
    }
}
