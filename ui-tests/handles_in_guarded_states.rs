// The same vCPU states, in a static this time, and each vCPU thread records its exit in them:
// joining the threads while holding the states waits for threads that wait for the states.
use std::sync::Mutex;
use std::thread;

pub struct VcpuState {
    handle: Option<thread::JoinHandle<()>>,
    exited: bool,
}

impl VcpuState {
    fn join_thread(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.join().ok();
        }
    }
}

static STATES: Mutex<Vec<VcpuState>> = Mutex::new(Vec::new());

pub fn start_vcpu(id: usize) {
    let mut states = STATES.lock().unwrap();
    states[id].handle = Some(thread::spawn(move || {
        STATES.lock().unwrap()[id].exited = true;
    }));
}

pub fn shutdown() {
    let mut states = STATES.lock().unwrap();
    for state in states.iter_mut() {
        state.join_thread();
    }
}
