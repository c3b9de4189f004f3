// The clean twin of `semaphore_permits`: the permit is always taken before the pool's mutex,
// the helper runs on the permit its caller holds, and `try_acquire` never waits.
use std::sync::Arc;
use tokio::sync::{Mutex, Semaphore};

pub struct Pool {
    permits: Arc<Semaphore>,
    idle: Mutex<Vec<u32>>,
}

impl Pool {
    pub async fn checkout(&self) -> Option<u32> {
        let _permit = self.permits.acquire().await.ok()?;
        let mut idle = self.idle.lock().await;
        idle.pop()
    }

    pub async fn shrink(&self) {
        let _all = self.permits.acquire_many(4).await;
        let mut idle = self.idle.lock().await;
        idle.clear();
    }

    pub async fn fetch(&self, key: u32) -> u32 {
        let _permit = self.permits.acquire().await.unwrap();
        self.fetch_parent(key)
    }

    fn fetch_parent(&self, key: u32) -> u32 {
        key / 2
    }

    pub async fn prefetch(&self, key: u32) -> Option<u32> {
        let _permit = self.permits.acquire().await.ok()?;
        let _extra = self.permits.try_acquire().ok()?;
        Some(key)
    }
}

/// Workers hold a permit while they wait for a job; submitting takes none.
pub struct Workers {
    permits: async_lock::Semaphore,
    queue: std::sync::Mutex<Vec<u32>>,
    ready: std::sync::Condvar,
}

impl Workers {
    pub fn work(&self) -> u32 {
        let _permit = self.permits.acquire_blocking();
        let mut queue = self.queue.lock().unwrap();
        while queue.is_empty() {
            queue = self.ready.wait(queue).unwrap();
        }
        queue.pop().unwrap_or(0)
    }

    pub fn submit(&self, job: u32) {
        self.queue.lock().unwrap().push(job);
        self.ready.notify_one();
    }
}
