// The same alias, and the length read before the entries are locked.
use std::sync::{Mutex, MutexGuard};

pub type Result<T> = std::result::Result<T, String>;

pub struct Cache {
    name: String,
    entries: Mutex<Vec<u32>>,
}

impl Cache {
    fn entries(&self) -> Result<MutexGuard<'_, Vec<u32>>> {
        self.entries.lock().map_err(|e| format!("{}: {e}", self.name))
    }

    fn len(&self) -> Result<usize> {
        Ok(self.entries()?.len())
    }

    pub fn refill(&self) -> Result<()> {
        let n = self.len()?;
        let mut entries = self.entries()?;
        if entries.is_empty() {
            entries.push(n as u32);
        }
        Ok(())
    }
}
