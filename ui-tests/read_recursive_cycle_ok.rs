// The status lock is only ever read, with parking_lot's `read_recursive`, which never waits for
// other readers nor queues behind a waiting writer. The step thread reads the input statuses,
// then locks the transaction; the API thread locks the transaction, then reads the statuses: the
// read cannot block while the step thread reads, so the two orders never close a cycle.
use parking_lot::{Mutex, RwLock, RwLockReadGuard};
use std::collections::BTreeMap;

pub struct Status {
    inputs: RwLock<BTreeMap<u64, String>>,
}

impl Status {
    pub fn input_status(&self) -> RwLockReadGuard<'_, BTreeMap<u64, String>> {
        self.inputs.read_recursive()
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
