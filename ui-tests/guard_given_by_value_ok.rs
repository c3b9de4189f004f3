// `fill_in` is given the timeline's write guard by value and drops it before it reads the
// timeline again (the network request in between must not hold the lock): the caller no longer
// holds it either, so nothing is locked twice.
use std::sync::{RwLock, RwLockWriteGuard};

pub struct State {
    items: Vec<u32>,
}

pub struct Timeline {
    state: RwLock<State>,
}

fn fill_in(mut guard: RwLockWriteGuard<'_, State>, lock: &RwLock<State>, index: usize) -> u32 {
    guard.items[index] = 0;
    drop(guard);
    let state = lock.read().unwrap();
    state.items.len() as u32
}

impl Timeline {
    pub fn fetch_details(&self, index: usize) -> u32 {
        let guard = self.state.write().unwrap();
        if guard.items.len() <= index {
            return 0;
        }
        fill_in(guard, &self.state, index)
    }
}
