// `fill_in` is given the timeline's write guard by value and still holds it when it reads the
// timeline again through the lock it is also given: a double lock.
use std::sync::{RwLock, RwLockWriteGuard};

pub struct State {
    items: Vec<u32>,
}

pub struct Timeline {
    state: RwLock<State>,
}

fn fill_in(mut guard: RwLockWriteGuard<'_, State>, lock: &RwLock<State>, index: usize) -> u32 {
    guard.items[index] = 0;
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
