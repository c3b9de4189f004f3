//! Two transactions update the same two records in opposite orders, each holding the first
//! record's lock while it asks for the second.

use std::sync::Mutex;

pub struct Record {
    pub value: Mutex<i64>,
}

pub mod buggy {
    use super::*;

    /// `transfer(a, b)` on one thread and `transfer(b, a)` on another deadlock.
    pub fn transfer(from: &Record, to: &Record, amount: i64) {
        let mut from_value = from.value.lock().unwrap();
        let mut to_value = to.value.lock().unwrap();
        *from_value -= amount;
        *to_value += amount;
    }
}

pub mod fixed {
    use super::*;

    /// Each record is updated on its own: no thread ever holds one record while waiting for
    /// another. (Locking both in a fixed key order also works; declaring that order is what
    /// `#[lock_order]` is for.)
    pub fn transfer(from: &Record, to: &Record, amount: i64) {
        *from.value.lock().unwrap() -= amount;
        *to.value.lock().unwrap() += amount;
    }
}
