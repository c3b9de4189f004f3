// The directory reader's guard is held across the awaits of `next`, and `rewind` waits for the
// reader (`lock`): a task that rewinds on the executor thread while `next` is suspended blocks
// that thread.
use std::sync::Mutex;

pub struct ReadDir(Mutex<Vec<String>>);

async fn stat(name: String) -> String {
    name
}

impl ReadDir {
    pub async fn next(&self) -> Option<String> {
        let mut entries = self.0.try_lock().ok()?;
        let name = entries.pop()?;
        Some(stat(name).await)
    }

    pub fn rewind(&self, names: Vec<String>) {
        *self.0.lock().unwrap() = names;
    }
}
