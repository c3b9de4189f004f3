// Correct condvar use: the only lock held across the wait is the one the wait releases (the
// std documentation's pair), and the notifier takes nothing else.
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

fn main() {
    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let pair2 = Arc::clone(&pair);
    thread::spawn(move || {
        let (lock, cvar) = &*pair2;
        let mut started = lock.lock().unwrap();
        *started = true;
        cvar.notify_one();
    });
    let (lock, cvar) = &*pair;
    let mut started = lock.lock().unwrap();
    while !*started {
        started = cvar.wait(started).unwrap();
    }
    let _done = cvar.wait_while(lock.lock().unwrap(), |s| !*s).unwrap();
}

struct PlMonitor {
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
}
