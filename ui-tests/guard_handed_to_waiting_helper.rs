// A guard handed by value to a helper stays held in it: the helper waits for the worker's
// answer before it lets the guard go, and the worker needs that lock to answer.
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex, MutexGuard};

pub struct Store {
    index: Arc<Mutex<Vec<u64>>>,
}

fn finish_flush(index: MutexGuard<'_, Vec<u64>>, done: &Receiver<u64>) -> usize {
    let written = done.recv().unwrap_or(0);
    let n = index.len() + written as usize;
    drop(index);
    n
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
