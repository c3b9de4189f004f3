// A vCPU manager starts its threads and meets them at a barrier, under the VM's lock on it: the
// threads take nothing the VM holds on their way to the barrier, so they all arrive.
use std::sync::{Arc, Barrier, Mutex};

pub struct Cpus {
    states: Mutex<Vec<u32>>,
}

impl Cpus {
    pub fn activate(&self, n: usize) {
        let barrier = Arc::new(Barrier::new(n + 1));
        for _ in 0..n {
            let b = barrier.clone();
            std::thread::spawn(move || {
                b.wait();
            });
        }
        barrier.wait();
    }
}

pub struct Vm {
    cpus: Mutex<Cpus>,
}

impl Vm {
    pub fn boot(&self) {
        self.cpus.lock().unwrap().activate(2);
    }
}
