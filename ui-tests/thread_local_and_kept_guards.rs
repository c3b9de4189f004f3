// A per-thread cache behind `thread_local!`, and guards kept in a struct field and in an
// `Option`: each is the lock it came from, for as long as it is kept.
use std::sync::{Mutex, MutexGuard};

thread_local! {
    static SCRATCH: Mutex<Vec<u8>> = Mutex::new(Vec::new());
}

pub fn encode(out: &mut Vec<u8>) {
    SCRATCH.with(|s| {
        let mut scratch = s.lock().unwrap();
        scratch.clear();
        flush(out);
    });
}

pub fn flush(out: &mut Vec<u8>) {
    SCRATCH.with(|s| out.extend(s.lock().unwrap().drain(..)));
}

pub struct Log {
    entries: Mutex<Vec<u64>>,
}

/// A transaction holds the log locked until it is dropped.
pub struct Tx<'a> {
    entries: MutexGuard<'a, Vec<u64>>,
}

impl Log {
    pub fn begin(&self) -> Tx<'_> {
        Tx {
            entries: self.entries.lock().unwrap(),
        }
    }

    pub fn append_twice(&self, v: u64) {
        let mut tx = self.begin();
        tx.entries.push(v);
        self.entries.lock().unwrap().push(v);
    }

    pub fn append_kept(&self, v: u64) {
        let held: Option<MutexGuard<'_, Vec<u64>>> = Some(self.entries.lock().unwrap());
        self.entries.lock().unwrap().push(v);
        drop(held);
    }
}
