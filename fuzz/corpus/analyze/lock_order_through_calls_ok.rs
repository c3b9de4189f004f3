// Fixed: the index guard is dropped before auditing, so `index` is never held while `log` is
// taken, and `reindex` may take them in its order.
use std::sync::{Arc, Mutex, RwLock};

mod store {
    use super::*;

    pub struct Store {
        pub index: RwLock<Vec<u64>>,
        pub log: Mutex<Vec<String>>,
    }

    impl Store {
        pub fn append(&self, line: &str) {
            self.log.lock().unwrap().push(line.to_string());
        }

        pub fn reindex(&self) {
            let log = self.log.lock().unwrap();
            helpers::rebuild(self, log.len());
        }
    }

    pub mod helpers {
        use super::Store;

        pub fn rebuild(store: &Store, n: usize) {
            store.index.write().unwrap().truncate(n);
        }
    }
}

use store::Store;

struct Service {
    store: Arc<Store>,
}

impl Service {
    fn insert(&self, key: u64) {
        {
            let mut index = self.store.index.write().unwrap();
            index.push(key);
        }
        self.audit(key);
    }

    fn audit(&self, key: u64) {
        self.store.append(&format!("insert {key}"));
    }

    fn compact(&self) {
        self.store.reindex();
    }
}
