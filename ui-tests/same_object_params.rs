// `PartialEq::eq` that reads the same lock of `self` and `other`, one inside the other: the two
// may be one object (`x == x`), and a second read of one `RwLock` waits for the first as soon
// as a writer queues between them. A function that compares its inputs by address first is
// told apart (the note is not given there).
use std::sync::{Mutex, RwLock};

pub struct Node {
    items: RwLock<Vec<u32>>,
    count: Mutex<u32>,
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        let mine = self.items.read().unwrap();
        let theirs = other.items.read().unwrap();
        *mine == *theirs
    }
}

pub fn same_count(x: &Node, y: &Node) -> bool {
    if std::ptr::eq(x, y) {
        return true;
    }
    let a = x.count.lock().unwrap();
    let b = y.count.lock().unwrap();
    *a == *b
}
