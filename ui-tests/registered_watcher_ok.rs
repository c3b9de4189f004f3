// A file watcher's debouncer keeps the closure it is given and calls it from its own thread
// when files change: the cache is not locked here, under the configuration.
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Cli {
    config: Mutex<Option<String>>,
    cache: Arc<Mutex<Vec<String>>>,
}

impl Cli {
    pub fn build(&self) {
        let config = self.config.lock().unwrap();
        let cache = self.cache.clone();
        let _watcher = notify_debouncer_mini::new_debouncer(Duration::from_secs(1), move |_| {
            cache.lock().unwrap().clear();
        });
        drop(config);
    }

    pub fn refresh(&self) {
        let cache = self.cache.lock().unwrap();
        let _config = self.config.lock().unwrap();
        drop(cache);
    }
}
