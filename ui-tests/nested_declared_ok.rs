// Two instances of one class nested in a declared order (an author's promise the analyzer
// takes on trust): no instance-nesting cycle is reported for `Account::balance`.
use lockorder::lock_order;
use std::sync::Mutex;

#[lock_order]
struct Account {
    id: u64,
    #[lock_order(nested = "lowest account id first")]
    balance: Mutex<i64>,
}

fn transfer(from: &Account, to: &Account, amount: i64) {
    let (first, second) = if from.id < to.id { (from, to) } else { (to, from) };
    let _a = first.balance.lock().unwrap();
    let _b = second.balance.lock().unwrap();
    let _ = amount;
}
