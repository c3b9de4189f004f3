// A worker's handle (a struct with the thread's join handle and its stop channel) is kept in a
// locked slot and taken out to stop it; its `stop` joins the thread. The slot's lock is not the
// thread's: the handle taken out is a value of its own type. Here the stopper also holds the
// registry, which the thread takes on its way out.
use std::sync::{mpsc, Mutex};
use std::thread::{self, JoinHandle};

static REGISTRY: Mutex<Vec<String>> = Mutex::new(Vec::new());

pub struct Handle {
    join_handle: JoinHandle<()>,
    stop: mpsc::Sender<()>,
}

impl Handle {
    pub fn stop(self) -> Result<(), String> {
        self.stop.send(()).map_err(|e| e.to_string())?;
        self.join_handle.join().map_err(|_| "join".to_string())
    }
}

pub fn start() -> std::io::Result<Handle> {
    let (tx, rx) = mpsc::channel::<()>();
    let res = thread::Builder::new().name("gc".to_string()).spawn(move || {
        rx.recv().ok();
        REGISTRY.lock().unwrap().push("gc stopped".to_string());
    });
    res.map(|join_handle| Handle {
        join_handle,
        stop: tx,
    })
}

pub struct Worker {
    handle: Mutex<Option<Handle>>,
}

impl Worker {
    pub fn stop(&self) {
        let _registry = REGISTRY.lock().unwrap();
        if let Some(h) = self.handle.lock().unwrap().take() {
            h.stop().ok();
        }
    }
}
