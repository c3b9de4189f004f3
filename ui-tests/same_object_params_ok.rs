// The clean twin of `same_object_params`: each side is read on its own, never one inside the
// other, so `x == x` reads one lock twice in a row, not nested.
use std::sync::{Mutex, RwLock};

pub struct Node {
    items: RwLock<Vec<u32>>,
    count: Mutex<u32>,
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        let mine = self.items.read().unwrap().clone();
        let theirs = other.items.read().unwrap().clone();
        mine == theirs
    }
}

pub fn same_count(x: &Node, y: &Node) -> bool {
    let a = *x.count.lock().unwrap();
    let b = *y.count.lock().unwrap();
    a == b
}
