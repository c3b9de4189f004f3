// The clean twin of `logging_macro_fields`: the guard is gone before the message is logged.
use parking_lot::RwLock;
use slog::{error, Logger};

pub struct Cache {
    blocks: RwLock<Vec<u64>>,
    log: Logger,
}

impl Cache {
    fn lowest(&self) -> Option<u64> {
        self.blocks.read().first().copied()
    }

    pub fn vote(&self, at: u64) -> Option<u64> {
        let found = self.blocks.read().iter().copied().find(|b| *b >= at);
        if found.is_none() {
            error!(self.log, "no block to vote for"; "lowest" => self.lowest(), "at" => at);
        }
        found
    }
}
