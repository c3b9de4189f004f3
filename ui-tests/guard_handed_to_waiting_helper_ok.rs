// The helper lets the guard it is handed go before it waits for the worker, which takes that
// lock: the worker can answer.
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex, MutexGuard};

pub struct Store {
    index: Arc<Mutex<Vec<u64>>>,
}

fn finish_flush(index: MutexGuard<'_, Vec<u64>>, done: &Receiver<u64>) -> usize {
    let n = index.len();
    drop(index);
    n + done.recv().unwrap_or(0) as usize
}

impl Store {
    pub fn flush(&self) -> usize {
        let (done_tx, done_rx) = channel();
        let index = self.index.clone();
        std::thread::spawn(move || {
            let count = index.lock().unwrap().len() as u64;
            done_tx.send(count).unwrap();
        });
        let guard = self.index.lock().unwrap();
        finish_flush(guard, &done_rx)
    }
}
