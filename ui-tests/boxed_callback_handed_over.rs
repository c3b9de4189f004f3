// A callback boxed into a call's argument runs later, on whatever thread the callee hands it
// to: its own locking still counts. `on_region` locks the index, then the stats; `refresh`
// takes them the other way round.
use std::sync::{Arc, Mutex};

pub struct Regions {
    index: Arc<Mutex<Vec<u64>>>,
    stats: Arc<Mutex<u64>>,
}

pub trait Provider {
    fn seek(&self, from: u64, callback: Box<dyn FnOnce(&[u64]) + Send>);
}

impl Regions {
    pub fn on_region(&self, provider: &dyn Provider) {
        let index = self.index.clone();
        let stats = self.stats.clone();
        provider.seek(
            0,
            Box::new(move |found| {
                let mut index = index.lock().unwrap();
                index.extend_from_slice(found);
                *stats.lock().unwrap() += found.len() as u64;
            }),
        );
    }

    pub fn refresh(&self) {
        let stats = self.stats.lock().unwrap();
        let index = self.index.lock().unwrap();
        println!("{} {}", *stats, index.len());
    }
}
