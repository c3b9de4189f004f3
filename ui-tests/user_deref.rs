// Types that deref to what holds the locks: `Network` derefs to its shared `Inner`, so
// `self.nodes` is `Inner::nodes` (held across an `.await`, and read-locked again while
// write-held); `SaveOnDisk` derefs to its `RwLock`, whose read guard lives through the `if let`.
use parking_lot::RwLock;
use std::ops::Deref;
use std::sync::Arc;

pub struct Inner {
    nodes: RwLock<Vec<String>>,
}

pub struct Network {
    inner: Arc<Inner>,
}

impl Deref for Network {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.inner
    }
}

async fn start(name: String) -> String {
    name
}

impl Network {
    fn count(&self) -> usize {
        self.nodes.read().len()
    }

    pub async fn add(&self, name: String) {
        let mut nodes = self.nodes.write();
        let index = self.count();
        nodes.push(start(format!("{name}-{index}")).await);
    }
}

pub struct SaveOnDisk<T> {
    data: RwLock<T>,
}

impl<T> Deref for SaveOnDisk<T> {
    type Target = RwLock<T>;

    fn deref(&self) -> &RwLock<T> {
        &self.data
    }
}

pub fn bump(counts: &SaveOnDisk<Vec<u64>>) {
    if let Some(last) = counts.read().last() {
        counts.write().push(*last + 1);
    }
}
