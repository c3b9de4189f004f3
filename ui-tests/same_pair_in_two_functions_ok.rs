// The clean twin of `same_pair_in_two_functions`: `eq` returns early when both are one map
// and reads one map at a time; `extend` copies the other's relays before it locks its own.
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

#[derive(Clone)]
pub struct RelayMap {
    relays: Arc<RwLock<BTreeMap<String, u16>>>,
}

impl PartialEq for RelayMap {
    fn eq(&self, other: &Self) -> bool {
        if Arc::ptr_eq(&self.relays, &other.relays) {
            return true;
        }
        let this = self.relays.read().unwrap().clone();
        let that = other.relays.read().unwrap().clone();
        this == that
    }
}

impl RelayMap {
    pub fn extend(&self, other: &RelayMap) {
        let theirs = other.relays.read().unwrap().clone();
        self.relays.write().unwrap().extend(theirs);
    }
}
