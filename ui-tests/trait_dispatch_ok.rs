// The same shapes, where what the trait reaches takes no lock the caller holds: the impl that
// overrides a default method, an implementation that locks something else, and a trait with
// too many implementations to say which runs.
use std::sync::{Arc, Mutex, RwLock};

pub trait BlockSource {
    fn best_number(&self) -> u64;

    fn first_number(&self) -> u64 {
        self.best_number().saturating_sub(128)
    }
}

pub struct Chain {
    best: RwLock<u64>,
    first: u64,
    pending: Mutex<Vec<u64>>,
}

impl BlockSource for Chain {
    fn best_number(&self) -> u64 {
        *self.best.read().unwrap()
    }

    // Overridden: the default's read of `best` does not run for a `Chain`.
    fn first_number(&self) -> u64 {
        self.first
    }
}

impl Chain {
    pub fn import(&self, n: u64) {
        let mut best = self.best.write().unwrap();
        if n > self.first_number() {
            *best = n;
        }
    }
}

pub trait Store: Send + Sync {
    fn put(&self, v: u64);
}

/// The journal locks its own log, never the chain's pending list.
pub struct Journal {
    log: Mutex<Vec<u64>>,
}

impl Store for Journal {
    fn put(&self, v: u64) {
        self.log.lock().unwrap().push(v);
    }
}

pub fn commit<S: Store>(chain: &Chain, store: &S) {
    let _pending = chain.pending.lock().unwrap();
    store.put(1);
}

pub fn commit_dyn(chain: &Chain, stores: &[Arc<dyn Store>]) {
    let pending = chain.pending.lock().unwrap();
    let n = pending.len() as u64;
    drop(pending);
    for s in stores {
        s.put(n);
    }
}

pub trait Sink {
    fn write(&self, v: u64);
}

pub struct A(Arc<Chain>);
pub struct B;
pub struct C;
pub struct D;
pub struct E;

impl Sink for A {
    fn write(&self, v: u64) {
        self.0.pending.lock().unwrap().push(v);
    }
}
impl Sink for B {
    fn write(&self, _: u64) {}
}
impl Sink for C {
    fn write(&self, _: u64) {}
}
impl Sink for D {
    fn write(&self, _: u64) {}
}
impl Sink for E {
    fn write(&self, _: u64) {}
}

pub fn flush(chain: &Chain, sink: &dyn Sink) {
    let pending = chain.pending.lock().unwrap();
    sink.write(pending.len() as u64);
}

// A proxy implements the trait by delegating to the segment it wraps: a holder that locks a
// segment and asks it, when it is a proxy, takes the wrapped segment's lock inside the data of
// the one it holds. Two locks of one class, ordered by the structure: outer first.
pub trait Segment: Send + Sync {
    fn has_point(&self, id: u64) -> bool;
}

pub struct Plain {
    ids: Vec<u64>,
}

impl Segment for Plain {
    fn has_point(&self, id: u64) -> bool {
        self.ids.contains(&id)
    }
}

pub struct Locked {
    segment: Arc<RwLock<dyn Segment>>,
}

impl Locked {
    pub fn get(&self) -> &RwLock<dyn Segment> {
        &self.segment
    }
}

pub struct Proxy {
    wrapped: Locked,
    deleted: RwLock<Vec<u64>>,
}

impl Segment for Proxy {
    fn has_point(&self, id: u64) -> bool {
        !self.deleted.read().unwrap().contains(&id)
            && self.wrapped.get().read().unwrap().has_point(id)
    }
}

pub struct Holder {
    segments: Vec<Locked>,
}

impl Holder {
    pub fn contains(&self, id: u64) -> bool {
        self.segments.iter().any(|s| {
            let segment = s.get().read().unwrap();
            segment.has_point(id)
        })
    }
}
