// RwLock: write while read-held (upgrade), read twice (a queued writer deadlocks it), and
// parking_lot's upgradable read followed by a plain write.
use std::sync::RwLock;

struct Config {
    values: RwLock<Vec<String>>,
    limits: parking_lot::RwLock<u32>,
}

impl Config {
    fn set_default(&self) {
        let values = self.values.read().unwrap();
        if values.is_empty() {
            self.values.write().unwrap().push("default".into());
        }
    }

    fn count(&self) -> usize {
        self.values.read().unwrap().len()
    }

    fn describe(&self) -> String {
        let values = self.values.read().unwrap();
        format!("{} values: {:?}", self.count(), *values)
    }

    fn raise(&self) {
        let limit = self.limits.upgradable_read();
        if *limit < 10 {
            *self.limits.write() = 10;
        }
    }
}
