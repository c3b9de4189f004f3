// A wait that gives up after a while still stalls a waker that needs the held lock: every
// attempt times out, and the worker never reports in time. Here the worker takes the table
// before it sends its count.
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub struct Table {
    rows: Arc<Mutex<Vec<u64>>>,
}

impl Table {
    pub fn refresh(&self) -> Option<u64> {
        let (tx, rx) = mpsc::channel();
        let rows = Arc::clone(&self.rows);
        thread::spawn(move || {
            let n = rows.lock().unwrap().len() as u64;
            tx.send(n).unwrap();
        });
        let _rows = self.rows.lock().unwrap();
        rx.recv_timeout(Duration::from_secs(1)).ok()
    }
}
