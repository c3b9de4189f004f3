// `join!` awaits the futures it is given where it stands: their bodies run there, under what
// the caller holds, as at an `.await`.
use std::sync::Mutex;

pub struct Peers {
    table: Mutex<Vec<u32>>,
    journal: Mutex<Vec<u32>>,
}

impl Peers {
    async fn flush_journal(&self) {
        self.journal.lock().unwrap().clear();
    }

    async fn count(&self) -> usize {
        self.table.lock().unwrap().len()
    }

    pub async fn sync(&self) {
        let journal = self.journal.lock().unwrap();
        let (_, n) = tokio::join!(self.flush_journal(), self.count());
        drop(journal);
        let _ = n;
    }
}
