// The same declarations, and code that follows them.
use lockorder::lock_order;
use std::sync::{Mutex, RwLock};

mod journal {
    pub struct Journal {
        pub entries: std::sync::Mutex<Vec<String>>,
    }

    impl Journal {
        pub fn record(&self, line: &str) {
            self.entries.lock().unwrap().push(line.to_string());
        }
    }
}

#[lock_order(accounts, ledger)]
struct Bank {
    accounts: Mutex<Vec<u64>>,
    #[lock_order(before(journal::Journal::entries))]
    ledger: RwLock<Vec<u64>>,
    journal: journal::Journal,
}

#[lock_order(level = 10)]
static REGISTRY: Mutex<Vec<u32>> = Mutex::new(Vec::new());
#[lock_order(level = 20)]
static METRICS: Mutex<u64> = Mutex::new(0);

impl Bank {
    fn post(&self, amount: u64) {
        let _accounts = self.accounts.lock().unwrap();
        let mut ledger = self.ledger.write().unwrap();
        ledger.push(amount);
        self.journal.record("post");
    }
}

fn count() {
    let _r = REGISTRY.lock().unwrap();
    *METRICS.lock().unwrap() += 1;
}
