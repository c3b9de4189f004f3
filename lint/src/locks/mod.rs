//! Locks: which APIs acquire (`api`), how a lock is named and told apart (`class`), which
//! fields hold one lock (`aliases`), and the orders declared among them (`hierarchy`).

pub mod aliases;
pub mod api;
pub mod class;
pub mod hierarchy;
