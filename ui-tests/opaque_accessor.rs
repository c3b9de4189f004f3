// A method with no input but `self` that returns a lock (here from whichever variant the segment
// is) returns one lock per receiver: the read guard of the `for` head is alive in the body,
// where `vector` reads the same segment's lock again.
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
        let mut out = Vec::new();
        for name in self.wrapped.get().read().names.iter() {
            out.extend(self.vector(name));
        }
        out
    }
}
