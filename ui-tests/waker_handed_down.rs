// The channel's sender is handed to a function that starts the listener thread; the thread
// announces itself after it registers in the table, which its starter holds while it waits
// for the announcement: neither proceeds.
use std::sync::mpsc::{channel, Sender};
use std::sync::Mutex;
use std::thread;

static LISTENERS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn start_listener(name: String, started: Sender<bool>) {
    thread::spawn(move || {
        LISTENERS.lock().unwrap().push(name);
        started.send(true).ok();
    });
}

pub fn subscribe(name: String) -> bool {
    let listeners = LISTENERS.lock().unwrap();
    let (tx, rx) = channel();
    start_listener(name, tx);
    let started = rx.recv().unwrap_or(false);
    started && !listeners.is_empty()
}
