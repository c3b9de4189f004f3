//@ edition: 2021
// A future runs where it is awaited, or where a call blocks on it: `notify(..).await` under
// `ids` locks `ids` again, and so does the async block that `block_on` runs to completion.
use std::sync::Arc;
use tokio::sync::Mutex;

pub struct Peers {
    ids: Mutex<Vec<u64>>,
}

impl Peers {
    async fn notify(&self, id: u64) {
        self.ids.lock().await.retain(|x| *x != id);
    }

    pub async fn broadcast(&self) {
        let ids = self.ids.lock().await;
        for id in ids.iter() {
            self.notify(*id).await;
        }
    }

    pub fn reset(self: &Arc<Self>) {
        let _ids = self.ids.blocking_lock();
        let me = self.clone();
        futures::executor::block_on(async move {
            me.ids.lock().await.clear();
        });
    }
}
