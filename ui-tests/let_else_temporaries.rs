// `reload` keeps the state's guard in a variable (`state`), not in the `let`-`else`
// initializer: it is still held in the `else` block, whose restart locks the state again.
use parking_lot::Mutex;
use std::collections::HashMap;

pub struct HmrState {
    script_ids: HashMap<String, u32>,
    restarts: u32,
}

pub struct Runner {
    state: Mutex<HmrState>,
}

impl Runner {
    fn restart(&self) {
        self.state.lock().restarts += 1;
    }

    pub fn reload(&self, url: &str) -> Option<u32> {
        let state = self.state.lock();
        let Some(id) = state.script_ids.get(url).cloned() else {
            self.restart();
            return None;
        };
        Some(id)
    }
}
