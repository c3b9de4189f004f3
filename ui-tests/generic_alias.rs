// A crate's own `Result<T>` alias around a guard: the guard is still a guard of the lock, and
// the helper that hands it out holds it for the caller. Here the caller takes it again while
// it holds it.
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
        let mut entries = self.entries()?;
        if entries.is_empty() {
            let n = self.len()?;
            entries.push(n as u32);
        }
        Ok(())
    }
}
