// A logging crate's glob import does not bring the names of other crates: `parking_lot` below is
// the dependency, and `timers` a parking_lot lock, read-held while the one-shot timer is removed.
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
        if let Some(timer) = self.timers.read().get(&token) {
            debug!("timer {} fired", token);
            if timer.once {
                self.timers.write().remove(&token);
            }
        }
    }
}
