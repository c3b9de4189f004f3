// A function of no input that hands out a lock (here initialized on first use) hands out the
// same lock at every call: the write guard is alive while the condition reads it again.
use std::sync::{OnceLock, RwLock};

static CONFIG: OnceLock<RwLock<Vec<String>>> = OnceLock::new();

fn config() -> &'static RwLock<Vec<String>> {
    CONFIG.get_or_init(|| RwLock::new(Vec::new()))
}

pub fn reload(line: String) {
    let mut lines = config().write().unwrap();
    if config().read().unwrap().is_empty() {
        lines.push(line);
    }
}
