// An element of a map behind a guard (`SESSIONS.write().get_mut(id)`) is a value of the map's
// element type: its method runs while the write guard of the `if let` scrutinee is alive, and
// reads the same lock.
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
    fn toggle(&mut self, option: String) {
        self.options.push(option);
        if clipboard_required() {
            self.options.clear();
        }
    }
}

pub fn toggle_option(id: u32, option: String) {
    if let Some(session) = SESSIONS.write().unwrap().get_mut(&id) {
        session.toggle(option);
    }
}
