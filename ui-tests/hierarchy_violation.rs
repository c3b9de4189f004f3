// Declared hierarchies are checked at every acquisition, through calls, even when no cycle
// exists yet: the struct's own order, an order across types, and levels on statics.
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
        let mut ledger = self.ledger.write().unwrap();
        ledger.push(amount);
        let _accounts = self.accounts.lock().unwrap();
    }

    fn replay(&self) {
        let entries = self.journal.entries.lock().unwrap();
        let _ledger = self.ledger.read().unwrap();
        drop(entries);
    }
}

fn count() {
    let _m = METRICS.lock().unwrap();
    REGISTRY.lock().unwrap().push(1);
}
