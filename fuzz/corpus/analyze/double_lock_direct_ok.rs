// Fixed: the guard is scoped, dropped, or passed down instead of locking again.
use std::sync::Mutex;

struct Counter {
    value: Mutex<u64>,
}

impl Counter {
    fn get(&self) -> u64 {
        *self.value.lock().unwrap()
    }

    fn increment_and_log(&self) {
        {
            let mut value = self.value.lock().unwrap();
            *value += 1;
        }
        println!("now {}", self.get());
    }

    fn reset(&self) {
        let first = self.value.lock().unwrap();
        drop(first);
        let _second = self.value.lock().unwrap();
    }

    fn countdown(&self, n: u32) {
        let mut value = self.value.lock().unwrap();
        Self::countdown_locked(&mut value, n);
    }

    fn countdown_locked(value: &mut u64, n: u32) {
        *value += 1;
        if n > 0 {
            Self::countdown_locked(value, n - 1);
        }
    }
}
