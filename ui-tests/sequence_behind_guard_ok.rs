// The clean twin of `sequence_behind_guard`: what the session needs is computed before the
// write guard is taken, and its method does not lock.
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

pub struct Session {
    options: Vec<String>,
}

static SESSIONS: LazyLock<RwLock<HashMap<u32, Session>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

fn clipboard_required() -> bool {
    SESSIONS.read().unwrap().values().any(|s| s.options.is_empty())
}

impl Session {
    fn toggle(&mut self, option: String, clear: bool) {
        self.options.push(option);
        if clear {
            self.options.clear();
        }
    }
}

pub fn toggle_option(id: u32, option: String) {
    let clear = clipboard_required();
    if let Some(session) = SESSIONS.write().unwrap().get_mut(&id) {
        session.toggle(option, clear);
    }
}
