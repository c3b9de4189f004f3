// The handler thread signals readiness without touching the registry: the channel is made
// here and its only sender goes to the thread started here, so that thread is the only one
// that can end the wait, and it needs nothing the spawner holds.
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Mutex};
use std::{panic, thread};

pub struct Registry {
    handlers: Mutex<Vec<String>>,
}

fn serve(ready_tx: &SyncSender<()>) {
    ready_tx.send(()).ok();
}

pub fn start(registry: Arc<Registry>) -> Result<(), String> {
    let (ready_tx, ready_rx) = mpsc::sync_channel(1);
    let handlers = registry.handlers.lock().unwrap();
    thread::Builder::new()
        .name("handler".to_string())
        .spawn(move || {
            panic::catch_unwind(panic::AssertUnwindSafe(move || serve(&ready_tx))).ok();
        })
        .map_err(|e| e.to_string())?;
    if ready_rx.recv().is_err() {
        return Err(format!("{} handlers, none started", handlers.len()));
    }
    Ok(())
}
