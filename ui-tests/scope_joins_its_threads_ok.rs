// The clean twin of `scope_joins_its_threads`: the catalog's guard ends before the scope, or
// the workers take no lock the caller holds and their results are recorded after the scope.
use std::sync::Mutex;
use std::thread;

pub struct Indexer {
    catalog: Mutex<Vec<String>>,
    progress: Mutex<usize>,
    shards: Vec<Vec<String>>,
}

impl Indexer {
    pub fn reindex(&self) {
        self.catalog.lock().unwrap().clear();
        thread::scope(|s| {
            for shard in &self.shards {
                s.spawn(move || {
                    let names = shard.iter().map(|n| n.to_lowercase());
                    self.catalog.lock().unwrap().extend(names);
                });
            }
        });
    }

    pub fn reindex_quietly(&self) {
        let mut progress = self.progress.lock().unwrap();
        let lowered: Vec<Vec<String>> = thread::scope(|s| {
            let workers: Vec<_> = self
                .shards
                .iter()
                .map(|shard| s.spawn(move || shard.iter().map(|n| n.to_lowercase()).collect()))
                .collect();
            workers.into_iter().filter_map(|w| w.join().ok()).collect()
        });
        *progress += lowered.len();
        self.catalog.lock().unwrap().extend(lowered.into_iter().flatten());
    }
}
