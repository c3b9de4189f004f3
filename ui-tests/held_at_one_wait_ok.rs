// The clean twin of `held_at_one_wait`: the worker takes neither lock the coordinator holds at
// the join, so the join ends.
use std::sync::{Arc, Mutex};
use std::thread;

pub struct Coordinator {
    plan: Arc<Mutex<Vec<u32>>>,
    stats: Mutex<u64>,
    results: Arc<Mutex<Vec<u32>>>,
}

impl Coordinator {
    pub fn run(&self) {
        let results = self.results.clone();
        let worker = thread::spawn(move || {
            results.lock().unwrap().push(1);
        });
        let _plan = self.plan.lock().unwrap();
        let _stats = self.stats.lock().unwrap();
        worker.join().unwrap();
    }
}
