//@ edition: 2015
// The clean twin of `edition2015_items`, which syn reads whole: one lock order.
use std::sync::Mutex;

trait Handler {
    fn on_event(&self, event: u8);
}

pub struct Io {
    timers: Mutex<Vec<u64>>,
    handlers: Mutex<Vec<u64>>,
}

impl Io {
    pub fn register(&self) {
        let _h = self.handlers.lock().unwrap();
        let _t = self.timers.lock().unwrap();
    }

    pub fn timeout(&self) {
        let _h = self.handlers.lock().unwrap();
        let _t = self.timers.lock().unwrap();
    }
}
