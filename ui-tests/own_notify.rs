// A step hands a worker its turn (`notify_all`) and waits until it yields: that notify is the
// step's own, it wakes the worker, not the step. What ends the wait is the worker's
// `yield_now`, and the worker (`work`) takes the registry that `tick` holds before it yields.
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
    pub fn tick(&self) {
        let registry = self.registry.lock().unwrap();
        for w in registry.iter() {
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
