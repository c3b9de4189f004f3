// `with_retries` (of another crate) calls the closure it is given before it returns: the cache
// is locked here, under the configuration, against `refresh`'s order.
use std::sync::{Arc, Mutex};

pub struct Cli {
    config: Mutex<Option<String>>,
    cache: Arc<Mutex<Vec<String>>>,
}

impl Cli {
    pub fn build(&self) {
        let config = self.config.lock().unwrap();
        let cache = self.cache.clone();
        let _ = retry::with_retries(3, move || cache.lock().unwrap().len());
        drop(config);
    }

    pub fn refresh(&self) {
        let cache = self.cache.lock().unwrap();
        let _config = self.config.lock().unwrap();
        drop(cache);
    }
}
