// A node's info reads the environment, then the transaction order, then reads the environment
// again through a getter: one recursive read (a writer queued between the two reads blocks
// the second), not an order of the two locks in both directions.
use parking_lot::RwLock;
use std::sync::Arc;

pub struct Env {
    chain_id: u64,
    timestamp: u64,
}

pub struct Backend {
    env: Arc<RwLock<Env>>,
}

impl Backend {
    pub fn chain_id(&self) -> u64 {
        self.env.read().chain_id
    }

    pub fn set_timestamp(&self, t: u64) {
        self.env.write().timestamp = t;
    }
}

pub struct Api {
    backend: Backend,
    order: RwLock<bool>,
}

impl Api {
    pub fn node_info(&self) -> (u64, u64, bool) {
        let env = self.backend.env.read();
        let fifo = self.order.read();
        (env.timestamp, self.backend.chain_id(), *fifo)
    }

    pub fn set_order(&self, fifo: bool) {
        *self.order.write() = fifo;
    }
}
