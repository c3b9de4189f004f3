// Globals: plain statics, lazy_static!, once_cell, LazyLock, and a static struct with lock fields.
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, RwLock};

lazy_static::lazy_static! {
    static ref REGISTRY: Mutex<HashMap<u32, String>> = Mutex::new(HashMap::new());
}

static CONFIG: Lazy<RwLock<String>> = Lazy::new(|| RwLock::new(String::new()));
static METRICS: LazyLock<Mutex<u64>> = LazyLock::new(|| Mutex::new(0));

struct Globals {
    epoch: Mutex<u64>,
}

static GLOBALS: Globals = Globals { epoch: Mutex::new(0) };

fn register(id: u32) {
    let mut registry = REGISTRY.lock().unwrap();
    let config = CONFIG.read().unwrap();
    registry.insert(id, config.clone());
}

fn reconfigure() {
    let mut config = CONFIG.write().unwrap();
    *METRICS.lock().unwrap() += 1;
    config.clear();
}

fn count() {
    let _m = METRICS.lock().unwrap();
    let _e = GLOBALS.epoch.lock().unwrap();
}

fn tick() {
    let _e = GLOBALS.epoch.lock().unwrap();
    let _r = REGISTRY.lock().unwrap();
}
