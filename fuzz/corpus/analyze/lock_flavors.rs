// Every supported lock family takes part in the same lock graph.
use std::sync::Arc;

struct Hub {
    std_lock: std::sync::Mutex<u32>,
    pl_lock: parking_lot::Mutex<u32>,
    spin_lock: spin::Mutex<u32>,
    pl_rw: parking_lot::RwLock<u32>,
    fair: parking_lot::FairMutex<u32>,
}

impl Hub {
    fn one(&self) {
        let _a = self.std_lock.lock().unwrap();
        let _b = self.pl_lock.lock();
    }
    fn two(&self) {
        let _b = self.pl_lock.lock();
        let _c = self.spin_lock.lock();
    }
    fn three(&self) {
        let _c = self.spin_lock.lock();
        let _d = self.pl_rw.write();
    }
    fn four(&self) {
        let _d = self.pl_rw.read();
        let _e = self.fair.lock();
    }
    fn five(self: Arc<Self>) {
        let _e = self.fair.lock();
        let _a = self.std_lock.lock().expect("poisoned");
    }
}
