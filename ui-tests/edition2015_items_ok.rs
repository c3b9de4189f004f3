//@ edition: 2015
// The clean twin of `edition2015_items`: the same edition 2015 code, one lock order.
use std::sync::Mutex;

trait Handler {
    fn on_event(&self, u8);
}

pub struct Io {
    callbacks: Mutex<Vec<Box<Fn(u8) + Send>>>,
    timers: Mutex<Vec<u64>>,
}

impl Io {
    pub fn async(&self) -> Result<usize, String> {
        let callbacks = self.callbacks.lock().unwrap();
        let timers = try!(self.timers.lock().map_err(|e| e.to_string()));
        Ok(callbacks.len() + timers.len())
    }

    pub fn timeout(&self) {
        let callbacks = self.callbacks.lock().unwrap();
        let _t = self.timers.lock().unwrap();
        for c in callbacks.iter() {
            c(0);
        }
    }
}
