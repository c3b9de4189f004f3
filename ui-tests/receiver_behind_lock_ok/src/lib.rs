// A lock around the very end a thread waits on serializes the users of that end; the other
// end is kept elsewhere and sends without it: a receiver taken out of `Mutex<Option<..>>` and
// received on under the statement's guard, a server whose only channel end is behind a mutex.
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Mutex;

pub struct Waiter {
    error_rx: Mutex<Option<Receiver<String>>>,
}

impl Waiter {
    pub fn external_error(&self) -> String {
        self.error_rx.lock().unwrap().take().unwrap().recv().unwrap()
    }
}

pub struct CallServer {
    args: Receiver<u64>,
}

impl CallServer {
    fn next_call(&mut self) -> Option<u64> {
        self.args.recv().ok()
    }
}

pub struct Worker {
    server: Mutex<CallServer>,
}

impl Worker {
    pub fn serve(&self, results: &Sender<u64>) {
        while let Some(arg) = self.server.lock().unwrap().next_call() {
            let _ = results.send(arg * 2);
        }
    }
}
