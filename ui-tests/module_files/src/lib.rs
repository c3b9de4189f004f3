// Module files found as rustc finds them: `mod r#match;` is `match.rs`, and a module whose file is
// named only by `cfg_attr(.., path = ..)` is read from that file. The cycle spans both.
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
