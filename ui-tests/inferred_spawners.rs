// A helper that takes a closure and calls it runs it under the caller's locks: `with_retry`
// is no spawner, whatever it is given runs right there, and locking the head inside it while
// the caller holds the head waits for itself.
use std::sync::{Arc, Mutex};

pub struct Executor;

impl Executor {
    pub fn with_retry<F: FnOnce()>(&self, f: F) {
        f()
    }
}

pub struct Chain {
    head: Arc<Mutex<u64>>,
    exec: Executor,
}

impl Chain {
    pub fn import(&self) {
        let _head = self.head.lock().unwrap();
        let head = self.head.clone();
        self.exec.with_retry(move || {
            *head.lock().unwrap() += 1;
        });
    }
}
