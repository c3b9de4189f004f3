// The guard `get_or_init` gives back comes out of its `.await`: it is not held while the task
// waits there, but it is at the next `.await`, the flush.
use std::sync::{Mutex, MutexGuard};

pub struct Cache {
    inner: Mutex<Vec<u32>>,
}

impl Cache {
    pub async fn get_or_init(&self) -> MutexGuard<'_, Vec<u32>> {
        let values = load().await;
        let mut guard = self.inner.lock().unwrap();
        if guard.is_empty() {
            *guard = values;
        }
        guard
    }
}

async fn load() -> Vec<u32> {
    vec![1, 2, 3]
}

async fn flush(_values: &[u32]) {}

pub async fn sync(cache: &Cache) {
    let values = cache.get_or_init().await;
    flush(&values).await;
}
