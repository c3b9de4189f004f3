//@ edition: 2021
// The clean twin of `futures_run_where_awaited`: futures made under `ids` are awaited after its
// guard is gone, and an async block handed to an executor runs on the executor, not here.
use std::sync::Arc;
use tokio::sync::Mutex;

pub struct Executor;

impl Executor {
    pub fn spawn_handle<F>(&self, _task: F, _name: &str) {}
}

pub struct Peers {
    ids: Mutex<Vec<u64>>,
}

impl Peers {
    async fn notify(&self, id: u64) {
        self.ids.lock().await.retain(|x| *x != id);
    }

    pub async fn broadcast(&self) {
        let pending: Vec<_> = {
            let ids = self.ids.lock().await;
            ids.iter().map(|id| self.notify(*id)).collect()
        };
        for notified in pending {
            notified.await;
        }
    }

    pub fn reset(self: &Arc<Self>, executor: &Executor) {
        let _ids = self.ids.blocking_lock();
        let me = self.clone();
        executor.spawn_handle(
            async move {
                me.ids.lock().await.clear();
            },
            "reset",
        );
    }
}
