// The fields of a structured logging macro are expressions evaluated where it stands:
// `self.lowest()` runs while the read guard of `blocks` is alive, and reads it again.
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
        let blocks = self.blocks.read();
        blocks.iter().copied().find(|b| *b >= at).or_else(|| {
            error!(self.log, "no block to vote for"; "lowest" => self.lowest(), "at" => at);
            None
        })
    }
}
