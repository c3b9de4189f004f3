//! What the integration tests share: where the repository is, running the real binary, writing
//! a project into a temporary directory.

// Each test crate compiles this module and uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `cargo lockorder ARGS` in `dir`, as cargo runs the subcommand.
pub fn lockorder(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-lockorder"))
        .current_dir(dir)
        .arg("lockorder")
        .args(args)
        .output()
        .expect("run cargo-lockorder")
}

pub fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("a parent directory")).expect("create directories");
    std::fs::write(p, text).expect("write the file");
}
