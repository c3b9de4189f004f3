// Two accounts locked one inside the other: `transfer` takes them in an order decided by their
// ids, which is an order; `refund` takes them in argument order, which is none: a refund from
// A to B and one from B to A, at once, deadlock.
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
    let mut a = from.balance.lock().unwrap();
    let mut b = to.balance.lock().unwrap();
    *a += amount;
    *b -= amount;
}
