// The clean twin of `fields_of_one_type`: two fields of one struct, of the same lock type, always
// nested in the order the code names them.
use std::sync::Mutex;

pub struct HalfLock<T> {
    write_mutex: Mutex<()>,
    value: T,
}

impl<T> HalfLock<T> {
    pub fn write(&self) -> std::sync::MutexGuard<'_, ()> {
        self.write_mutex.lock().unwrap()
    }
}

pub struct Globals {
    data: HalfLock<u64>,
    fallback: HalfLock<u64>,
}

impl Globals {
    pub fn register(&self) -> u64 {
        let _data = self.data.write();
        let _fallback = self.fallback.write();
        self.data.value + self.fallback.value
    }
}
