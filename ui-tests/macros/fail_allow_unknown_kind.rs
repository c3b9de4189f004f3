use lockorder::lock_order;

#[lock_order(allow(dead-lock), reason = "typo")]
fn f() {}

fn main() {}
