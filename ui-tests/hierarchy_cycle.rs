// Declarations that contradict each other, directly and through three declarations, and a name
// that is not a lock (a warning: the declaration is ignored).
use lockorder::lock_order;
use std::sync::Mutex;

#[lock_order(a, b)]
struct Pair {
    a: Mutex<u8>,
    #[lock_order(before(a))]
    b: Mutex<u8>,
}

struct Ring {
    #[lock_order(before(Ring::y))]
    x: Mutex<u8>,
    #[lock_order(before(Ring::z))]
    y: Mutex<u8>,
    #[lock_order(before(Ring::x), after(Ring::missing))]
    z: Mutex<u8>,
}
