// The crate's own spawners, found by what their bodies do: `run_later` hands its closure to a
// thread, `spawn_handle` its future to a runtime, and `spawn_named` goes through
// `run_later`. What they are given runs on another thread or task, holding none of the
// caller's locks.
use std::future::Future;
use std::sync::{Arc, Mutex};

pub struct Executor {
    handle: tokio::runtime::Handle,
}

impl Executor {
    pub fn spawn_handle<R>(&self, task: impl Future<Output = R> + Send + 'static, _name: &str) {
        self.handle.spawn(async move {
            task.await;
        });
    }

    pub fn run_later<F: FnOnce() + Send + 'static>(&self, f: F) {
        std::thread::Builder::new().spawn(f).unwrap();
    }

    pub fn spawn_named<F>(&self, _name: &str, job: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.run_later(job);
    }
}

pub struct Chain {
    head: Arc<Mutex<u64>>,
    exec: Executor,
}

impl Chain {
    pub fn import(&self) {
        let _head = self.head.lock().unwrap();
        let head = self.head.clone();
        self.exec.run_later(move || {
            *head.lock().unwrap() += 1;
        });
        let head = self.head.clone();
        self.exec.spawn_named("bump", move || {
            *head.lock().unwrap() += 1;
        });
        let head = self.head.clone();
        self.exec.spawn_handle(
            async move {
                *head.lock().unwrap() += 1;
            },
            "bump",
        );
    }
}
