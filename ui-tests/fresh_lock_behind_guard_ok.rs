// The first caller makes the request's lock, puts it in the map and locks it before it lets the
// map go: no other task can reach the lock while the map is held, so holding the map while
// taking it orders nothing. Later callers let the map go before they wait on the request.
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::Mutex;

pub struct Dedup {
    inflight: Mutex<BTreeMap<u32, Arc<Mutex<u8>>>>,
}

impl Dedup {
    pub async fn run(&self, key: u32) {
        let mut map = self.inflight.lock().await;
        if let Some(request) = map.get(&key).cloned() {
            drop(map);
            let done = request.lock().await;
            self.finish(key).await;
            drop(done);
            return;
        }
        let request = Arc::new(Mutex::new(0));
        map.insert(key, request.clone());
        let mut guard = request.lock().await;
        drop(map);
        *guard = 1;
        self.finish(key).await;
    }

    async fn finish(&self, key: u32) {
        self.inflight.lock().await.remove(&key);
    }
}
