// `session.send_files(..)` calls a method that takes `self` (here the trait's), never the
// associated function of the same name: the trait method reads `SESSION` while it is
// write-held.
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
        let open = SESSION.read().unwrap().is_some();
        self.files.push(format!("{id}/{open}"));
    }
}
