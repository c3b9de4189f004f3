//! A thread locks a non-reentrant mutex it already holds: directly through a helper, and by
//! recursion.

use std::sync::Mutex;

pub mod buggy {
    use super::*;

    pub struct Counter {
        pub count: Mutex<u64>,
    }

    impl Counter {
        pub fn current(&self) -> u64 {
            *self.count.lock().unwrap()
        }

        pub fn increment(&self) -> u64 {
            let mut count = self.count.lock().unwrap();
            *count += 1;
            self.current()
        }

        pub fn add_recursively(&self, times: u32) {
            let mut count = self.count.lock().unwrap();
            *count += 1;
            if times > 1 {
                self.add_recursively(times - 1);
            }
        }
    }
}

pub mod fixed {
    use super::*;

    pub struct Counter {
        pub count: Mutex<u64>,
    }

    impl Counter {
        pub fn current(&self) -> u64 {
            *self.count.lock().unwrap()
        }

        pub fn increment(&self) -> u64 {
            let mut count = self.count.lock().unwrap();
            *count += 1;
            *count
        }

        pub fn add_recursively(&self, times: u32) {
            let mut count = self.count.lock().unwrap();
            add_locked(&mut count, times);
        }
    }

    fn add_locked(count: &mut u64, times: u32) {
        *count += 1;
        if times > 1 {
            add_locked(count, times - 1);
        }
    }
}
