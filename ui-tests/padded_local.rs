// A lock made in a function inside a padding wrapper (`CachePadded::new(Mutex::new(..))`) is
// the same lock as without the wrapper: locking it twice on one thread waits for itself.
use crossbeam_utils::CachePadded;
use std::sync::Mutex;

fn tally(items: &[u64]) -> u64 {
    let total = CachePadded::new(Mutex::new(0u64));
    for item in items {
        let mut sum = total.lock().unwrap();
        *sum += item;
        if *sum > 100 {
            *total.lock().unwrap() = 100;
        }
    }
    let result = *total.lock().unwrap();
    result
}

fn main() {
    println!("{}", tally(&[1, 2, 3]));
}
