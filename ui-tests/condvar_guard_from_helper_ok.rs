// The guard a condvar waits with comes from a helper (`lock_registry`): the wait releases that
// mutex, whichever way the guard was obtained. Nothing is held across the wait.
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

struct Registry {
    items: Vec<u32>,
}

struct WithSignal {
    registry: Mutex<Registry>,
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
        let mut registry = self.lock_registry();
        loop {
            if registry.items.len() >= n {
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
        self.lock_registry().items.push(v);
        self.inner.changed.notify_all();
    }
}
