// The same spawner, but `start` joins the thread while it still holds the state the thread
// updates: the thread waits for the state, `start` waits for the thread.
use std::io;
use std::sync::Mutex;
use std::thread::{Builder, JoinHandle};

pub trait BuildWrapper {
    fn spawn_wrapper<F>(self, f: F) -> io::Result<JoinHandle<()>>
    where
        F: FnOnce() + Send + 'static;
}

impl BuildWrapper for Builder {
    fn spawn_wrapper<F>(self, f: F) -> io::Result<JoinHandle<()>>
    where
        F: FnOnce() + Send + 'static,
    {
        self.spawn(move || {
            register_thread();
            f()
        })
    }
}

fn register_thread() {}

static STATE: Mutex<u32> = Mutex::new(0);

pub fn start() {
    let _state = STATE.lock().unwrap();
    let worker = Builder::new()
        .name("worker".into())
        .spawn_wrapper(move || {
            *STATE.lock().unwrap() += 1;
        })
        .unwrap();
    worker.join().unwrap();
}
