// `subscribe` only keeps the closure it is given (a callback for later): it does not run while
// `follow` holds the settings, so locking them inside it is no double lock here.
use std::sync::{Arc, Mutex};

type Listener = Box<dyn Fn(u32) + Send>;

pub struct Feed {
    listeners: Mutex<Vec<Listener>>,
}

impl Feed {
    pub fn subscribe(&self, f: impl Fn(u32) + Send + 'static) {
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
        self.feed.subscribe(move |v| settings.lock().unwrap().push(v));
    }
}
