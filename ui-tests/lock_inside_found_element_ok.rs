// A proxy segment reads the segment it wraps: a lock inside the data of the proxy's own lock,
// reached through the guard of a segment found in the holder (a place the analysis cannot
// name). The structure orders them, outer first: not reported.
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

pub fn version(segments: &HashMap<u32, LockedSegment>, id: u32) -> u64 {
    let segment = segments.get(&id).unwrap().get().write();
    segment.point_version()
}
