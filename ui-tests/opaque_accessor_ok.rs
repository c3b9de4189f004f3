// The clean twin of `opaque_accessor`: the names are copied out and the guard is gone before
// the loop.
use parking_lot::RwLock;
use std::sync::Arc;

pub struct Segment {
    names: Vec<String>,
}

pub enum LockedSegment {
    Original(Arc<RwLock<Segment>>),
    Proxy(Arc<RwLock<Segment>>),
}

impl LockedSegment {
    pub fn get(&self) -> &Arc<RwLock<Segment>> {
        match self {
            LockedSegment::Original(s) => s,
            LockedSegment::Proxy(s) => s,
        }
    }
}

pub struct Proxy {
    wrapped: LockedSegment,
}

impl Proxy {
    fn vector(&self, name: &str) -> Option<usize> {
        self.wrapped.get().read().names.iter().position(|n| n == name)
    }

    pub fn all_vectors(&self) -> Vec<usize> {
        let names = self.wrapped.get().read().names.clone();
        let mut out = Vec::new();
        for name in names.iter() {
            out.extend(self.vector(name));
        }
        out
    }
}
