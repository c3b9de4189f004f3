use lockorder::lock_order;

#[lock_order(level = 1)]
fn not_a_lock() {}

fn main() {}
