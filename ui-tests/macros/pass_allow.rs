use lockorder::lock_order;
use std::sync::Mutex;

struct Counter {
    value: Mutex<u64>,
}

#[lock_order(allow(double-lock), reason = "the whole impl is a test fixture")]
impl Counter {
    #[lock_order(allow(double-lock, lock-order-cycle), reason = "checked by hand")]
    fn relock(&self) {
        let _first = self.value.lock().unwrap();
    }
}

#[lock_order(allow(hold-while-wait), reason = "the worker never takes the lock")]
mod workers {}

#[lock_order(allow(double-lock))]
fn without_reason_still_compiles() {}

fn main() {
    Counter { value: Mutex::new(0) }.relock();
    without_reason_still_compiles();
}
