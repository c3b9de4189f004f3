// The helper reads the data it is given, under the callers' guard: no second lock.
use std::sync::Mutex;

pub struct Registry {
    names: Mutex<Vec<String>>,
}

fn count(names: &[String]) -> usize {
    names.len()
}

impl Registry {
    pub fn add(&self, n: String) {
        let mut names = self.names.lock().unwrap();
        names.push(n);
        log::info!("{} names", count(&names));
    }

    pub fn remove(&self, n: &str) {
        let mut names = self.names.lock().unwrap();
        names.retain(|x| x != n);
        log::info!("{} names", count(&names));
    }

    pub fn clear(&self) {
        let mut names = self.names.lock().unwrap();
        names.clear();
        log::info!("{} names", count(&names));
    }
}
