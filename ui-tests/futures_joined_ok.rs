// The futures are made while the list is locked (a temporary of the statement) but run where
// they are awaited, after the guard is gone: no `ack` takes anything under the list.
use futures::future::join_all;
use std::sync::Mutex;

pub struct Peers {
    ids: Mutex<Vec<u32>>,
    acks: Mutex<u32>,
}

impl Peers {
    async fn ack(&self, id: u32) {
        *self.acks.lock().unwrap() += id;
    }

    pub async fn ack_all(&self) {
        let pending: Vec<_> = self.ids.lock().unwrap().iter().map(|id| self.ack(*id)).collect();
        join_all(pending).await;
    }

    pub fn reset(&self) {
        let _acks = self.acks.lock().unwrap();
        self.ids.lock().unwrap().clear();
    }
}
