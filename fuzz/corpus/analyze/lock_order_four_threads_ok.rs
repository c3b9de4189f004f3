// Fixed: the fourth thread follows the global order A, B, C, D.
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
        let _a = self.a.lock().unwrap();
        let _d = self.d.lock().unwrap();
    }
}
