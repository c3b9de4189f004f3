// The crate adds `spawn_wrapper` to std's thread builder through an extension trait; it runs the
// closure on the new thread (after its hooks). Called on a builder, whose type the analysis does
// not model, it is still the crate's spawner: the closure does not run under `start`'s guard.
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

pub fn start() -> JoinHandle<()> {
    let _state = STATE.lock().unwrap();
    Builder::new()
        .name("worker".into())
        .spawn_wrapper(move || {
            *STATE.lock().unwrap() += 1;
        })
        .unwrap()
}
