// `Bus::publish` calls its listeners while it holds the list; the listener `Cache::attach`
// registers takes `Cache::entries`. `Cache::refresh` holds `entries` and publishes, which takes
// the list: the two locks are taken in both orders, one of them through the closure the bus
// keeps and calls later, not where `attach` writes it. The listener also locks the entries of
// the cache that registered it, its own clone of `self.entries`, while `refresh` holds them.
use std::sync::{Arc, Mutex};

type Listener = Arc<dyn Fn(&str) + Send + Sync>;

pub struct Bus {
    listeners: Mutex<Vec<Listener>>,
}

impl Bus {
    pub fn subscribe(&self, f: impl Fn(&str) + Send + Sync + 'static) {
        self.listeners.lock().unwrap().push(Arc::new(f));
    }

    pub fn publish(&self, event: &str) {
        for listener in self.listeners.lock().unwrap().iter() {
            listener(event);
        }
    }
}

pub struct Cache {
    entries: Arc<Mutex<Vec<String>>>,
    bus: Arc<Bus>,
}

impl Cache {
    pub fn attach(&self) {
        let entries = self.entries.clone();
        self.bus
            .subscribe(move |event| entries.lock().unwrap().retain(|e| e != event));
    }

    pub fn refresh(&self) {
        let entries = self.entries.lock().unwrap();
        self.bus.publish(&entries.len().to_string());
    }
}
