// Blocking locks' guards held across `.await`: std, parking_lot, spin, and a guard returned by
// a helper.
use std::sync::{Mutex, MutexGuard};

struct Cache {
    entries: Mutex<Vec<String>>,
    hits: parking_lot::Mutex<u64>,
    misses: spin::Mutex<u64>,
}

async fn fetch(key: &str) -> String {
    key.to_string()
}

impl Cache {
    fn entries(&self) -> MutexGuard<'_, Vec<String>> {
        self.entries.lock().unwrap()
    }

    async fn refresh(&self, key: &str) {
        let mut entries = self.entries.lock().unwrap();
        let value = fetch(key).await;
        entries.push(value);
        fetch("again").await;
    }

    async fn count(&self) {
        let mut hits = self.hits.lock();
        *hits += 1;
        fetch("hit").await;
    }

    async fn miss(&self) {
        let _misses = self.misses.lock();
        fetch("miss").await;
    }

    async fn through_helper(&self) {
        let entries = self.entries();
        fetch(&entries[0]).await;
    }
}
