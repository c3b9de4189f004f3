// The same turns, with the registry read and released before the workers are stepped: nothing
// is held while a step waits for its worker to yield.
use std::sync::{Condvar, Mutex};

pub struct Worker {
    status: Mutex<bool>,
    turn: Condvar,
}

impl Worker {
    /// Hands the worker its turn and waits until it yields.
    pub fn step(&self) {
        let mut running = self.status.lock().unwrap();
        *running = true;
        self.turn.notify_all();
        while *running {
            running = self.turn.wait(running).unwrap();
        }
    }

    /// Called by the worker: gives the turn back.
    pub fn yield_now(&self) {
        let mut running = self.status.lock().unwrap();
        *running = false;
        self.turn.notify_all();
        while !*running {
            running = self.turn.wait(running).unwrap();
        }
    }
}

pub struct Sim {
    registry: Mutex<Vec<Worker>>,
}

impl Sim {
    pub fn tick(&self, workers: &[Worker]) {
        let due = self.registry.lock().unwrap().len();
        for w in workers.iter().take(due) {
            w.step();
        }
    }

    pub fn work(&self, w: &Worker) {
        let n = self.registry.lock().unwrap().len();
        if n > 0 {
            w.yield_now();
        }
    }
}
