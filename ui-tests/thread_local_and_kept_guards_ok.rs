// The clean twin of `thread_local_and_kept_guards`: the cache is released before flushing, the
// transaction ends before the log is locked again, and the kept guard is used, not re-locked.
use std::sync::{Mutex, MutexGuard};

thread_local! {
    static SCRATCH: Mutex<Vec<u8>> = Mutex::new(Vec::new());
}

pub fn encode(out: &mut Vec<u8>) {
    SCRATCH.with(|s| s.lock().unwrap().clear());
    flush(out);
}

pub fn flush(out: &mut Vec<u8>) {
    SCRATCH.with(|s| out.extend(s.lock().unwrap().drain(..)));
}

pub struct Log {
    entries: Mutex<Vec<u64>>,
}

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
        tx.entries.push(v);
        drop(tx);
        self.entries.lock().unwrap().push(v);
    }

    pub fn append_maybe(&self, v: u64, keep: bool) {
        let mut held: Option<MutexGuard<'_, Vec<u64>>> = None;
        if keep {
            held = Some(self.entries.lock().unwrap());
        }
        match held.as_mut() {
            Some(entries) => entries.push(v),
            None => self.entries.lock().unwrap().push(v),
        }
    }
}
