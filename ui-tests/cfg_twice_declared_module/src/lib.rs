// One file declared as a module twice under opposite `cfg`s (seen in parking_lot) is one
// module: its locks are reported once, under short names.
#[cfg(feature = "detection")]
pub mod detector;
#[cfg(not(feature = "detection"))]
mod detector;
