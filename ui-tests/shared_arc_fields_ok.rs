// Two structs, each with a mutex of its own: the runner gets a database of its own, so the
// handler that holds the state's while the runner takes its own nests two different mutexes.
// And where the runner is given the state's, the handler passes the locked data down.
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

    pub fn delete_in(db: &mut Db, id: u64) {
        db.rows.retain(|r| *r != id);
    }
}

pub struct State {
    db: Arc<Mutex<Db>>,
    runner: Runner,
}

impl State {
    pub fn new(db: Arc<Mutex<Db>>) -> Self {
        let own = Arc::new(Mutex::new(Db { rows: Vec::new() }));
        State {
            db,
            runner: Runner::new(own),
        }
    }
}

pub fn delete_all(state: &State) {
    let db = state.db.lock().unwrap();
    for id in db.rows.iter() {
        state.runner.delete(*id);
    }
}

pub struct Shared {
    db: Arc<Mutex<Db>>,
    runner: Runner,
}

impl Shared {
    pub fn new(db: Arc<Mutex<Db>>) -> Self {
        Shared {
            runner: Runner::new(db.clone()),
            db,
        }
    }
}

pub fn delete_first(shared: &Shared) {
    let mut db = shared.db.lock().unwrap();
    if let Some(&id) = db.rows.first() {
        Runner::delete_in(&mut db, id);
    }
    drop(db);
    shared.runner.delete(0);
}

// Built sharing one mutex in one place and with two in another: whether `pair.db` and
// `pair.runner.db` are one lock depends on the value, and a lint that cannot know stays silent.
pub struct Pair {
    db: Arc<Mutex<Db>>,
    runner: Runner,
}

impl Pair {
    pub fn shared(db: Arc<Mutex<Db>>) -> Self {
        Pair {
            runner: Runner::new(db.clone()),
            db,
        }
    }

    pub fn apart(db: Arc<Mutex<Db>>, other: Arc<Mutex<Db>>) -> Self {
        Pair {
            runner: Runner::new(other),
            db,
        }
    }
}

pub fn delete_pair(pair: &Pair) {
    let db = pair.db.lock().unwrap();
    pair.runner.delete(db.rows.len() as u64);
}
