// The bus calls a copy of its listeners, taken before the call, with nothing locked; the cache
// publishes after it lets its entries go. The listener still takes `Cache::entries` where the
// bus calls it, but nothing is held there.
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
        let listeners: Vec<Listener> = self.listeners.lock().unwrap().clone();
        for listener in listeners.iter() {
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
        let _g = self.entries.lock().unwrap();
        self.bus
            .subscribe(move |event| entries.lock().unwrap().retain(|e| e != event));
    }

    pub fn refresh(&self) {
        let len = self.entries.lock().unwrap().len();
        self.bus.publish(&len.to_string());
    }
}
