// The barrier is made by the manager and handed to the function that starts each vCPU thread:
// the threads are its other parties all the same. Each takes the manager's state on its way
// to the barrier, which the manager holds while it waits there: none arrives.
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

pub struct CpuManager {
    state: Arc<Mutex<Vec<u8>>>,
}

impl CpuManager {
    fn start_vcpu(&self, id: u8, barrier: Arc<Barrier>) {
        let state = Arc::clone(&self.state);
        thread::spawn(move || {
            state.lock().unwrap().push(id);
            barrier.wait();
        });
    }

    pub fn activate(&self, n: u8) {
        let barrier = Arc::new(Barrier::new(usize::from(n) + 1));
        for id in 0..n {
            self.start_vcpu(id, barrier.clone());
        }
        let _state = self.state.lock().unwrap();
        barrier.wait();
    }
}
