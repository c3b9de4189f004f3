//! Lock hierarchy and prioritized locks: every chopstick has a priority, and a philosopher must
//! take the higher-priority one first. Declared with `#[lock_order]`, the rule is checked at every
//! acquisition, so the first philosopher who breaks it is caught before a second one closes
//! the cycle.

use lockorder::lock_order;
use std::sync::Mutex;

pub mod buggy {
    use super::*;

    #[lock_order(first, second, third)]
    pub struct Table {
        pub first: Mutex<()>,
        pub second: Mutex<()>,
        pub third: Mutex<()>,
    }

    impl Table {
        pub fn philosopher_a(&self) {
            let _first = self.first.lock().unwrap();
            let _second = self.second.lock().unwrap();
        }

        /// Takes the lower-priority chopstick first. No cycle exists yet (nobody takes `second`
        /// then `third`), but the first philosopher who follows the declared order will close it.
        pub fn philosopher_c(&self) {
            let _third = self.third.lock().unwrap();
            let _second = self.second.lock().unwrap();
        }
    }
}

pub mod fixed {
    use super::*;

    #[lock_order(first, second, third)]
    pub struct Table {
        pub first: Mutex<()>,
        pub second: Mutex<()>,
        pub third: Mutex<()>,
    }

    impl Table {
        pub fn philosopher_a(&self) {
            let _first = self.first.lock().unwrap();
            let _second = self.second.lock().unwrap();
        }

        pub fn philosopher_c(&self) {
            let _second = self.second.lock().unwrap();
            let _third = self.third.lock().unwrap();
        }
    }
}
