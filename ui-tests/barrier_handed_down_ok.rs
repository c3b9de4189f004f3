// The vCPU threads wait at the barrier the manager hands down before they touch its state:
// they all arrive, and the barrier opens while the manager holds the state.
use std::sync::{Arc, Barrier, Mutex};
use std::thread;

pub struct CpuManager {
    state: Arc<Mutex<Vec<u8>>>,
}

impl CpuManager {
    fn start_vcpu(&self, id: u8, barrier: Arc<Barrier>) {
        let state = Arc::clone(&self.state);
        thread::spawn(move || {
            barrier.wait();
            state.lock().unwrap().push(id);
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
