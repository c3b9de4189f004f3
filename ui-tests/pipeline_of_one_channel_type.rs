// A channel with a byte budget: one sender at a time (the `active_sender` token) waits on the
// condvar until the receiver frees room. The receiver takes the sender token before it frees
// room, to keep senders out while it reorders the queue: a sender waiting for room holds the
// token the receiver needs, and the receiver never gets to notify.
use parking_lot::{Condvar, Mutex};
use std::collections::VecDeque;
use std::sync::Arc;

struct State {
    bytes_in_flight: u64,
    queue: VecDeque<(Vec<u8>, u64)>,
}

struct Shared {
    active_sender: Mutex<()>,
    state: Mutex<State>,
    state_changed: Condvar,
    capacity: u64,
}

pub struct Sender {
    shared: Arc<Shared>,
}

pub struct Receiver {
    shared: Arc<Shared>,
}

impl Sender {
    pub fn send(&self, msg: Vec<u8>) {
        let _sender_lock = self.shared.active_sender.lock();
        let size = msg.len() as u64;
        let mut state = self.shared.state.lock();
        while self.shared.capacity < state.bytes_in_flight + size {
            self.shared.state_changed.wait(&mut state);
        }
        state.bytes_in_flight += size;
        state.queue.push_back((msg, size));
    }
}

impl Receiver {
    pub fn recv(&self) -> Option<Vec<u8>> {
        let _no_senders = self.shared.active_sender.lock();
        let mut state = self.shared.state.lock();
        let (msg, size) = state.queue.pop_front()?;
        state.bytes_in_flight -= size;
        self.shared.state_changed.notify_all();
        Some(msg)
    }
}

pub fn batching_stage(input: Receiver, output: Sender) {
    std::thread::spawn(move || {
        while let Some(msg) = input.recv() {
            output.send(msg);
        }
    });
}
