// The clean twin of `user_deref`: the count is read before the write lock, the node is
// started before it, and the value is copied out of the read guard.
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
        let index = self.count();
        let node = start(format!("{name}-{index}")).await;
        self.nodes.write().push(node);
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
    let last = counts.read().last().copied();
    if let Some(last) = last {
        counts.write().push(last + 1);
    }
}
