// A mailbox keeps both ends of its channel behind one mutex: `take` holds it while it waits
// for a message, and `post` needs it to reach the sender. The analysis cannot pair the two
// fields as one channel, so the waker is not shown; the wait is still reported.
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Mutex;

struct Ends {
    tx: Sender<u32>,
    rx: Receiver<u32>,
}

pub struct Mailbox {
    ends: Mutex<Ends>,
}

impl Mailbox {
    pub fn post(&self, v: u32) {
        let _ = self.ends.lock().unwrap().tx.send(v);
    }

    pub fn take(&self) -> Option<u32> {
        self.ends.lock().unwrap().rx.recv().ok()
    }
}
