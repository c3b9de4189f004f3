// `thread::scope` waits for every thread spawned on it before it returns. `reindex` holds the
// catalog's lock across the scope, and each worker records its shard in the same catalog: the
// workers block on the lock, and the scope blocks on the workers.
use std::sync::Mutex;
use std::thread;

pub struct Indexer {
    catalog: Mutex<Vec<String>>,
    shards: Vec<Vec<String>>,
}

impl Indexer {
    pub fn reindex(&self) {
        let mut catalog = self.catalog.lock().unwrap();
        catalog.clear();
        thread::scope(|s| {
            for shard in &self.shards {
                s.spawn(move || {
                    let names = shard.iter().map(|n| n.to_lowercase());
                    self.catalog.lock().unwrap().extend(names);
                });
            }
        });
    }
}
