// The clean twin of `lock_accessors`: the bound is computed before the read guard is taken,
// and the registry is locked once.
use parking_lot::RwLock;
use std::sync::{Arc, Mutex};

struct Inner {
    blocks: RwLock<Vec<u64>>,
    deposits: RwLock<Vec<u64>>,
}

pub struct Service {
    inner: Arc<Inner>,
}

static REGISTRY: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn registry() -> &'static Mutex<Vec<String>> {
    &REGISTRY
}

impl Service {
    fn blocks(&self) -> &RwLock<Vec<u64>> {
        &self.inner.blocks
    }

    fn deposits(&self) -> &RwLock<Vec<u64>> {
        &self.inner.deposits
    }

    fn highest_safe(&self) -> Option<u64> {
        let block = self.blocks().read().last().copied()?;
        let deposit = self.deposits().read().last().copied()?;
        Some(block.min(deposit))
    }

    pub fn count_up_to(&self) -> Option<usize> {
        let bound = self.highest_safe();
        Some(self.deposits().read().iter().filter(|d| Some(**d) <= bound).count())
    }
}

pub fn register(name: &str) {
    let mut names = registry().lock().unwrap();
    if !names.contains(&name.to_string()) {
        names.push(name.to_string());
    }
}
