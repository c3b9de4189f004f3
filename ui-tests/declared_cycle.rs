// A cycle formed by the code together with a declaration: the code alone takes A before B and
// B before C; C is declared to come before A.
use lockorder::lock_order;
use std::sync::Mutex;

struct Chain {
    #[lock_order(after(Chain::c))]
    a: Mutex<u8>,
    b: Mutex<u8>,
    c: Mutex<u8>,
}

impl Chain {
    fn ab(&self) {
        let _a = self.a.lock().unwrap();
        let _b = self.b.lock().unwrap();
    }

    fn bc(&self) {
        let _b = self.b.lock().unwrap();
        let _c = self.c.lock().unwrap();
    }
}
