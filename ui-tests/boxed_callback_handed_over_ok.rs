// The clean twin of `boxed_callback_handed_over`: the callback takes one lock at a time; and a
// wait for the regions it sends, while holding the progress lock, ends: the callback, the only
// sender, takes no lock held there.
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

pub struct Regions {
    index: Arc<Mutex<Vec<u64>>>,
    stats: Arc<Mutex<u64>>,
    progress: Mutex<u64>,
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
                index.lock().unwrap().extend_from_slice(found);
                *stats.lock().unwrap() += found.len() as u64;
            }),
        );
    }

    pub fn refresh(&self) {
        let stats = self.stats.lock().unwrap();
        let index = self.index.lock().unwrap();
        println!("{} {}", *stats, index.len());
    }

    pub fn next_batch(&self, provider: &dyn Provider) -> Vec<u64> {
        let mut progress = self.progress.lock().unwrap();
        let (tx, rx) = mpsc::channel();
        provider.seek(
            *progress,
            Box::new(move |found| {
                let _ = tx.send(found.to_vec());
            }),
        );
        let batch = rx.recv().unwrap_or_default();
        *progress += batch.len() as u64;
        batch
    }
}
