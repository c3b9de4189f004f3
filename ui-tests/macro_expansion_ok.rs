// The clean twin of `macro_expansion`: the ids are collected before the loop, so no read guard
// is alive when a client is removed.
use std::collections::HashMap;
use std::sync::RwLock;

pub struct State {
    clients: HashMap<u32, String>,
}

impl State {
    fn remove(&mut self, id: u32) {
        self.clients.remove(&id);
    }
}

fn send(_id: u32, _msg: &str) -> Result<(), String> {
    Ok(())
}

macro_rules! remove_client {
    ($id:expr, $state:expr) => {
        $state.write().unwrap().remove($id);
    };
}

macro_rules! send_or_drop {
    ($id:expr, $msg:expr, $state:expr) => {
        if send($id, $msg).is_err() {
            remove_client!($id, $state);
        }
    };
}

pub fn broadcast(state: &RwLock<State>, msg: &str) {
    let ids: Vec<u32> = state.read().unwrap().clients.keys().copied().collect();
    for id in ids {
        send_or_drop!(id, msg, state);
    }
}
