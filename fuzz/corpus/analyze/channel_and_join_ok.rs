// Fixed: the guard is released before blocking; a thread's own locks are not held by the
// thread that spawned it.
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

fn receive_while_holding(state: Arc<Mutex<Vec<u32>>>) -> u32 {
    let (tx, rx) = mpsc::channel();
    let worker_state = Arc::clone(&state);
    thread::spawn(move || {
        let n = worker_state.lock().unwrap().len() as u32;
        tx.send(n).unwrap();
    });
    let snapshot = state.lock().unwrap().clone();
    let n = rx.recv().unwrap();
    n + snapshot.len() as u32
}

fn join_while_holding() {
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let worker_log = log.clone();
    let worker = thread::spawn(move || {
        worker_log.lock().unwrap().push("done".into());
    });
    {
        let _log = log.lock().unwrap();
    }
    worker.join().unwrap();
}
