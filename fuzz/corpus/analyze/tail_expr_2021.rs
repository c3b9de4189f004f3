//@ edition: 2021
// Before 2024, temporaries of a block's tail expression outlive the block, to the end of the
// enclosing statement: the first guard is still alive when the second lock is taken.
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
