// A function that returns one of its receiver's locks (or a static) is that lock at the call
// site: `self.deposits().read()` reads `Inner::deposits`, and the receiver's read guard is
// still alive while the argument `self.highest_safe()` reads it again. `registry()` is the
// static, locked twice.
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
        Some(self.deposits().read().iter().filter(|d| Some(**d) <= self.highest_safe()).count())
    }
}

pub fn register(name: &str) {
    let mut names = registry().lock().unwrap();
    if !registry().lock().unwrap().contains(&name.to_string()) {
        names.push(name.to_string());
    }
}
