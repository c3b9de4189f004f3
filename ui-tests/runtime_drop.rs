// A service keeps the runtime its background tasks run on behind a mutex, and the tasks reach
// that mutex for a handle. Shutting down takes the runtime out and drops it while the guard of
// the `if let` scrutinee is still alive: the drop waits for every task to yield, and a task
// blocked on the mutex never does.
use std::sync::{Arc, Mutex};
use tokio::runtime::{Handle, Runtime};

pub struct Inner {
    merger: Mutex<Option<Runtime>>,
}

pub struct Service {
    inner: Arc<Inner>,
}

impl Service {
    pub fn merger(&self) -> Handle {
        self.inner
            .merger
            .lock()
            .unwrap()
            .as_ref()
            .expect("the merger runtime has been shut down")
            .handle()
            .clone()
    }

    pub fn start_merge(self: Arc<Self>) {
        let this = self.clone();
        self.merger().spawn(async move {
            let next = this.merger();
            next.spawn(async {});
        });
    }

    pub fn shutdown(&self) {
        if let Some(runtime) = self.inner.merger.lock().unwrap().take() {
            drop(runtime);
        }
    }
}
