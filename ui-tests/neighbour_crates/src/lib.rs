// Locks of a neighbour crate (a path dependency) are known here: the write guard of the `if let`
// scrutinee is alive while `connected()` reads the same lock in the other crate.
use netstore::Globals;

pub fn update(globals: &Globals, id: u64) {
    if let Some(peer) = globals.peers.write().iter_mut().find(|p| **p == id) {
        *peer += globals.connected() as u64;
    }
}
