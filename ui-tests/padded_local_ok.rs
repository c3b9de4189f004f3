// The clean twin of `padded_local.rs`: the guard is written through, not locked again.
use crossbeam_utils::CachePadded;
use std::sync::Mutex;

fn tally(items: &[u64]) -> u64 {
    let total = CachePadded::new(Mutex::new(0u64));
    for item in items {
        let mut sum = total.lock().unwrap();
        *sum += item;
        if *sum > 100 {
            *sum = 100;
        }
    }
    let result = *total.lock().unwrap();
    result
}

fn main() {
    println!("{}", tally(&[1, 2, 3]));
}
