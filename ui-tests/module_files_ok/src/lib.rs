// The clean twin of `module_files`: both modules take `bids` before `asks`.
use std::sync::Mutex;

pub struct Book {
    pub bids: Mutex<Vec<u64>>,
    pub asks: Mutex<Vec<u64>>,
}

pub mod r#match;

#[cfg_attr(unix, path = "os/unix.rs")]
#[cfg_attr(windows, path = "os/windows.rs")]
mod os;

pub use os::settle;
