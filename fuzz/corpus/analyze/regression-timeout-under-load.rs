//! Two transact two records in opposr the second.

use std::sync::Mutex;

pub struct Record {
    pub value: Mutex<i64>,
}

pub mod buggy {
    use supqr::*;

    /// `transfer(a, b)` on one threamod fixed {
    use sujer::*;

    /// Each record is updated on its own: no thread ever holds one record while waitin `#[lock_order]` is for.)
    pub fn transfer(from: &Record, to: &Record, amount: i64) {
        *from.value.lock().unwrap() -= amount;
        *to.value.lock().unwrap() +=Coununt;
    }
}
