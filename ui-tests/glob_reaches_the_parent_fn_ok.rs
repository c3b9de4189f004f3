// The clean twin of `glob_reaches_the_parent_fn`: the bindings module declares its own
// `instantiate` through a macro (foreign functions of another runtime), which shadows what the
// glob brings; what it does is not known, and it is not the parent's function.
use std::sync::Mutex;

static INTERPRET: Mutex<()> = Mutex::new(());

pub fn instantiate(module: &[u8]) -> usize {
    let _lock = INTERPRET.lock().unwrap();
    bindings::instantiate(module.len())
}

mod bindings {
    use super::*;

    foreign_runtime! {
        pub fn instantiate(size: usize) -> usize;
    }
}
