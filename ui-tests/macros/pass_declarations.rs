use lockorder::lock_order;
use std::sync::{Mutex, RwLock};

mod journal {
    pub struct Journal {
        pub entries: std::sync::Mutex<Vec<String>>,
    }
}

#[lock_order(accounts, ledger, audit)]
pub struct Bank {
    pub accounts: Mutex<Vec<u64>>,
    #[lock_order(before(journal::Journal::entries), level = 2)]
    pub ledger: RwLock<Vec<u64>>,
    #[lock_order(after(ledger), nested = "by account id, lowest first")]
    pub audit: Mutex<Vec<String>>,
}

#[lock_order(level = 100)]
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn main() {
    let bank = Bank { accounts: Mutex::new(vec![]), ledger: RwLock::new(vec![]), audit: Mutex::new(vec![]) };
    bank.accounts.lock().unwrap().push(1);
    LOG.lock().unwrap().push("ok".into());
}
