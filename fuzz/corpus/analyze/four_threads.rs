//! Thread 1 locks A and waits for B, thread 2 locks B and waits for C, thread 3 locks C and
//! waits for D, thread 4 locks D and waits for A.

use std::sync::Mutex;

pub mod buggy {
    use super::*;

    pub struct Resources {
        pub a: Mutex<u32>,
        pub b: Mutex<u32>,
        pub c: Mutex<u32>,
        pub d: Mutex<u32>,
    }

    impl Resources {
        pub fn thread1(&self) {
            let _a = self.a.lock().unwrap();
            let _b = self.b.lock().unwrap();
        }
        pub fn thread2(&self) {
            let _b = self.b.lock().unwrap();
            let _c = self.c.lock().unwrap();
        }
        pub fn thread3(&self) {
            let _c = self.c.lock().unwrap();
            let _d = self.d.lock().unwrap();
        }
        pub fn thread4(&self) {
            let _d = self.d.lock().unwrap();
            let _a = self.a.lock().unwrap();
        }
    }
}

pub mod fixed {
    use super::*;

    pub struct Resources {
        pub a: Mutex<u32>,
        pub b: Mutex<u32>,
        pub c: Mutex<u32>,
        pub d: Mutex<u32>,
    }

    impl Resources {
        pub fn thread1(&self) {
            let _a = self.a.lock().unwrap();
            let _b = self.b.lock().unwrap();
        }
        pub fn thread2(&self) {
            let _b = self.b.lock().unwrap();
            let _c = self.c.lock().unwrap();
        }
        pub fn thread3(&self) {
            let _c = self.c.lock().unwrap();
            let _d = self.d.lock().unwrap();
        }
        /// The global order is A, B, C, D: thread 4 needs A first.
        pub fn thread4(&self) {
            let _a = self.a.lock().unwrap();
            let _d = self.d.lock().unwrap();
        }
    }
}
