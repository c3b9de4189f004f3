// The same cleanup, run through `catch_unwind`, which calls it at once: it locks the memory
// `init` still holds.
use std::sync::Mutex;

static SHMEM: Mutex<Option<Vec<u8>>> = Mutex::new(None);

fn drop_shared_memory() {
    SHMEM.lock().unwrap().take();
}

pub fn init(size: usize) {
    let mut shmem = SHMEM.lock().unwrap();
    *shmem = Some(vec![0; size]);
    let _ = std::panic::catch_unwind(drop_shared_memory);
}
