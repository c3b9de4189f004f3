// The same handles, dropped where no lock their `drop` takes is held: after the guard, or
// handed on (stored, returned) so that someone else drops them later.
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
    let count = SUBSCRIBERS.lock().unwrap().len();
    for s in subs {
        drop(s);
    }
    let _ = count;
}

pub fn subscribe(id: u64, into: &mut Vec<Subscription>) -> Subscription {
    let mut all = SUBSCRIBERS.lock().unwrap();
    all.push(id);
    let kept = Subscription { id: id + 1 };
    into.push(kept);
    Subscription { id }
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
        // Declared before the guard: dropped after it (locals drop in reverse order).
        let _probe = Handle { id, registry: self };
        let handles = self.handles.lock().unwrap();
        handles.contains_key(&id)
    }

    pub fn open(&self, id: u64) -> Handle<'_> {
        let mut handles = self.handles.lock().unwrap();
        handles.insert(id, String::new());
        Handle { id, registry: self }
    }
}
