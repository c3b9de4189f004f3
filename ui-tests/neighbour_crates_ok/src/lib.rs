// The clean twin of `neighbour_crates`: the count is read before the write guard is taken.
// (The neighbour's own double lock stays unreported: it does not touch this crate.)
use netstore::Globals;

pub fn update(globals: &Globals, id: u64) {
    let connected = globals.connected() as u64;
    if let Some(peer) = globals.peers.write().iter_mut().find(|p| **p == id) {
        *peer += connected;
    }
}
