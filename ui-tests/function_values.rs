// A function named as a value runs where it is called: `Option::map(JoinHandle::join)` joins the
// service thread while the write guard of the statement is alive, and that thread reads the
// same lock in its loop.
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;

pub struct State {
    active: bool,
    handle: Option<JoinHandle<()>>,
}

pub struct Service(Arc<RwLock<State>>);

impl Service {
    fn active(&self) -> bool {
        self.0.read().unwrap().active
    }

    pub fn start(&self) {
        let me = Service(self.0.clone());
        let handle = std::thread::spawn(move || while me.active() {});
        self.0.write().unwrap().handle = Some(handle);
    }

    pub fn join(&self) {
        self.0.write().unwrap().active = false;
        self.0.write().unwrap().handle.take().map(JoinHandle::join);
    }
}
