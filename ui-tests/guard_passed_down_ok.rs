// The caller that holds the state passes it down (`Some(&state)`, `Some(remotes)`): the callee
// reads the state itself only on the `None` path, which this call does not take. No double lock.
use parking_lot::{RwLock, RwLockReadGuard};

pub struct Replicas {
    state: RwLock<Vec<u32>>,
    remotes: RwLock<Vec<u32>>,
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
            self.add_disabled(Some(&state), peer);
        }
    }

    fn read_cluster(&self, remotes: Option<RwLockReadGuard<'_, Vec<u32>>>) -> usize {
        let remotes = if let Some(remotes) = remotes {
            remotes
        } else {
            self.remotes.read()
        };
        remotes.len()
    }

    pub fn read_all(&self) -> usize {
        let remotes = self.remotes.read();
        if remotes.is_empty() {
            return 0;
        }
        self.read_cluster(Some(remotes))
    }

    pub fn set(&self, peers: Vec<u32>) {
        *self.state.write() = peers;
        *self.remotes.write() = Vec::new();
    }
}
