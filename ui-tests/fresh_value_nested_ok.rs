// `restore` reads a usage value it has just built (`current_usage`) while it holds its own
// usage: no other thread can hold or wait for the fresh value's lock, so the two instances
// nested here are no cycle between threads.
use parking_lot::RwLock;
use std::sync::Arc;

pub struct UsageInner {
    tables: usize,
}

pub struct Usage {
    inner: Arc<RwLock<UsageInner>>,
}

impl Usage {
    pub fn new(tables: usize) -> Self {
        Self {
            inner: Arc::new(RwLock::new(UsageInner { tables })),
        }
    }

    pub fn restore(&self, tables: usize) {
        let restored = current_usage(tables);
        let mut usage = self.inner.write();
        usage.tables = restored.inner.read().tables;
    }
}

fn current_usage(tables: usize) -> Usage {
    Usage::new(tables)
}
