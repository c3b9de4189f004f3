// Futures collected into a list run one at a time where the loop awaits them, not where they
// are made: the queue is locked there, so each `flush` appends to the log under it, against
// `rotate`'s order.
use std::sync::Mutex;

pub struct Journal {
    queue: Mutex<Vec<u32>>,
    log: Mutex<Vec<u32>>,
}

impl Journal {
    async fn flush(&self, id: u32) {
        self.log.lock().unwrap().push(id);
    }

    pub async fn flush_all(&self, ids: &[u32]) {
        let pending: Vec<_> = ids.iter().map(|id| self.flush(*id)).collect();
        let queue = self.queue.lock().unwrap();
        for f in pending {
            f.await;
        }
        drop(queue);
    }

    pub fn rotate(&self) {
        let _log = self.log.lock().unwrap();
        self.queue.lock().unwrap().clear();
    }
}
