// A store is built and filled before any other thread sees it: the order its two locks are
// taken in there is no order between threads. Once a thread holds a clone of it, the same
// nesting closes a cycle with `compact`, which takes them the other way round.
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

pub fn start() -> Arc<Store> {
    let store = Arc::new(Store::new());
    let background = store.clone();
    thread::spawn(move || background.compact());
    let mut index = store.index.lock().unwrap();
    let data = store.data.lock().unwrap();
    index.push(data.len() as u64);
    drop((index, data));
    store
}
