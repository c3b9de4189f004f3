// Calls that reach a lock through a trait: a default method that the implementing type gets,
// a generic bound, a trait object, `impl Trait`.
use std::sync::{Arc, Mutex, RwLock};

pub trait BlockSource {
    fn best_number(&self) -> u64;

    fn first_number(&self) -> u64 {
        self.oldest_number()
    }

    fn oldest_number(&self) -> u64 {
        self.best_number().saturating_sub(128)
    }
}

pub struct Chain {
    best: RwLock<u64>,
}

impl BlockSource for Chain {
    fn best_number(&self) -> u64 {
        *self.best.read().unwrap()
    }
}

impl Chain {
    // The default methods reach `best_number` on `Chain`: a write lock, then a read of it.
    pub fn import(&self, n: u64) {
        let mut best = self.best.write().unwrap();
        if n > self.first_number() {
            *best = n;
        }
    }
}

/// Every write goes through the journal: one process-wide lock.
static JOURNAL: Mutex<Vec<u64>> = Mutex::new(Vec::new());

pub trait Store: Send + Sync {
    fn put(&self, v: u64);
}

pub struct Journal;

impl Store for Journal {
    fn put(&self, v: u64) {
        JOURNAL.lock().unwrap().push(v);
    }
}

pub fn commit<S: Store>(store: &S) {
    let _journal = JOURNAL.lock().unwrap();
    store.put(1);
}

pub fn commit_where<S>(store: Arc<S>)
where
    S: Store,
{
    let journal = JOURNAL.lock().unwrap();
    store.put(journal.len() as u64);
}

pub fn commit_dyn(stores: &[Box<dyn Store>]) {
    let _journal = JOURNAL.lock().unwrap();
    for s in stores {
        s.put(2);
    }
}

pub fn commit_impl(store: &impl Store) {
    let _journal = JOURNAL.lock().unwrap();
    store.put(3);
}
