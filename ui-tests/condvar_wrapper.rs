// A project's own condvar wraps std's and hands on the guard it is given. The worker also holds
// the pool's log while it waits, and the spawner writes the log before it notifies: the wait
// releases the state, not the log, so the spawner never gets to notify.
use std::sync::{Arc, Condvar as StdCondvar, Mutex as StdMutex, MutexGuard, WaitTimeoutResult};
use std::time::Duration;

pub struct Mutex<T> {
    std: StdMutex<T>,
}

impl<T> Mutex<T> {
    pub fn lock(&self) -> MutexGuard<T> {
        match self.std.lock() {
            Ok(guard) => guard,
            Err(_) => panic!("mutex is poisoned"),
        }
    }
}

pub struct Condvar {
    std: StdCondvar,
}

impl Condvar {
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        dur: Duration,
    ) -> (MutexGuard<'a, T>, WaitTimeoutResult) {
        self.std.wait_timeout(guard, dur).expect("condvar is poisoned")
    }

    pub fn notify_one(&self) {
        self.std.notify_one();
    }
}

struct State {
    jobs: Vec<u32>,
    idle: usize,
}

struct Inner {
    log: Mutex<Vec<String>>,
    state: Mutex<State>,
    condvar: Condvar,
}

pub struct Pool {
    inner: Arc<Inner>,
}

impl Inner {
    fn run(&self) {
        let mut log = self.log.lock();
        let mut state = self.state.lock();
        loop {
            if let Some(job) = state.jobs.pop() {
                drop(state);
                println!("{job}");
                state = self.state.lock();
                continue;
            }
            log.push("idle".to_string());
            state.idle += 1;
            let (guard, _timeout) = self.condvar.wait_timeout(state, Duration::from_secs(1));
            state = guard;
            state.idle -= 1;
        }
    }
}

impl Pool {
    pub fn start(&self) {
        let inner = self.inner.clone();
        std::thread::spawn(move || inner.run());
    }

    pub fn spawn(&self, job: u32) {
        self.inner.log.lock().push(format!("job {job}"));
        let mut state = self.inner.state.lock();
        state.jobs.push(job);
        self.inner.condvar.notify_one();
    }
}
