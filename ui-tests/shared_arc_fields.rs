// One `Arc<Mutex<..>>` cloned into two structs: the server state keeps the database and hands a
// clone to its runner. `state.db` and `state.runner.db` are then one mutex, and a handler that
// holds the first while the runner takes the second waits for itself.
use std::sync::{Arc, Mutex};

pub struct Db {
    rows: Vec<u64>,
}

pub struct Runner {
    db: Arc<Mutex<Db>>,
}

impl Runner {
    pub fn new(db: Arc<Mutex<Db>>) -> Self {
        Runner { db }
    }

    pub fn delete(&self, id: u64) {
        self.db.lock().unwrap().rows.retain(|r| *r != id);
    }
}

pub struct State {
    db: Arc<Mutex<Db>>,
    runner: Runner,
}

impl State {
    pub fn new(db: Arc<Mutex<Db>>) -> Result<Self, String> {
        let runner = Runner::new(db.clone());
        Ok(Self { db, runner })
    }
}

pub fn delete_all(state: &State) {
    let db = state.db.lock().unwrap();
    for id in db.rows.iter() {
        state.runner.delete(*id);
    }
}
