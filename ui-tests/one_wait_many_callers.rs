// One wait in a helper, reached by two callers that hold the job list: one finding, which
// lists both paths. The notifier clears the jobs before it wakes the waiters.
use std::sync::{Condvar, Mutex};

pub struct Pool {
    jobs: Mutex<Vec<u32>>,
    idle: Mutex<bool>,
    wake: Condvar,
}

impl Pool {
    fn wait_idle(&self) {
        let mut idle = self.idle.lock().unwrap();
        while !*idle {
            idle = self.wake.wait(idle).unwrap();
        }
    }

    pub fn finish(&self) {
        self.jobs.lock().unwrap().clear();
        *self.idle.lock().unwrap() = true;
        self.wake.notify_all();
    }

    pub fn resize(&self, n: usize) {
        let mut jobs = self.jobs.lock().unwrap();
        self.wait_idle();
        jobs.truncate(n);
    }

    pub fn shutdown(&self) {
        let _jobs = self.jobs.lock().unwrap();
        self.wait_idle();
    }
}
