// The clean twin of `global_accessor`: the condition reads the guard already held.
use std::sync::{OnceLock, RwLock};

static CONFIG: OnceLock<RwLock<Vec<String>>> = OnceLock::new();

fn config() -> &'static RwLock<Vec<String>> {
    CONFIG.get_or_init(|| RwLock::new(Vec::new()))
}

pub fn reload(line: String) {
    let mut lines = config().write().unwrap();
    if lines.is_empty() {
        lines.push(line);
    }
}
