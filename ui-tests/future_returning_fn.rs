// A function that returns `impl Future` built by an `async move` block: the block is its
// asynchronous body, and a blocking guard held across one of its `.await`s blocks the executor
// thread, as in an `async fn`.
use std::future::Future;
use std::sync::Mutex;

pub struct Uploader {
    queue: Mutex<Vec<u8>>,
}

async fn send(_chunk: Vec<u8>) {}

impl Uploader {
    pub fn upload(&self) -> impl Future<Output = ()> + '_ {
        async move {
            let mut queue = self.queue.lock().unwrap();
            let chunk: Vec<u8> = queue.drain(..).collect();
            send(chunk).await;
        }
    }
}
