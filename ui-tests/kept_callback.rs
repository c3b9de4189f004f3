// `watch` calls the closure it is given once, with the current value, before it keeps it: the
// closure runs here, while `follow` holds the settings, and locks them again.
use std::sync::{Arc, Mutex};

type Listener = Box<dyn Fn(u32) + Send>;

pub struct Feed {
    current: u32,
    listeners: Mutex<Vec<Listener>>,
}

impl Feed {
    pub fn watch(&self, f: impl Fn(u32) + Send + 'static) {
        f(self.current);
        self.listeners.lock().unwrap().push(Box::new(f));
    }
}

pub struct Client {
    settings: Arc<Mutex<Vec<u32>>>,
    feed: Feed,
}

impl Client {
    pub fn follow(&self) {
        let settings = self.settings.clone();
        let _g = self.settings.lock().unwrap();
        self.feed.watch(move |v| settings.lock().unwrap().push(v));
    }
}
