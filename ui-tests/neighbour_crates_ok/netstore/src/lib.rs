// A path dependency of `app`, read as context: its types and the bodies `app` reaches are
// known. Its own double lock below is not reported: only findings that touch `app` are.
use parking_lot::RwLock;

pub struct Globals {
    pub peers: RwLock<Vec<u64>>,
}

impl Globals {
    pub fn connected(&self) -> usize {
        self.peers.read().len()
    }

    pub fn prune(&self) {
        let peers = self.peers.write();
        if peers.len() > self.connected() {
            drop(peers);
        }
    }
}
