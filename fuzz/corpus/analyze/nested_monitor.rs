//! Nested monitor lockout: thread 1 holds A, takes B, and waits on B's condition variable,
//! which releases B but not A. Thread 2 must take A (then B) to send the signal: it blocks on A
//! forever, and thread 1 is never signalled.

use std::sync::{Condvar, Mutex};

pub mod buggy {
    use super::*;

    pub struct Monitor {
        pub a: Mutex<()>,
        pub b: Mutex<bool>,
        pub signal: Condvar,
    }

    impl Monitor {
        pub fn thread1(&self) {
            let _a = self.a.lock().unwrap();
            let mut ready = self.b.lock().unwrap();
            while !*ready {
                ready = self.signal.wait(ready).unwrap();
            }
        }

        pub fn thread2(&self) {
            let _a = self.a.lock().unwrap();
            *self.b.lock().unwrap() = true;
            self.signal.notify_all();
        }
    }
}

pub mod fixed {
    use super::*;

    pub struct Monitor {
        pub a: Mutex<()>,
        pub b: Mutex<bool>,
        pub signal: Condvar,
    }

    impl Monitor {
        /// Wait first, holding only the mutex the condition variable releases; take A after.
        pub fn thread1(&self) {
            {
                let mut ready = self.b.lock().unwrap();
                while !*ready {
                    ready = self.signal.wait(ready).unwrap();
                }
            }
            let _a = self.a.lock().unwrap();
        }

        pub fn thread2(&self) {
            let _a = self.a.lock().unwrap();
            *self.b.lock().unwrap() = true;
            self.signal.notify_all();
        }
    }
}
