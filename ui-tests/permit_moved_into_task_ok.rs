// The clean twin of `permit_moved_into_task`: shrinking takes the permits first, as the tasks
// do; and a guard that a task shadows with one of its own is not the creator's, moved in.
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
        let _all = self.permits.acquire_many(4).await;
        let mut idle = self.idle.lock().await;
        idle.clear();
    }

    pub async fn audit(&self) {
        let idle = self.idle.lock().await;
        let count = idle.len();
        drop(idle);
        let shared = self.idle.clone();
        tokio::spawn(async move {
            let idle = shared.lock().await;
            assert!(idle.len() >= count);
        });
    }
}
