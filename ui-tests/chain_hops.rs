// Where each hop of a call chain runs: in a closure a combinator calls, in an async block run
// to completion, on a thread the code spawns. The notes say so for every call on the way.
use std::sync::{Arc, Mutex};
use std::thread;

pub struct Jobs {
    queue: Mutex<Vec<u32>>,
    stats: Mutex<u64>,
}

impl Jobs {
    fn record(&self, n: u32) {
        *self.stats.lock().unwrap() += u64::from(n);
    }

    fn record_all(&self, ns: &[u32]) {
        ns.iter().for_each(|n| self.record(*n));
    }

    pub fn drain(&self) {
        let queue = self.queue.lock().unwrap();
        self.record_all(&queue);
    }

    fn backlog(&self) -> usize {
        self.queue.lock().unwrap().len()
    }

    pub fn start(self: Arc<Self>) -> thread::JoinHandle<()> {
        thread::spawn(move || {
            let stats = self.stats.lock().unwrap();
            if self.backlog() > 0 {
                println!("{}", *stats);
            }
        })
    }

    pub fn flush(&self) {
        let _stats = self.stats.lock().unwrap();
        futures::executor::block_on(async {
            self.record(0);
        });
    }
}
