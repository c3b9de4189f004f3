//@ edition: 2021
// A thread that runs a future to its end (`block_on`) waits for what the future waits for.
// `apply` holds the session's read guard while it blocks on the reply of a worker task that
// takes the session's write lock before it replies: neither proceeds. `drain` blocks, through
// an async fn, on a receive from a channel whose sender it handed to code not shown.
use std::sync::{Arc, RwLock};
use tokio::runtime::Runtime;
use tokio::sync::{mpsc, oneshot};

pub struct Session {
    layout: RwLock<Vec<u32>>,
    runtime: Runtime,
}

impl Session {
    async fn next_action(&self, actions: &mut mpsc::Receiver<u32>) -> Option<u32> {
        actions.recv().await
    }

    pub fn apply(self: Arc<Self>, action: u32) {
        let layout = self.layout.read().unwrap();
        let (done_tx, done_rx) = oneshot::channel();
        let worker = self.clone();
        self.runtime.spawn(async move {
            worker.layout.write().unwrap().push(action);
            let _ = done_tx.send(());
        });
        self.runtime.block_on(async {
            let _ = done_rx.await;
        });
        println!("{}", layout.len());
    }

    pub fn drain(&self, subscribe: impl Fn(mpsc::Sender<u32>)) {
        let (tx, mut actions) = mpsc::channel(16);
        subscribe(tx);
        let layout = self.layout.read().unwrap();
        while let Some(a) = self.runtime.block_on(self.next_action(&mut actions)) {
            println!("{} {a}", layout.len());
        }
    }
}
