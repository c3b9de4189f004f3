// `get_or_permit` hands back the cell's guard when the value is there (`Ok`); the `Ok` arm
// calls `set`, which locks the cell again while that guard lives.
use std::sync::atomic::AtomicUsize;
use std::sync::{Mutex, MutexGuard};

pub struct Permit;

pub struct Cell {
    inner: Mutex<Option<u32>>,
    initializers: AtomicUsize,
}

impl Cell {
    pub fn get_or_permit(&self) -> Result<MutexGuard<'_, Option<u32>>, Permit> {
        let guard = self.inner.lock().unwrap();
        if guard.is_some() {
            return Ok(guard);
        }
        Err(Permit)
    }

    pub fn set(&self, value: u32, _permit: Permit) {
        *self.inner.lock().unwrap() = Some(value);
    }
}

pub fn refresh(cell: &Cell) -> u32 {
    match cell.get_or_permit() {
        Ok(guard) => {
            let value = guard.unwrap_or(0);
            cell.set(value + 1, Permit);
            value
        }
        Err(permit) => {
            cell.set(1, permit);
            1
        }
    }
}
