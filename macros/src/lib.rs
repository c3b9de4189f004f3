//! `lockorder`: the `#[lock_order]` attribute checked by `cargo lockorder`.
//!
//! The attribute will declare lock hierarchies next to the locks (a separate issue fills it in).
//! Until then this crate only reserves the name in the workspace.
