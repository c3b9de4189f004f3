// An event scope calls its listeners while it holds the listener table; a listener that `once`
// registers removes itself from the same table (its own clone of the scope's `Arc`): the first
// event it receives locks the table again on the thread that holds it.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Listener = Box<dyn Fn(&str) + Send>;

pub struct Scope {
    listeners: Arc<Mutex<HashMap<u32, Listener>>>,
}

impl Scope {
    pub fn listen(&self, id: u32, f: impl Fn(&str) + Send + 'static) {
        self.listeners.lock().unwrap().insert(id, Box::new(f));
    }

    pub fn once(&self, id: u32, f: impl Fn(&str) + Send + 'static) {
        let listeners = self.listeners.clone();
        self.listen(id, move |event| {
            listeners.lock().unwrap().remove(&id);
            f(event);
        });
    }

    pub fn emit(&self, event: &str) {
        let listeners = self.listeners.lock().unwrap();
        for listener in listeners.values() {
            listener(event);
        }
    }
}
