// Thread 1 locks A, waits for B; thread 2 locks B, waits for C; 3: C then D; 4: D then A.
use std::sync::Mutex;

struct Locks {
    a: Mutex<u32>,
    b: Mutex<u32>,
    c: Mutex<u32>,
    d: Mutex<u32>,
}

impl Locks {
    fn one(&self) {
        let _a = self.a.lock().unwrap();
        let _b = self.b.lock().unwrap();
    }
    fn two(&self) {
        let _b = self.b.lock().unwrap();
        let _c = self.c.lock().unwrap();
    }
    fn three(&self) {
        let _c = self.c.lock().unwrap();
        let _d = self.d.lock().unwrap();
    }
    fn four(&self) {
        let _d = self.d.lock().unwrap();
        let _a = self.a.lock().unwrap();
    }
}
