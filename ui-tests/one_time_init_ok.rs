// The clean twin of `one_time_init`: initializers that reach nothing they are forced under,
// and cells forced before the configuration is locked.
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, OnceLock};

#[macro_use]
extern crate lazy_static;

static REGISTRY: OnceLock<HashMap<String, u32>> = OnceLock::new();
static CONFIG: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub fn registry() -> &'static HashMap<String, u32> {
    REGISTRY.get_or_init(|| {
        let mut names = HashMap::new();
        let base = 1;
        names.insert("base".to_string(), base);
        names.insert("derived".to_string(), base + 1);
        names
    })
}

pub fn lookup(name: &str) -> u32 {
    registry().get(name).copied().unwrap_or(0)
}

static DEFAULTS: LazyLock<Vec<String>> = LazyLock::new(|| CONFIG.lock().unwrap().clone());

pub fn reload(line: String) {
    let known = DEFAULTS.contains(&line);
    let mut config = CONFIG.lock().unwrap();
    if !known {
        config.push(line);
    }
}

lazy_static! {
    static ref LIMITS: Vec<usize> = vec![64, 1024];
}

pub fn apply_limits() -> usize {
    let config = CONFIG.lock().unwrap();
    config.len().min(LIMITS.len())
}

/// The index is forced before the names are locked for the rename.
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
        let at = self.index().get(from).copied();
        let mut names = self.names.lock().unwrap();
        if let Some(i) = at {
            names[i as usize] = to.to_string();
        }
    }
}

/// tokio's cell, whose initializer locks nothing the caller holds.
pub struct Conn {
    limit: tokio::sync::OnceCell<u32>,
    state: tokio::sync::Mutex<u32>,
}

impl Conn {
    pub async fn limit(&self) -> u32 {
        *self.limit.get_or_init(|| async { 64 }).await
    }

    pub async fn grow(&self) {
        let mut state = self.state.lock().await;
        *state += self.limit().await;
    }
}
