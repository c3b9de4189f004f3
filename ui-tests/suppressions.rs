// Suppressions that are reported themselves: one without a reason, one that matches nothing,
// one that names a kind that does not exist.
use std::sync::Mutex;

struct Counter {
    value: Mutex<u64>,
}

impl Counter {
    fn relock(&self) {
        let _first = self.value.lock().unwrap();
        let _second = self.value.lock().unwrap(); // lockorder: allow(double-lock)
    }

    fn fine(&self) {
        // lockorder: allow(lock-order-cycle) -- this used to nest `value` in `other`
        let _only = self.value.lock().unwrap();
    }

    fn typo(&self) {
        let _v = self.value.lock().unwrap(); // lockorder: allow(dead-lock) -- typo
    }
}
