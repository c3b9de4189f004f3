// A coordinator holds two locks when it joins a worker that needs both: one finding for the
// join, listing both (and a third lock it holds there, which the worker does not need, is not
// listed).
use std::sync::{Arc, Mutex};
use std::thread;

pub struct Coordinator {
    plan: Arc<Mutex<Vec<u32>>>,
    stats: Arc<Mutex<u64>>,
    log: Mutex<Vec<String>>,
}

impl Coordinator {
    pub fn run(&self) {
        let worker = {
            let (plan, stats) = (self.plan.clone(), self.stats.clone());
            thread::spawn(move || {
                plan.lock().unwrap().push(1);
                *stats.lock().unwrap() += 1;
            })
        };
        let _log = self.log.lock().unwrap();
        let _plan = self.plan.lock().unwrap();
        let _stats = self.stats.lock().unwrap();
        worker.join().unwrap();
    }
}
