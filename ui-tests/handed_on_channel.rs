// A channel made here whose sender is handed to code the analysis cannot follow (a callback
// registry of another crate): a thread of the program will send, but what it holds then is
// not shown. Receiving while holding the registry's lock is reported as a warning.
use std::sync::mpsc;
use std::sync::Mutex;

pub struct Registry {
    pending: Mutex<Vec<u64>>,
}

impl Registry {
    pub fn wait_for_ack(&self, subscribe: impl Fn(mpsc::Sender<u64>)) -> u64 {
        let (ack_tx, ack_rx) = mpsc::channel();
        subscribe(ack_tx);
        let pending = self.pending.lock().unwrap();
        let ack = ack_rx.recv().unwrap_or(0);
        ack + pending.len() as u64
    }
}
