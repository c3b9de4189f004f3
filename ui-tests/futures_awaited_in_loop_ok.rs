// The futures are made while the queue is locked, but awaited after its guard is dropped: no
// `flush` appends to the log under the queue.
use std::sync::Mutex;

pub struct Journal {
    queue: Mutex<Vec<u32>>,
    log: Mutex<Vec<u32>>,
}

impl Journal {
    async fn flush(&self, id: u32) {
        self.log.lock().unwrap().push(id);
    }

    pub async fn flush_all(&self) {
        let queue = self.queue.lock().unwrap();
        let pending: Vec<_> = queue.iter().map(|id| self.flush(*id)).collect();
        drop(queue);
        for f in pending {
            f.await;
        }
    }

    pub fn rotate(&self) {
        let _log = self.log.lock().unwrap();
        self.queue.lock().unwrap().clear();
    }
}
