// Nested monitor lockout (the textbook example): thread 1 holds `outer`, then waits on a condvar
// paired with `inner`; the wait releases `inner` only. Thread 2 needs `outer` before it can
// signal: it never gets it. Also with parking_lot, and through a helper that waits.
use std::sync::{Condvar, Mutex};

struct Monitor {
    outer: Mutex<()>,
    inner: Mutex<bool>,
    ready: Condvar,
}

impl Monitor {
    fn wait_for_signal(&self) {
        let _outer = self.outer.lock().unwrap();
        let mut signalled = self.inner.lock().unwrap();
        while !*signalled {
            signalled = self.ready.wait(signalled).unwrap();
        }
    }

    fn signal(&self) {
        let _outer = self.outer.lock().unwrap();
        let mut signalled = self.inner.lock().unwrap();
        *signalled = true;
        self.ready.notify_one();
    }
}

struct PlMonitor {
    outer: parking_lot::Mutex<()>,
    inner: parking_lot::Mutex<bool>,
    ready: parking_lot::Condvar,
}

impl PlMonitor {
    fn wait_until_ready(&self) {
        let mut ready = self.inner.lock();
        while !*ready {
            self.ready.wait(&mut ready);
        }
    }

    fn wait_for_signal(&self) {
        let _outer = self.outer.lock();
        self.wait_until_ready();
    }
}
