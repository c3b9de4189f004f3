// The crate's own `macro_rules!` macros are expanded where they are called: `send_or_drop!`
// expands `remove_client!`, which write-locks the state whose read guard the `for` head holds.
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
    for id in state.read().unwrap().clients.keys() {
        send_or_drop!(*id, msg, state);
    }
}
