// Function-local locks shared with spawned threads through `Arc::clone` and `.clone()`.
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let printer = Arc::new(Mutex::new(()));
    let camera = Arc::new(Mutex::new(()));

    let (p, c) = (Arc::clone(&printer), camera.clone());
    let a = thread::spawn(move || {
        let _p = p.lock().unwrap();
        let _c = c.lock().unwrap();
    });

    let b = thread::spawn(move || {
        let _c = camera.lock().unwrap();
        let _p = printer.lock().unwrap();
    });
    a.join().unwrap();
    b.join().unwrap();
}
