// `add_disabled` reads the state itself only when it is not given it; `refresh` holds a read
// guard of the state and passes `None`, so the state is read-locked again under it, a recursive
// read that a queued writer (`set`) turns into a deadlock.
use parking_lot::RwLock;

pub struct Replicas {
    state: RwLock<Vec<u32>>,
    disabled: RwLock<Vec<u32>>,
}

impl Replicas {
    pub fn add_disabled(&self, state: Option<&Vec<u32>>, peer: u32) {
        let mut state_guard = None;
        let state = match state {
            Some(state) => state,
            None => state_guard.insert(self.state.read()),
        };
        if state.contains(&peer) {
            self.disabled.write().push(peer);
        }
    }

    pub fn refresh(&self, peer: u32) {
        let state = self.state.read();
        if !state.is_empty() {
            self.add_disabled(None, peer);
        }
    }

    pub fn set(&self, peers: Vec<u32>) {
        *self.state.write() = peers;
    }
}
