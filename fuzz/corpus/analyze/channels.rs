//! Blocking on another thread while holding the lock it needs: a channel receive whose sender
//! must lock first, and a join of a thread that must lock first.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

pub mod buggy {
    use super::*;

    pub fn request_count(jobs: Arc<Mutex<Vec<u32>>>) -> usize {
        let (tx, rx) = mpsc::channel();
        let worker_jobs = Arc::clone(&jobs);
        thread::spawn(move || {
            let n = worker_jobs.lock().unwrap().len();
            tx.send(n).unwrap();
        });
        let _jobs = jobs.lock().unwrap();
        rx.recv().unwrap()
    }

    pub fn finish(log: Arc<Mutex<Vec<String>>>) {
        let worker_log = Arc::clone(&log);
        let worker = thread::spawn(move || {
            worker_log.lock().unwrap().push("worker done".into());
        });
        let mut log = log.lock().unwrap();
        log.push("waiting".into());
        worker.join().unwrap();
    }
}

pub mod fixed {
    use super::*;

    pub fn request_count(jobs: Arc<Mutex<Vec<u32>>>) -> usize {
        let (tx, rx) = mpsc::channel();
        let worker_jobs = Arc::clone(&jobs);
        thread::spawn(move || {
            let n = worker_jobs.lock().unwrap().len();
            tx.send(n).unwrap();
        });
        rx.recv().unwrap()
    }

    pub fn finish(log: Arc<Mutex<Vec<String>>>) {
        let worker_log = Arc::clone(&log);
        let worker = thread::spawn(move || {
            worker_log.lock().unwrap().push("worker done".into());
        });
        log.lock().unwrap().push("waiting".into());
        worker.join().unwrap();
    }
}
