//@ edition: 2015
// Edition 2015 code that syn rejects as a whole (an anonymous parameter in a trait method) costs
// only that item, which is named: the rest of the file is analyzed, and its cycle reported.
use std::sync::Mutex;

trait Handler {
    fn on_event(&self, u8);
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
        let _t = self.timers.lock().unwrap();
        let _h = self.handlers.lock().unwrap();
    }
}
