// Futures made one per element (`.map(|id| self.ack(*id))` of an `async fn`) run where they
// are awaited together (`join_all(..).await`): here the list of ids is still locked there, so
// every `ack` takes the acknowledgements under it, against `reset`'s order.
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
        let ids = self.ids.lock().unwrap();
        let pending: Vec<_> = ids.iter().map(|id| self.ack(*id)).collect();
        join_all(pending).await;
    }

    pub fn reset(&self) {
        let _acks = self.acks.lock().unwrap();
        self.ids.lock().unwrap().clear();
    }
}
