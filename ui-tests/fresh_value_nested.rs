// `restore` builds a usage value and hands it to the registry (`publish`) before it reads it
// under its own usage: from there other threads can reach the new value and nest the two the
// other way round, so the two instances nested here are in no order.
use parking_lot::RwLock;
use std::sync::{Arc, Mutex};

pub struct UsageInner {
    tables: usize,
}

pub struct Usage {
    inner: Arc<RwLock<UsageInner>>,
}

pub static REGISTRY: Mutex<Vec<Usage>> = Mutex::new(Vec::new());

impl Usage {
    pub fn new(tables: usize) -> Self {
        Self {
            inner: Arc::new(RwLock::new(UsageInner { tables })),
        }
    }

    pub fn restore(&self, tables: usize) {
        let restored = current_usage(tables);
        let shared = Usage {
            inner: restored.inner.clone(),
        };
        publish(shared);
        let mut usage = self.inner.write();
        usage.tables = restored.inner.read().tables;
    }
}

fn current_usage(tables: usize) -> Usage {
    Usage::new(tables)
}

fn publish(usage: Usage) {
    REGISTRY.lock().unwrap().push(usage);
}
