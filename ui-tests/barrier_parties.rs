// The starter meets its threads at a barrier while it holds the registry, and each thread
// registers itself (takes the registry) before it arrives: none can arrive, the barrier never
// opens.
use std::sync::{Arc, Barrier, Mutex};

static REGISTRY: Mutex<Vec<usize>> = Mutex::new(Vec::new());

pub fn start(n: usize) {
    let barrier = Arc::new(Barrier::new(n + 1));
    for id in 0..n {
        let b = barrier.clone();
        std::thread::spawn(move || {
            REGISTRY.lock().unwrap().push(id);
            b.wait();
        });
    }
    let registered = REGISTRY.lock().unwrap();
    barrier.wait();
    drop(registered);
}
