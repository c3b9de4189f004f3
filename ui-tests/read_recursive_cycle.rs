// The same controller, reading the statuses with a plain `read`: a writer (`add_input`) that
// queues while the step thread reads makes the API thread's read wait behind it, and the step
// thread waits for the transaction the API thread holds.
use parking_lot::{Mutex, RwLock, RwLockReadGuard};
use std::collections::BTreeMap;

pub struct Status {
    inputs: RwLock<BTreeMap<u64, String>>,
}

impl Status {
    pub fn input_status(&self) -> RwLockReadGuard<'_, BTreeMap<u64, String>> {
        self.inputs.read()
    }

    pub fn add_input(&self, id: u64, name: String) {
        self.inputs.write().insert(id, name);
    }
}

pub struct Controller {
    status: Status,
    transaction: Mutex<Vec<u64>>,
}

impl Controller {
    pub fn input_step(&self) -> usize {
        let statuses = self.status.input_status();
        let committed = self.transaction.lock().len();
        statuses.len() + committed
    }

    pub fn api_status(&self) -> usize {
        let transaction = self.transaction.lock();
        self.status.input_status().len() + transaction.len()
    }
}
