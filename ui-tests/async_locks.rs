// Async mutexes (`.lock().await`) deadlock the same way across tasks.
use std::sync::Arc;
use tokio::sync::{Mutex, RwLock};

struct Session {
    conn: Mutex<Vec<u8>>,
    meta: RwLock<String>,
}

impl Session {
    async fn send(&self) {
        let mut conn = self.conn.lock().await;
        let meta = self.meta.read().await;
        conn.extend_from_slice(meta.as_bytes());
    }

    async fn rename(&self, name: &str) {
        let mut meta = self.meta.write().await;
        *meta = name.to_string();
        let conn = self.conn.lock().await;
        drop(conn);
    }
}

async fn run(session: Arc<Session>) {
    let s = session.clone();
    tokio::spawn(async move { s.send().await });
    session.rename("x").await;
}

async fn awaited_later(m: &Mutex<u32>) {
    let _guard = m.lock().await;
    let next = m.lock();
    let _again = next.await;
}
