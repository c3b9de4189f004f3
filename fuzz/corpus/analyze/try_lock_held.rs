// What a try-lock obtains is held like any other guard: waiting for another lock while
// holding it still counts.
use std::sync::Mutex;

struct Pair {
    first: Mutex<u32>,
    second: Mutex<u32>,
}

impl Pair {
    fn forward(&self) {
        let _a = self.first.lock().unwrap();
        let _b = self.second.lock().unwrap();
    }

    fn backward(&self) {
        if let Ok(_b) = self.second.try_lock() {
            let _a = self.first.lock().unwrap();
        }
    }
}
