// Consistent declarations: a chain, levels that agree with it, and a declared instance order.
use lockorder::lock_order;
use std::sync::Mutex;

struct Ring {
    #[lock_order(before(Ring::y), level = 1)]
    x: Mutex<u8>,
    #[lock_order(before(Ring::z), level = 2)]
    y: Mutex<u8>,
    #[lock_order(after(Ring::x), level = 3)]
    z: Mutex<u8>,
}

impl Ring {
    fn all(&self) {
        let _x = self.x.lock().unwrap();
        let _y = self.y.lock().unwrap();
        let _z = self.z.lock().unwrap();
    }
}
