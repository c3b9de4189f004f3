// A crate that defines its own `spawn` (a thread pool, a scope): the closure it is given runs on
// another thread, so the caller's guard is not held inside it (seen in rayon-core).
use std::sync::Mutex;

pub struct Scope;

impl Scope {
    pub fn spawn<F: FnOnce(&Scope) + Send>(&self, job: F) {
        let _ = job;
    }
}

fn countdown(s: &Scope, max: &Mutex<usize>, n: usize) {
    let mut data = max.lock().unwrap();
    *data += 1;
    if n > 0 {
        s.spawn(move |s| countdown(s, max, n - 1));
    }
}
