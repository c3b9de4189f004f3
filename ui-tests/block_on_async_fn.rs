// `block_on(self.append(b))` runs the async fn's body here, on this thread, to its end: its
// lock is taken while the caller still holds the same one.
use std::sync::Mutex;

pub struct Store {
    data: Mutex<Vec<u8>>,
}

impl Store {
    async fn append(&self, b: u8) {
        self.data.lock().unwrap().push(b);
    }

    pub fn put(&self, b: u8) -> usize {
        let data = self.data.lock().unwrap();
        let before = data.len();
        futures::executor::block_on(self.append(b));
        before
    }
}
