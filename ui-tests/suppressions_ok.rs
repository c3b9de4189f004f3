// Suppressions with reasons, each matching a finding: a trailing comment, a comment on the line
// above, and the attribute on a function and on an impl.
use lockorder::lock_order;
use std::sync::Mutex;

static A: Mutex<()> = Mutex::new(());
static B: Mutex<()> = Mutex::new(());

fn one() {
    let _a = A.lock().unwrap();
    let _b = B.lock().unwrap(); // lockorder: allow(lock-order-cycle) -- `two` only runs at shutdown, after every `one` has joined
}

fn two() {
    let _b = B.lock().unwrap();
    // lockorder: allow(lock-order-cycle) -- see `one`
    let _a = A.lock().unwrap();
}

struct Counter {
    value: Mutex<u64>,
}

impl Counter {
    #[lock_order(allow(double-lock), reason = "test helper: proves the deadlock detector fires")]
    fn relock(&self) {
        let _first = self.value.lock().unwrap();
        let _second = self.value.lock().unwrap();
    }
}

#[lock_order(allow(double-lock), reason = "the same, for the whole impl")]
impl Counter {
    fn relock_again(&self) {
        let _first = self.value.lock().unwrap();
        let _second = self.value.lock().unwrap();
    }
}
