// The clean twin of `guard_moved_into_thread`: the thread names the field `layout`
// (`worker.layout`), not the variable of that name that owns the guard, so it takes no guard
// along; it waits for the read lock like any other thread.
use std::sync::{Arc, RwLock};

pub struct Session {
    layout: RwLock<Vec<u32>>,
}

impl Session {
    pub fn resize(self: Arc<Self>, width: u32) {
        let layout = self.layout.read().unwrap();
        let first = layout.first().copied();
        let worker = self.clone();
        std::thread::spawn(move || {
            worker.layout.write().unwrap().push(first.unwrap_or(width));
        });
        println!("{}", layout.len());
    }
}
