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
