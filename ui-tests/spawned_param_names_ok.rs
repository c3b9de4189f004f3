// The thread reads the count and lets the guard go before the helper locks it.
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

fn bump(state: &Mutex<u32>) {
    *state.lock().unwrap() += 1;
}

pub fn start(state: Arc<Mutex<u32>>) -> JoinHandle<()> {
    thread::spawn(move || {
        let seen = *state.lock().unwrap();
        if seen == 0 {
            bump(&state);
        }
    })
}
