// Lock types reached through renamed imports, crate re-exports, glob imports and type aliases.
mod sync {
    pub use parking_lot::Mutex as FastMutex;
    pub type Shared<T> = std::sync::Arc<std::sync::RwLock<T>>;
}

mod model {
    use std::sync::*;

    pub struct Registry {
        pub names: Mutex<Vec<String>>,
    }
}

use crate::sync::{FastMutex, Shared};
use model::Registry;
use tokio::sync::Mutex as AsyncMutex;

struct App {
    registry: Registry,
    cache: Shared<Vec<u8>>,
    fast: FastMutex<u32>,
    slow: AsyncMutex<u32>,
}

impl App {
    async fn one(&self) {
        let _names = self.registry.names.lock().unwrap();
        let _cache = self.cache.write().unwrap();
    }

    async fn two(&self) {
        let _cache = self.cache.read().unwrap();
        let _fast = self.fast.lock();
    }

    async fn three(&self) {
        let _fast = self.fast.lock();
        let _slow = self.slow.lock().await;
    }

    async fn four(&self) {
        let _slow = self.slow.lock().await;
        let _names = self.registry.names.lock().unwrap();
    }
}
