// Fixed: read guards end before writing; parking_lot's read_recursive may re-read; the
// upgradable guard is upgraded instead of locking again.
use parking_lot::{RwLock, RwLockUpgradableReadGuard};

struct Config {
    values: std::sync::RwLock<Vec<String>>,
    limits: RwLock<u32>,
}

impl Config {
    fn set_default(&self) {
        let empty = self.values.read().unwrap().is_empty();
        if empty {
            self.values.write().unwrap().push("default".into());
        }
    }

    fn count(&self) -> u32 {
        *self.limits.read_recursive()
    }

    fn describe(&self) -> String {
        let limit = self.limits.read_recursive();
        format!("{} / {}", self.count(), *limit)
    }

    fn raise(&self) {
        let limit = self.limits.upgradable_read();
        if *limit < 10 {
            let mut limit = RwLockUpgradableReadGuard::upgrade(limit);
            *limit = 10;
        }
    }
}
