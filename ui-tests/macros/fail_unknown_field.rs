use lockorder::lock_order;
use std::sync::Mutex;

#[lock_order(accounts, ledgr)]
struct Bank {
    accounts: Mutex<u64>,
    ledger: Mutex<u64>,
}

fn main() {}
