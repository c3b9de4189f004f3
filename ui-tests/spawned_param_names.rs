// A lock a function is handed and moves into the thread it starts is named by the function's
// parameter (`start::state`), in the thread as in the function. The thread locks it again
// through a helper while it holds it.
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

fn bump(state: &Mutex<u32>) {
    *state.lock().unwrap() += 1;
}

pub fn start(state: Arc<Mutex<u32>>) -> JoinHandle<()> {
    thread::spawn(move || {
        let seen = state.lock().unwrap();
        if *seen == 0 {
            bump(&state);
        }
    })
}
