// `state()` hands out the sync state a field keeps (`&self.state`): what is read through it is
// that field's lock. Fetching holds the best header's read guard and reads it again through the
// same getter to time the sync: one lock read twice, a deadlock once a writer queues between.
use parking_lot::{RwLock, RwLockReadGuard};
use std::sync::Arc;

pub struct SyncState {
    shared_best_header: RwLock<u64>,
    known_txs: RwLock<Vec<u64>>,
}

impl SyncState {
    pub fn shared_best_header(&self) -> u64 {
        *self.shared_best_header.read()
    }

    pub fn shared_best_header_ref(&self) -> RwLockReadGuard<'_, u64> {
        self.shared_best_header.read()
    }

    pub fn may_set_shared_best_header(&self, header: u64) {
        *self.shared_best_header.write() = header;
        self.known_txs.write().clear();
    }
}

pub struct SyncShared {
    state: Arc<SyncState>,
}

impl SyncShared {
    pub fn state(&self) -> &SyncState {
        &self.state
    }
}

pub struct BlockFetcher {
    sync_shared: Arc<SyncShared>,
    start: u64,
}

impl BlockFetcher {
    fn time_to_tip(&self) -> u64 {
        self.sync_shared.state().shared_best_header() - self.start
    }

    pub fn process_fetch(&self) -> u64 {
        let state = self.sync_shared.state();
        let best_known = state.shared_best_header_ref();
        *best_known + self.time_to_tip()
    }
}
