//@ edition: 2021
// `block_on` waits for what its future waits for, and nothing else: the worker that replies
// takes no lock `apply` holds; an async block that awaits only another crate's futures (a server
// starting, a request) and an async fn that awaits nothing of another thread's do not wait
// for any thread of this program; the guard held around `block_on` is the thread's, not the
// future's, so it is not held across the future's awaits; a receive in a `select!` with a
// timer does not wait for the sender alone.
use std::sync::{Arc, Mutex, RwLock};
use tokio::runtime::Runtime;
use tokio::sync::{mpsc, oneshot};

pub struct Session {
    layout: RwLock<Vec<u32>>,
    history: Mutex<Vec<u32>>,
    config: Mutex<String>,
    runtime: Runtime,
}

async fn load(path: &str) -> std::io::Result<String> {
    tokio::fs::read_to_string(path).await
}

impl Session {
    pub fn apply(self: Arc<Self>, action: u32) {
        let layout = self.layout.read().unwrap();
        let (done_tx, done_rx) = oneshot::channel();
        let worker = self.clone();
        self.runtime.spawn(async move {
            worker.history.lock().unwrap().push(action);
            let _ = done_tx.send(());
        });
        self.runtime.block_on(async {
            let _ = done_rx.await;
        });
        println!("{}", layout.len());
    }

    pub fn serve(&self) {
        let config = self.config.lock().unwrap();
        let server = self.runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind(config.as_str()).await;
            listener.map(|l| l.local_addr())
        });
        println!("{:?}", server.is_ok());
    }

    pub fn reload(&self) {
        let mut config = self.config.lock().unwrap();
        if let Ok(text) = futures::executor::block_on(load("session.toml")) {
            *config = text;
        }
    }

    pub fn wait_or_tick(&self, subscribe: impl Fn(mpsc::Sender<u32>)) {
        let (tx, mut rx) = mpsc::channel(4);
        subscribe(tx);
        let layout = self.layout.read().unwrap();
        self.runtime.block_on(async {
            tokio::select! {
                _ = rx.recv() => {}
                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
            }
        });
        println!("{}", layout.len());
    }
}
