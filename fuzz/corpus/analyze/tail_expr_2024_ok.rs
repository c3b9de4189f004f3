//@ edition: 2024
// Edition 2024 drops tail-expression temporaries at the end of the block: no overlap.
use std::sync::Mutex;

struct Stats {
    hits: Mutex<u64>,
}

impl Stats {
    fn bump(&self) -> (u64, u64) {
        (
            { *self.hits.lock().unwrap() + 1 },
            *self.hits.lock().unwrap(),
        )
    }
}
