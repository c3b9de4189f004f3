// Fine across `.await`: async-aware locks, and blocking guards dropped before the await by
// `drop`, by their scope ending, or as statement temporaries.
use std::sync::Mutex;

struct Cache {
    entries: Mutex<Vec<String>>,
    index: tokio::sync::Mutex<Vec<u32>>,
}

async fn fetch(key: &str) -> String {
    key.to_string()
}

impl Cache {
    async fn tokio_guard(&self) {
        let mut index = self.index.lock().await;
        index.push(fetch("x").await.len() as u32);
    }

    async fn dropped(&self, key: &str) {
        let entries = self.entries.lock().unwrap();
        let first = entries.first().cloned();
        drop(entries);
        fetch(&first.unwrap_or_default()).await;
        let _ = key;
    }

    async fn scoped(&self) {
        let n = {
            let entries = self.entries.lock().unwrap();
            entries.len()
        };
        fetch(&n.to_string()).await;
    }

    async fn temporary(&self) {
        let n = self.entries.lock().unwrap().len();
        fetch(&n.to_string()).await;
    }
}
