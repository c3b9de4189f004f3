use types::Shared;

pub fn on_connect(s: &Shared, id: u32) {
    let mut peers = s.peers.lock();
    let mut pending = s.pending.lock();
    pending.retain(|p| *p != id);
    peers.push(id);
}
