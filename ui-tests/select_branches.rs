// `tokio::select!` polls the futures of its branches together, then runs the handler of the one
// that is ready: the select is an await (a std guard alive across it is held while the task is
// suspended), and each handler runs after it, with whatever the task still holds.
use std::sync::Mutex;
use tokio::sync::mpsc::Receiver;
use tokio::time::{sleep, Duration};

pub struct Relay {
    seen: Mutex<u64>,
    log: Mutex<Vec<String>>,
}

impl Relay {
    fn note(&self, line: String) {
        self.log.lock().unwrap().push(line);
    }

    pub async fn pump(&self, rx: &mut Receiver<String>) {
        let mut seen = self.seen.lock().unwrap();
        tokio::select! {
            Some(line) = rx.recv() => {
                *seen += 1;
                self.note(line);
            }
            _ = sleep(Duration::from_secs(1)) => {}
        }
    }

    pub fn count(&self) -> u64 {
        let log = self.log.lock().unwrap();
        let seen = *self.seen.lock().unwrap();
        seen + log.len() as u64
    }
}
