// The request's lock is made here and put in the map; once the map's guard is gone, any task can
// find it there. `start` then takes the map again and, holding it, waits for the request, and
// holds the request while `finish` takes the map: the two are taken in both orders.
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::Mutex;

pub struct Dedup {
    inflight: Mutex<BTreeMap<u32, Arc<Mutex<u8>>>>,
}

impl Dedup {
    pub async fn start(&self, key: u32) {
        let mut map = self.inflight.lock().await;
        let request = Arc::new(Mutex::new(0));
        map.insert(key, request.clone());
        drop(map);
        let map = self.inflight.lock().await;
        let mut guard = request.lock().await;
        drop(map);
        *guard = 1;
        self.finish(key).await;
    }

    async fn finish(&self, key: u32) {
        self.inflight.lock().await.remove(&key);
    }
}
