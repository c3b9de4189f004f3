// The listener thread announces itself without touching the table: the channel was made by
// the subscriber and its sender handed to the thread's starter, so that thread is the only one
// that can end the wait, and it needs nothing the subscriber holds.
use std::sync::mpsc::{channel, Sender};
use std::sync::Mutex;
use std::thread;

static LISTENERS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn start_listener(name: String, started: Sender<bool>) {
    thread::spawn(move || {
        started.send(!name.is_empty()).ok();
    });
}

pub fn subscribe(name: String) -> bool {
    let mut listeners = LISTENERS.lock().unwrap();
    let (tx, rx) = channel();
    start_listener(name.clone(), tx);
    let started = rx.recv().unwrap_or(false);
    listeners.push(name);
    started
}
