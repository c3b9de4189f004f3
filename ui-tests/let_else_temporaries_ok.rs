// The state's guard is a temporary of the `let`-`else` initializer: it is dropped before the
// `else` block runs (as rustc does since let-else exists), so the restart there takes the
// state's lock afresh. And where a failed `try_lock` is matched, the `else` block holds nothing.
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
        let Some(id) = self.state.lock().script_ids.get(url).cloned() else {
            self.restart();
            return None;
        };
        Some(id)
    }

    pub fn try_reload(&self) -> u32 {
        let attempt = self.state.try_lock();
        let Some(mut state) = attempt else {
            self.restart();
            return 0;
        };
        state.restarts += 1;
        state.restarts
    }
}
