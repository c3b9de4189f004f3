use lockorder::lock_order;
use std::sync::Mutex;

#[lock_order]
struct Bank {
    #[lock_order(levle = 3)]
    accounts: Mutex<u64>,
    #[lock_order(after(ledgr))]
    ledger: Mutex<u64>,
}

#[lock_order(level = "high")]
static LOG: Mutex<u64> = Mutex::new(0);

fn main() {}
