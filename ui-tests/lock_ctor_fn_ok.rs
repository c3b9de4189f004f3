// `Durations::new` makes a new mutex at each call: the two fields are two locks, and holding
// one while taking the other is no double lock.
use parking_lot::Mutex;
use std::sync::Arc;

pub struct Durations {
    count: u64,
}

impl Durations {
    pub fn new() -> Arc<Mutex<Self>> {
        Arc::new(Mutex::new(Self { count: 0 }))
    }
}

pub struct Telemetry {
    searches: Arc<Mutex<Durations>>,
    filtered: Arc<Mutex<Durations>>,
}

impl Telemetry {
    pub fn new() -> Self {
        Self {
            searches: Durations::new(),
            filtered: Durations::new(),
        }
    }

    pub fn report(&self) -> (u64, u64) {
        (self.searches.lock().count, self.filtered.lock().count)
    }
}
