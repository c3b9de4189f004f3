// The wait releases the registry's mutex (its guard comes from a helper), but not the journal's,
// which `push` needs before it notifies: a nested monitor lockout.
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

struct Registry {
    items: Vec<u32>,
}

struct WithSignal {
    registry: Mutex<Registry>,
    journal: Mutex<Vec<String>>,
    changed: Condvar,
}

#[derive(Clone)]
pub struct Shared {
    inner: Arc<WithSignal>,
}

impl Shared {
    fn lock_registry(&self) -> MutexGuard<'_, Registry> {
        self.inner.registry.lock().unwrap()
    }

    pub fn wait_for(&self, n: usize) {
        let mut journal = self.inner.journal.lock().unwrap();
        let mut registry = self.lock_registry();
        loop {
            if registry.items.len() >= n {
                journal.push(format!("reached {n}"));
                return;
            }
            let (guard, _) = self
                .inner
                .changed
                .wait_timeout(registry, Duration::from_millis(200))
                .unwrap();
            registry = guard;
        }
    }

    pub fn push(&self, v: u32) {
        self.inner.journal.lock().unwrap().push(format!("push {v}"));
        self.lock_registry().items.push(v);
        self.inner.changed.notify_all();
    }
}
