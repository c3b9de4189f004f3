// The clean twin of `registered_callback_locks`: the handler takes one lock at a time.
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
            index.lock().unwrap().push(path.clone());
            cache.lock().unwrap().retain(|p| *p != path);
        });
    }

    pub fn rebuild(&self) {
        let mut cache = self.cache.lock().unwrap();
        let index = self.index.lock().unwrap();
        cache.clone_from(&index);
    }
}
