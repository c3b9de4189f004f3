// One-time initialization is a lock held while the initializer runs: a registry whose
// initializer looks a name up in the registry waits for itself, and a lazily loaded setting
// whose initializer reads the live configuration deadlocks with a reload that holds the
// configuration and reads the setting.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, OnceLock};

#[macro_use]
extern crate lazy_static;

static REGISTRY: OnceLock<HashMap<String, u32>> = OnceLock::new();
static CONFIG: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn registry() -> &'static HashMap<String, u32> {
    REGISTRY.get_or_init(|| {
        let mut names = HashMap::new();
        names.insert("derived".to_string(), lookup("base") + 1);
        names
    })
}

pub fn lookup(name: &str) -> u32 {
    registry().get(name).copied().unwrap_or(0)
}

static DEFAULTS: LazyLock<Vec<String>> = LazyLock::new(|| CONFIG.lock().unwrap().clone());

pub fn reload(line: String) {
    let mut config = CONFIG.lock().unwrap();
    if !DEFAULTS.contains(&line) {
        config.push(line);
    }
}

lazy_static! {
    static ref LIMITS: Vec<usize> = current_limits();
}

fn current_limits() -> Vec<usize> {
    CONFIG.lock().unwrap().iter().map(|l| l.len()).collect()
}

pub fn apply_limits() -> usize {
    let config = CONFIG.lock().unwrap();
    config.len().min(LIMITS.len())
}

/// A catalog builds its index on first use from the names it locks; a rename that holds the
/// names and looks the index up deadlocks if it is the first to use it.
pub struct Catalog {
    index: OnceLock<HashMap<String, u32>>,
    names: Mutex<Vec<String>>,
}

impl Catalog {
    pub fn index(&self) -> &HashMap<String, u32> {
        self.index.get_or_init(|| {
            let names = self.names.lock().unwrap();
            names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect()
        })
    }

    pub fn rename(&self, from: &str, to: &str) {
        let mut names = self.names.lock().unwrap();
        if let Some(&i) = self.index().get(from) {
            names[i as usize] = to.to_string();
        }
    }
}

/// tokio's cell, initialized by an async block that locks the connection's state.
pub struct Conn {
    limit: tokio::sync::OnceCell<u32>,
    state: tokio::sync::Mutex<u32>,
}

impl Conn {
    pub async fn limit(&self) -> u32 {
        *self.limit.get_or_init(|| async { *self.state.lock().await }).await
    }

    pub async fn grow(&self) {
        let mut state = self.state.lock().await;
        *state += self.limit().await;
    }
}
