// The clean twin of `handed_on_channel`: the registry's lock is let go before the receive; and
// a wait on a receiver kept in a field, whose senders the code does not show, is not reported
// by default (`unseen-wakers = "warn"` reports it).
use std::sync::mpsc;
use std::sync::Mutex;

pub struct Registry {
    pending: Mutex<Vec<u64>>,
    acks: mpsc::Receiver<u64>,
}

impl Registry {
    pub fn wait_for_ack(&self, subscribe: impl Fn(mpsc::Sender<u64>)) -> u64 {
        let (ack_tx, ack_rx) = mpsc::channel();
        subscribe(ack_tx);
        let waiting = self.pending.lock().unwrap().len() as u64;
        ack_rx.recv().unwrap_or(0) + waiting
    }

    pub fn next_ack(&self) -> u64 {
        let pending = self.pending.lock().unwrap();
        self.acks.recv().unwrap_or(0) + pending.len() as u64
    }
}
