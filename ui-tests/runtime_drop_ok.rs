// The clean twin of `runtime_drop`: the runtime is taken out in a statement of its own, so the
// guard is gone before the drop waits for the tasks. And a runtime whose tasks take no lock
// that the dropping thread holds is dropped under that lock without harm.
use std::sync::{Arc, Mutex};
use tokio::runtime::{Handle, Runtime};

pub struct Inner {
    merger: Mutex<Option<Runtime>>,
    stats: Mutex<u64>,
    workers: Mutex<Option<Runtime>>,
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
        let runtime = self.inner.merger.lock().unwrap().take();
        if let Some(runtime) = runtime {
            drop(runtime);
        }
    }

    pub fn stop_workers(&self) {
        let stats = self.inner.stats.lock().unwrap();
        if *stats > 0 {
            let workers = self.inner.workers.lock().unwrap().take();
            drop(workers);
        }
    }
}
