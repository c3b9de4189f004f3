// One cause, two places: `eq` reads the relays of `self` and `other` one inside the other, and
// `extend` write-locks its own while it reads the other's. The finding shows the first and
// lists the second; since `extend` writes, it is not only a matter of queued writers.
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

#[derive(Clone)]
pub struct RelayMap {
    relays: Arc<RwLock<BTreeMap<String, u16>>>,
}

impl PartialEq for RelayMap {
    fn eq(&self, other: &Self) -> bool {
        let this = self.relays.read().unwrap();
        let that = other.relays.read().unwrap();
        *this == *that
    }
}

impl RelayMap {
    pub fn extend(&self, other: &RelayMap) {
        let mut mine = self.relays.write().unwrap();
        let theirs = other.relays.read().unwrap();
        mine.extend(theirs.iter().map(|(k, v)| (k.clone(), *v)));
    }
}
