// A handler borrows the queues out of the config guard, then processes each queue, which locks
// the config again while the guard is still alive.
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
        let guard = self.config.lock().unwrap();
        let queues = &guard.queues;
        let len = queues.len() as u32;
        if slot == len {
            for idx in 0..len as usize {
                self.process_queue(idx);
            }
        }
    }
}
