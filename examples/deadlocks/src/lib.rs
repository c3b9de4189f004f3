//! Each module reproduces one scenario from the notes lockorder grew from, as a buggy function
//! (`buggy`) and its fix (`fixed`). `cargo lockorder examples/deadlocks` reports exactly the
//! buggy ones.

pub mod channels;
pub mod four_threads;
pub mod hierarchy;
pub mod nested_monitor;
pub mod printer_camera;
pub mod reentrant;
pub mod relock;
pub mod transactions;
pub mod tree_nodes;
pub mod try_lock;
