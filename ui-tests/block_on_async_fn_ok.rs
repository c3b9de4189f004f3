// The length is read in a statement of its own, then the async fn runs to its end with nothing
// held.
use std::sync::Mutex;

pub struct Store {
    data: Mutex<Vec<u8>>,
}

impl Store {
    async fn append(&self, b: u8) {
        self.data.lock().unwrap().push(b);
    }

    pub fn put(&self, b: u8) -> usize {
        let before = self.data.lock().unwrap().len();
        futures::executor::block_on(self.append(b));
        before
    }
}
