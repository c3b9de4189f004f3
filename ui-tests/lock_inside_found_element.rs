// Two segments found in the holder, locked one inside the other: nothing orders the two
// lookups, so `merge(a, b)` and `merge(b, a)` on two threads deadlock.
use parking_lot::RwLock;
use std::collections::HashMap;
use std::sync::Arc;

pub struct Segment {
    wrapped: Option<LockedSegment>,
    version: u64,
}

pub enum LockedSegment {
    Original(Arc<RwLock<Segment>>),
    Proxy(Arc<RwLock<Segment>>),
}

impl LockedSegment {
    pub fn get(&self) -> &RwLock<Segment> {
        match self {
            LockedSegment::Original(s) => s,
            LockedSegment::Proxy(s) => s,
        }
    }
}

impl Segment {
    fn point_version(&self) -> u64 {
        match &self.wrapped {
            Some(w) => w.get().read().version,
            None => self.version,
        }
    }
}

pub fn merge(segments: &HashMap<u32, LockedSegment>, into: u32, from: u32) -> u64 {
    let target = segments.get(&into).unwrap().get().write();
    let source = segments.get(&from).unwrap().get().read();
    target.point_version() + source.version
}
