// The clean twin of `function_values`: the handle is taken out in a statement of its own and
// joined after the guard is gone; a callback handed over inside `Some(..)` or `Box::new(..)` is
// kept by the callee, not run under the caller's guard.
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;

pub struct State {
    active: bool,
    handle: Option<JoinHandle<()>>,
    on_stop: Option<Box<dyn Fn() + Send + Sync>>,
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

    pub fn on_stop(&self) {
        let me = Service(self.0.clone());
        let mut state = self.0.write().unwrap();
        state.on_stop = Some(Box::new(move || {
            let _ = me.active();
        }));
    }

    pub fn join(&self) {
        self.0.write().unwrap().active = false;
        let handle = self.0.write().unwrap().handle.take();
        handle.map(JoinHandle::join);
    }
}
