//! Lock timeout: a thread that cannot get its second lock in time releases the first, backs off
//! and retries, so it never waits while holding.

use parking_lot::Mutex;
use std::time::Duration;

pub mod buggy {
    use super::*;

    pub struct Philosophers {
        pub left: Mutex<()>,
        pub right: Mutex<()>,
    }

    impl Philosophers {
        pub fn eat_left_first(&self) {
            let _left = self.left.lock();
            let _right = self.right.lock();
        }

        pub fn eat_right_first(&self) {
            let _right = self.right.lock();
            let _left = self.left.lock();
        }
    }
}

pub mod fixed {
    use super::*;

    pub struct Philosophers {
        pub left: Mutex<()>,
        pub right: Mutex<()>,
    }

    impl Philosophers {
        pub fn eat_left_first(&self) {
            let _left = self.left.lock();
            let _right = self.right.lock();
        }

        /// The other order, but the second lock is only tried: on timeout everything is
        /// released and the attempt starts over.
        pub fn eat_right_first(&self) {
            loop {
                let right = self.right.lock();
                if let Some(_left) = self.left.try_lock_for(Duration::from_millis(10)) {
                    return;
                }
                drop(right);
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
}
