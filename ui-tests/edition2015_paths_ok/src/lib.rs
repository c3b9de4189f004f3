// The clean twin of `edition2015_paths`: both functions take `peers` before `pending`.
extern crate parking_lot as sync;

pub mod types;
pub mod service;
pub mod async;
