// The clean twin of `callback_reenters_its_owner`: `emit` takes the listeners out of the table
// before it calls them, and puts back those that are still there.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Listener = Arc<dyn Fn(&str) + Send + Sync>;

pub struct Scope {
    listeners: Arc<Mutex<HashMap<u32, Listener>>>,
}

impl Scope {
    pub fn listen(&self, id: u32, f: impl Fn(&str) + Send + Sync + 'static) {
        self.listeners.lock().unwrap().insert(id, Arc::new(f));
    }

    pub fn once(&self, id: u32, f: impl Fn(&str) + Send + Sync + 'static) {
        let listeners = self.listeners.clone();
        self.listen(id, move |event| {
            listeners.lock().unwrap().remove(&id);
            f(event);
        });
    }

    pub fn emit(&self, event: &str) {
        let current: Vec<Listener> = self.listeners.lock().unwrap().values().cloned().collect();
        for listener in current {
            listener(event);
        }
    }
}
