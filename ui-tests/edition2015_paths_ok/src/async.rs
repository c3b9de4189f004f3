// A module named with what is a keyword since 2018.
use types::Shared;

pub fn on_request(s: &Shared, id: u32) {
    let peers = s.peers.lock();
    let mut pending = s.pending.lock();
    if !peers.contains(&id) {
        pending.push(id);
    }
}
