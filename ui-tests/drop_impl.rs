// A handle unregisters itself when it is dropped. Dropping one while the registry's lock is
// held runs that `drop` under the lock: explicitly (`drop(handle)`), at the end of a scope,
// or when a variable is overwritten.
use std::collections::HashMap;
use std::sync::Mutex;

static SUBSCRIBERS: Mutex<Vec<u64>> = Mutex::new(Vec::new());

pub struct Subscription {
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        SUBSCRIBERS.lock().unwrap().retain(|s| *s != self.id);
    }
}

pub fn unsubscribe_all(subs: Vec<Subscription>) {
    let _all = SUBSCRIBERS.lock().unwrap();
    for s in subs {
        drop(s);
    }
}

pub fn rotate(ids: &[u64]) {
    let mut current = Subscription { id: 0 };
    let _all = SUBSCRIBERS.lock().unwrap();
    for &id in ids {
        current = Subscription { id };
    }
}

pub struct Registry {
    handles: Mutex<HashMap<u64, String>>,
}

pub struct Handle<'a> {
    id: u64,
    registry: &'a Registry,
}

impl Drop for Handle<'_> {
    fn drop(&mut self) {
        self.registry.handles.lock().unwrap().remove(&self.id);
    }
}

impl Registry {
    pub fn probe(&self, id: u64) -> bool {
        let handles = self.handles.lock().unwrap();
        let _probe = Handle { id, registry: self };
        handles.contains_key(&id)
    }
}
