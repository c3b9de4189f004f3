// Blocking on a channel or a join while holding a lock the other thread needs first.
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
    let _guard = state.lock().unwrap();
    rx.recv().unwrap()
}

fn join_while_holding() {
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let worker_log = log.clone();
    let worker = thread::spawn(move || {
        worker_log.lock().unwrap().push("done".into());
    });
    let _log = log.lock().unwrap();
    worker.join().unwrap();
}

struct Pipeline {
    stats: Mutex<u64>,
    results: mpsc::Receiver<u64>,
}

impl Pipeline {
    fn collect(&self) -> u64 {
        let mut stats = self.stats.lock().unwrap();
        let mut total = 0;
        for r in self.results.iter() {
            total += r;
            *stats += 1;
        }
        thread::park();
        total
    }
}
