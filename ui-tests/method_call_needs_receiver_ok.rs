// The clean twin of `method_call_needs_receiver`: the trait method does not lock, and the
// associated function that does is not what `session.send_files(..)` calls.
use std::sync::RwLock;

pub struct Session {
    files: Vec<String>,
}

static SESSION: RwLock<Option<Session>> = RwLock::new(None);

pub trait Transfer {
    fn send_files(&mut self, id: usize);
}

impl Session {
    pub fn send_files(id: usize) {
        if let Some(session) = SESSION.write().unwrap().as_mut() {
            session.send_files(id);
        }
    }
}

impl Transfer for Session {
    fn send_files(&mut self, id: usize) {
        self.files.push(id.to_string());
    }
}
