// Edition 2015 (no `edition` key): `use` paths start at the crate root, and an `extern crate`
// with a rename names the crate. `Shared`'s two locks are taken in both orders.
extern crate parking_lot as sync;

pub mod types;
pub mod service;
pub mod async;
