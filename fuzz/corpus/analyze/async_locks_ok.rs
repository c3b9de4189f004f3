// Fixed: the connection is released before the metadata is taken. Async-std and futures locks
// are recognized too.
use std::sync::Arc;
use tokio::sync::{Mutex, RwLock};

struct Session {
    conn: Mutex<Vec<u8>>,
    meta: RwLock<String>,
    extra: async_std::sync::Mutex<u8>,
    more: futures::lock::Mutex<u8>,
}

impl Session {
    async fn send(&self) {
        let bytes = self.meta.read().await.clone().into_bytes();
        self.conn.lock().await.extend_from_slice(&bytes);
        let _e = self.extra.lock().await;
        let _m = self.more.lock().await;
    }

    async fn rename(&self, name: &str) {
        let mut meta = self.meta.write().await;
        *meta = name.to_string();
        drop(meta);
        let _conn = self.conn.lock().await;
    }
}

async fn run(session: Arc<Session>) {
    let s = session.clone();
    tokio::spawn(async move { s.send().await });
    session.rename("x").await;
}
