// A dispatcher takes a permit and moves it into the task it spawns: the task holds it while it
// takes a connection from the idle list. Shrinking the pool holds the idle list and waits for
// every permit: once the permits run out, each side waits for the other.
use std::sync::Arc;
use tokio::sync::{Mutex, Semaphore};

pub struct Pool {
    permits: Arc<Semaphore>,
    idle: Arc<Mutex<Vec<u32>>>,
}

impl Pool {
    pub async fn dispatch(&self) {
        let Ok(permit) = self.permits.clone().acquire_owned().await else {
            return;
        };
        let idle = self.idle.clone();
        tokio::spawn(async move {
            let _permit = permit;
            idle.lock().await.pop();
        });
    }

    pub async fn shrink(&self) {
        let mut idle = self.idle.lock().await;
        let _all = self.permits.acquire_many(4).await;
        idle.clear();
    }
}
