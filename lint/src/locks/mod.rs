//! Locks: which APIs acquire (`api`), how a lock is named and told apart (`class`), and the
//! orders declared among them (`hierarchy`).

pub mod api;
pub mod class;
pub mod hierarchy;
