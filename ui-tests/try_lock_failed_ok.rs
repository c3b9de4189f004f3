// A failed try-lock holds nothing: waiting for the lock in the `Err`/`None` arm, a catch-all arm
// after the success arm, the `else` of `if let Ok(..)`, or a `let ... else` is fine (seen in moka).
use std::sync::{Mutex, TryLockError};

struct Table {
    rehash_lock: Mutex<()>,
    pl_lock: parking_lot::Mutex<()>,
}

impl Table {
    fn rehash(&self) -> Option<()> {
        let _lock = match self.rehash_lock.try_lock() {
            Ok(lk) => lk,
            Err(TryLockError::WouldBlock) => {
                std::mem::drop(self.rehash_lock.lock());
                return None;
            }
            Err(e @ TryLockError::Poisoned(_)) => panic!("{e:?}"),
        };
        Some(())
    }

    fn parking(&self) {
        match self.pl_lock.try_lock() {
            Some(_g) => {}
            _ => drop(self.pl_lock.lock()),
        }
        if let Some(_g) = self.pl_lock.try_lock() {
        } else {
            let _wait = self.pl_lock.lock();
        }
    }

    fn let_else(&self) {
        let Some(_g) = self.pl_lock.try_lock() else {
            let _wait = self.pl_lock.lock();
            return;
        };
    }
}
