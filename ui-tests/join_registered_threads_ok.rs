// Threads register their handles in a lazily made global list; at exit the list's lock is held
// while each is joined. The code shows nothing of those threads here (they register
// themselves), so by default the wait is not reported; `unseen-wakers = "warn"` reports it.
use std::sync::{LazyLock, Mutex};
use std::thread::JoinHandle;

struct Handles {
    threads: Vec<(String, JoinHandle<()>)>,
}

static HANDLES: LazyLock<Mutex<Handles>> = LazyLock::new(|| {
    Mutex::new(Handles {
        threads: Vec::new(),
    })
});

pub fn register(name: String, handle: JoinHandle<()>) {
    HANDLES.lock().unwrap().threads.push((name, handle));
}

pub fn wait_all() {
    let mut handles = HANDLES.lock().unwrap();
    for (name, handle) in handles.threads.drain(..) {
        if handle.join().is_err() {
            eprintln!("{name} panicked");
        }
    }
}
