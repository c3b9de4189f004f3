// Three handlers each hold the registry's lock and call one helper that locks it again: one
// mistake in one place (the helper), reported once, with every caller listed.
use std::sync::Mutex;

pub struct Registry {
    names: Mutex<Vec<String>>,
}

impl Registry {
    fn count(&self) -> usize {
        self.names.lock().unwrap().len()
    }

    pub fn add(&self, n: String) {
        let mut names = self.names.lock().unwrap();
        names.push(n);
        log::info!("{} names", self.count());
    }

    pub fn remove(&self, n: &str) {
        let mut names = self.names.lock().unwrap();
        names.retain(|x| x != n);
        log::info!("{} names", self.count());
    }

    pub fn clear(&self) {
        let mut names = self.names.lock().unwrap();
        names.clear();
        log::info!("{} names", self.count());
    }
}
