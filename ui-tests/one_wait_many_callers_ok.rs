// The callers wait for the pool to be idle before they take the job list.
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
        self.wait_idle();
        self.jobs.lock().unwrap().truncate(n);
    }

    pub fn shutdown(&self) {
        self.wait_idle();
        let _jobs = self.jobs.lock().unwrap();
    }
}
