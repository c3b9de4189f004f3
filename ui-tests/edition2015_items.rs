//@ edition: 2015
// Edition 2015 code that today's syntax rejects: a bare trait object (`Box<Fn(u8) + Send>`),
// an anonymous parameter in a trait method, `async` and `try` as identifiers. Each is read as
// what it means now, so the struct's locks are known and the cycle between them is reported.
// An item that does not parse in any edition costs only itself, and is named.
use std::sync::Mutex;

trait Handler {
    fn on_event(&self, u8);
}

pub struct Io {
    callbacks: Mutex<Vec<Box<Fn(u8) + Send>>>,
    timers: Mutex<Vec<u64>>,
}

struct Broken {
    field: ,
}

impl Io {
    pub fn async(&self) -> Result<usize, String> {
        let callbacks = self.callbacks.lock().unwrap();
        let timers = try!(self.timers.lock().map_err(|e| e.to_string()));
        Ok(callbacks.len() + timers.len())
    }

    pub fn timeout(&self) {
        let _t = self.timers.lock().unwrap();
        let callbacks = self.callbacks.lock().unwrap();
        for c in callbacks.iter() {
            c(0);
        }
    }
}
