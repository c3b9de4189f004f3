// The clean twin of `foreign_glob_crate_names`: what the read guard tells is copied out, and the
// guard is gone before the write.
use log::*;
use parking_lot::RwLock;
use std::collections::HashMap;

pub struct Timer {
    pub once: bool,
    pub delay: u64,
}

pub struct Registry {
    timers: RwLock<HashMap<usize, Timer>>,
}

impl Registry {
    pub fn fire(&self, token: usize) {
        let once = self.timers.read().get(&token).map(|t| t.once);
        debug!("timer {} fired", token);
        if once == Some(true) {
            self.timers.write().remove(&token);
        }
    }
}
