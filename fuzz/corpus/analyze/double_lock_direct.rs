// Re-locking a non-reentrant lock: directly, through a call, and through recursion.
use std::sync::Mutex;

struct Counter {
    value: Mutex<u64>,
}

impl Counter {
    fn get(&self) -> u64 {
        *self.value.lock().unwrap()
    }

    fn increment_and_log(&self) {
        let mut value = self.value.lock().unwrap();
        *value += 1;
        println!("now {}", self.get());
    }

    fn reset(&self) {
        let _first = self.value.lock().unwrap();
        let _second = self.value.lock().unwrap();
    }

    fn countdown(&self, n: u32) {
        let mut value = self.value.lock().unwrap();
        *value += 1;
        if n > 0 {
            self.countdown(n - 1);
        }
    }
}
