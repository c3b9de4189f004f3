// vCPU threads' handles are kept in the states a lock protects (`states[i].handle`); stopping
// joins them while holding that lock. The threads take nothing the stopper holds: they end.
use std::sync::Mutex;
use std::thread;

pub struct VcpuState {
    handle: Option<thread::JoinHandle<()>>,
}

impl VcpuState {
    fn join_thread(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.join().ok();
        }
    }
}

pub struct CpuManager {
    vcpu_states: Mutex<Vec<VcpuState>>,
    counter: Mutex<u32>,
}

impl CpuManager {
    fn start_vcpu(&self, id: usize) -> Result<(), std::io::Error> {
        let mut vcpu_states = self.vcpu_states.lock().unwrap();
        vcpu_states[id].handle = Some(thread::spawn(move || {
            let _ = id;
        }));
        Ok(())
    }

    pub fn shutdown(&self) {
        let mut states = self.vcpu_states.lock().unwrap();
        for mut state in states.drain(..) {
            state.join_thread();
        }
    }
}
