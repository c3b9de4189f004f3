// The same hops with one order: the queue is copied out before its numbers are recorded, the
// spawned thread reads the backlog before it takes the stats, and nothing holds the stats
// while the async block records. An async block that awaits nothing completes when first
// polled: `block_on` does not wait for anything under the stats' guard.
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
        let queue = self.queue.lock().unwrap().clone();
        self.record_all(&queue);
    }

    fn backlog(&self) -> usize {
        self.queue.lock().unwrap().len()
    }

    pub fn start(self: Arc<Self>) -> thread::JoinHandle<()> {
        thread::spawn(move || {
            let backlog = self.backlog();
            let stats = self.stats.lock().unwrap();
            if backlog > 0 {
                println!("{}", *stats);
            }
        })
    }

    pub fn flush(&self) {
        futures::executor::block_on(async {
            self.record(0);
        });
    }

    pub fn tally(&self) -> u64 {
        let stats = self.stats.lock().unwrap();
        futures::executor::block_on(async { *stats + 1 })
    }
}
