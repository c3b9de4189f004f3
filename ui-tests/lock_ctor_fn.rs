// `Durations::shared` hands out one mutex for the whole program (made once, in a static): both
// fields of every `Telemetry` hold it, and the report locks it twice.
use parking_lot::Mutex;
use std::sync::{Arc, OnceLock};

pub struct Durations {
    count: u64,
}

static SHARED: OnceLock<Arc<Mutex<Durations>>> = OnceLock::new();

impl Durations {
    pub fn shared() -> Arc<Mutex<Self>> {
        SHARED
            .get_or_init(|| Arc::new(Mutex::new(Self { count: 0 })))
            .clone()
    }
}

pub struct Telemetry {
    searches: Arc<Mutex<Durations>>,
    filtered: Arc<Mutex<Durations>>,
}

impl Telemetry {
    pub fn new() -> Self {
        Self {
            searches: Durations::shared(),
            filtered: Durations::shared(),
        }
    }

    pub fn report(&self) -> (u64, u64) {
        (self.searches.lock().count, self.filtered.lock().count)
    }
}
