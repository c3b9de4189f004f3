// A module named with what is a keyword since 2018.
use types::Shared;

pub fn on_request(s: &Shared, id: u32) {
    let mut pending = s.pending.lock();
    if !s.peers.lock().contains(&id) {
        pending.push(id);
    }
}
