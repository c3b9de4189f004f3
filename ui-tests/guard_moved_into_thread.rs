// A `move` closure that names a guard takes it along: the thread holds `layout`'s read lock
// from its start, and its own write waits for itself.
use std::sync::{Arc, RwLock};

pub struct Session {
    layout: RwLock<Vec<u32>>,
}

impl Session {
    pub fn resize(self: Arc<Self>, width: u32) {
        let layout = self.layout.read().unwrap();
        let worker = self.clone();
        std::thread::spawn(move || {
            let first = layout.first().copied();
            worker.layout.write().unwrap().push(first.unwrap_or(width));
        });
    }
}
