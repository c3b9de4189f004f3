// The clean twin of `fresh_instances`: the store is filled before anyone else can reach it,
// and only then shared.
use std::sync::{Arc, Mutex};
use std::thread;

pub struct Store {
    index: Mutex<Vec<u64>>,
    data: Mutex<Vec<u8>>,
}

impl Store {
    pub fn new() -> Store {
        Store {
            index: Mutex::new(Vec::new()),
            data: Mutex::new(Vec::new()),
        }
    }

    pub fn compact(&self) {
        let mut data = self.data.lock().unwrap();
        let index = self.index.lock().unwrap();
        data.truncate(index.len());
    }
}

pub fn filled() -> Store {
    let store = Store::new();
    {
        let mut index = store.index.lock().unwrap();
        let data = store.data.lock().unwrap();
        index.push(data.len() as u64);
    }
    store
}

pub fn start() -> Arc<Store> {
    let store = Arc::new(filled());
    let background = store.clone();
    thread::spawn(move || background.compact());
    store
}
