// A handler registered with another crate's watcher runs later, on the watcher's thread: its
// own locking still counts. It locks the index, then the cache; `rebuild` takes them the other
// way round.
use std::sync::{Arc, Mutex};

pub struct Library {
    index: Arc<Mutex<Vec<String>>>,
    cache: Arc<Mutex<Vec<String>>>,
}

impl Library {
    pub fn watch(&self, watcher: &mut notify_like::Watcher) {
        let index = self.index.clone();
        let cache = self.cache.clone();
        watcher.on_change(move |path: String| {
            let mut index = index.lock().unwrap();
            index.push(path.clone());
            cache.lock().unwrap().retain(|p| *p != path);
        });
    }

    pub fn rebuild(&self) {
        let mut cache = self.cache.lock().unwrap();
        let index = self.index.lock().unwrap();
        cache.clone_from(&index);
    }
}
