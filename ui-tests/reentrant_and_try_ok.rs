// A reentrant mutex may be locked again by its owner; a try-lock never waits, so taking one
// while holding another lock cannot deadlock (the usual "lock timeout" advice).
use parking_lot::{Mutex, ReentrantMutex};
use std::time::Duration;

struct Logger {
    out: ReentrantMutex<Vec<String>>,
}

impl Logger {
    fn log(&self, line: &str) {
        let _out = self.out.lock();
        self.log_twice(line);
    }

    fn log_twice(&self, line: &str) {
        let _again = self.out.lock();
        let _ = line;
    }
}

struct Pair {
    first: Mutex<u32>,
    second: Mutex<u32>,
}

impl Pair {
    fn forward(&self) {
        let _a = self.first.lock();
        let _b = self.second.lock();
    }

    fn backward_with_backoff(&self) {
        loop {
            let _b = self.second.lock();
            if let Some(_a) = self.first.try_lock_for(Duration::from_millis(10)) {
                return;
            }
        }
    }

    fn relock_try(&self) {
        let _a = self.first.lock();
        if let Some(_again) = self.first.try_lock() {
            unreachable!();
        }
    }
}
