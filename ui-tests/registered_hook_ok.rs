// Setting up shared memory under its lock, the client registers a cleanup to run at exit. The
// cleanup takes the same lock, but `add_shutdown_hook` (another crate's function) keeps it for
// later: it does not run while `init` holds the lock.
use std::sync::Mutex;

static SHMEM: Mutex<Option<Vec<u8>>> = Mutex::new(None);

fn drop_shared_memory() {
    SHMEM.lock().unwrap().take();
}

pub fn init(size: usize) {
    let mut shmem = SHMEM.lock().unwrap();
    *shmem = Some(vec![0; size]);
    shutdown_hooks::add_shutdown_hook(drop_shared_memory);
}
