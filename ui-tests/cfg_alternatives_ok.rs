// Statements under complementary `cfg`s are alternatives: only one is compiled, so the lock is
// taken once (seen in futures-util).
use std::sync::Mutex;

struct Notifier {
    wakers: Mutex<Vec<u32>>,
}

impl Notifier {
    fn record(&self) {
        #[cfg(feature = "std")]
        let mut guard = self.wakers.lock().unwrap();
        #[cfg(not(feature = "std"))]
        let mut guard = self.wakers.lock().unwrap();
        guard.push(1);
    }
}
