// Two instances of one lock type whose order is decided at run time (`from` and `to`) are a
// cycle with themselves; two fields of one struct (`data`, `fallback`) named in the code are not
// (`fields_of_one_type_ok.rs`).
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

pub fn transfer(from: &HalfLock<u64>, to: &HalfLock<u64>) -> u64 {
    let _f = from.write();
    let _t = to.write();
    from.value + to.value
}
