// A timed wait with no waker in the code that needs the held lock: at worst it times out, it
// cannot block forever. The replies come from elsewhere (a caller's thread, another process).
use std::sync::mpsc::Receiver;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct Session {
    state: Mutex<u32>,
    ready: Mutex<bool>,
    changed: Condvar,
}

impl Session {
    pub fn await_ack(&self, acks: &Receiver<u32>) -> Option<u32> {
        let state = self.state.lock().unwrap();
        acks.recv_timeout(Duration::from_millis(100))
            .ok()
            .map(|a| a + *state)
    }

    pub fn wait_ready(&self) -> bool {
        let _state = self.state.lock().unwrap();
        let ready = self.ready.lock().unwrap();
        let (ready, _) = self
            .changed
            .wait_timeout(ready, Duration::from_secs(1))
            .unwrap();
        *ready
    }

    pub fn pause(&self) {
        let _state = self.state.lock().unwrap();
        std::thread::park_timeout(Duration::from_millis(10));
    }
}
