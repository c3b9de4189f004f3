// The clean twin of `future_returning_fn`: the guard ends before the await, and a future that
// is made but not awaited takes nothing where it is made.
use std::future::Future;
use std::sync::Mutex;

pub struct Uploader {
    queue: Mutex<Vec<u8>>,
}

async fn send(_chunk: Vec<u8>) {}

impl Uploader {
    pub fn upload(&self) -> impl Future<Output = ()> + '_ {
        async move {
            let chunk: Vec<u8> = self.queue.lock().unwrap().drain(..).collect();
            send(chunk).await;
        }
    }

    pub fn schedule(&self) -> usize {
        let queue = self.queue.lock().unwrap();
        let _later = self.upload();
        queue.len()
    }
}
