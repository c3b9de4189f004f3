// Fixed: both threads lock the printer first. A guard held by the spawning thread is not held
// by the threads it spawns (and it is released before anyone is joined).
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let printer = Arc::new(Mutex::new(()));
    let camera = Arc::new(Mutex::new(()));

    let held_by_main = camera.lock().unwrap();
    let (p, c) = (Arc::clone(&printer), camera.clone());
    let a = thread::spawn(move || {
        let _p = p.lock().unwrap();
        let _c = c.lock().unwrap();
    });
    drop(held_by_main);
    a.join().unwrap();
    thread::scope(|s| {
        s.spawn(|| {
            let _p = printer.lock().unwrap();
        });
    });
}
