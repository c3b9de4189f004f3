// The clean twin of `ordered_by_key`: every function that nests two accounts' locks orders
// them by id (in a tuple, in branches, or with `cmp`).
use std::cmp::Ordering;
use std::sync::Mutex;

pub struct Account {
    id: u64,
    balance: Mutex<u64>,
}

pub fn transfer(from: &Account, to: &Account, amount: u64) {
    let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };
    let mut a = first.balance.lock().unwrap();
    let mut b = second.balance.lock().unwrap();
    *a += amount;
    *b += amount;
}

pub fn refund(from: &Account, to: &Account, amount: u64) {
    if from.id > to.id {
        let mut b = to.balance.lock().unwrap();
        let mut a = from.balance.lock().unwrap();
        *a += amount;
        *b -= amount;
    } else {
        let mut a = from.balance.lock().unwrap();
        let mut b = to.balance.lock().unwrap();
        *a += amount;
        *b -= amount;
    }
}

pub fn swap(x: &Account, y: &Account) {
    let (first, second) = match x.id.cmp(&y.id) {
        Ordering::Less => (x, y),
        Ordering::Equal => return,
        Ordering::Greater => (y, x),
    };
    let mut a = first.balance.lock().unwrap();
    let mut b = second.balance.lock().unwrap();
    std::mem::swap(&mut *a, &mut *b);
}
