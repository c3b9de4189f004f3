// A handler thread that reports it is ready over a bounded channel, from a helper it is given
// the sender by reference. The helper takes the registry before it signals, and the spawner
// holds the registry while it waits for the signal: neither proceeds. (A send on a bounded
// channel waits for room and also wakes the receiver.)
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;

pub struct Registry {
    handlers: Mutex<Vec<String>>,
}

fn serve(registry: &Registry, ready_tx: &SyncSender<()>) {
    registry.handlers.lock().unwrap().push("uffd".to_string());
    ready_tx.send(()).ok();
}

pub fn start(registry: Arc<Registry>) -> Result<(), String> {
    let (ready_tx, ready_rx) = mpsc::sync_channel(1);
    let handlers = registry.handlers.lock().unwrap();
    let worker = Arc::clone(&registry);
    thread::Builder::new()
        .name("handler".to_string())
        .spawn(move || serve(&worker, &ready_tx))
        .map_err(|e| e.to_string())?;
    if ready_rx.recv().is_err() {
        return Err(format!("{} handlers, none started", handlers.len()));
    }
    Ok(())
}
