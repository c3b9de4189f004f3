// A connection pool limits concurrent requests with a semaphore. Permits are locks with a
// count: taken in the opposite order to the pool's mutex, they close a cycle once the permits
// run out; and a request that holds a permit and asks for another through a helper waits for
// itself when every permit is held by such requests.
use std::sync::Arc;
use tokio::sync::{Mutex, Semaphore};

pub struct Pool {
    permits: Arc<Semaphore>,
    idle: Mutex<Vec<u32>>,
}

impl Pool {
    pub fn new() -> Pool {
        Pool {
            permits: Arc::new(Semaphore::new(4)),
            idle: Mutex::new(Vec::new()),
        }
    }

    pub async fn checkout(&self) -> Option<u32> {
        let _permit = self.permits.acquire().await.ok()?;
        let mut idle = self.idle.lock().await;
        idle.pop()
    }

    pub async fn shrink(&self) {
        let mut idle = self.idle.lock().await;
        let _all = self.permits.acquire_many(4).await;
        idle.clear();
    }

    pub async fn fetch(&self, key: u32) -> u32 {
        let _permit = self.permits.acquire().await.unwrap();
        self.fetch_parent(key).await
    }

    async fn fetch_parent(&self, key: u32) -> u32 {
        let _permit = self.permits.acquire().await.unwrap();
        key / 2
    }
}

/// Workers hold a permit while they wait for a job, and submitting a job takes a permit: once
/// every permit is held by a waiting worker, nobody can submit the job they wait for.
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
        let _permit = self.permits.acquire_blocking();
        self.queue.lock().unwrap().push(job);
        self.ready.notify_one();
    }
}
