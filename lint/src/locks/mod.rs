//! Locks: which APIs acquire (`api`), and how a lock is named and told apart (`class`).

pub mod api;
pub mod class;
