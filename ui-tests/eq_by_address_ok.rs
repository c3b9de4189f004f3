// `PartialEq::eq` reads the same lists of `self` and `other`, one inside the other, after it
// returns early when they are one pool (`ptr::eq`): no read waits for itself, and two crossed
// comparisons only read. Not reported.
use parking_lot::RwLock;
use std::ptr;

pub struct Pool {
    attestations: RwLock<Vec<u64>>,
    exits: RwLock<Vec<u64>>,
}

impl PartialEq for Pool {
    fn eq(&self, other: &Self) -> bool {
        if ptr::eq(self, other) {
            return true;
        }
        *self.attestations.read() == *other.attestations.read()
            && *self.exits.read() == *other.exits.read()
    }
}

impl Pool {
    pub fn insert(&self, a: u64) {
        self.attestations.write().push(a);
    }
}
