//! UI tests, clippy style: every fixture under `ui-tests/` is analyzed by the real binary and its
//! human output must equal the `.stderr` file beside it, byte for byte.
//!
//! - A fixture is a `.rs` file (a crate root of its own) or a directory with a `Cargo.toml`.
//! - Directives in a `.rs` fixture's leading comment lines: `//@ edition: 2024`.
//! - A fixture whose name ends in `_ok` is a clean twin: it must produce no finding and exit 0;
//!   any other fixture must produce findings, and exit 1 exactly when one is an error.
//! - `LOCKORDER_BLESS=1 cargo test --test ui` rewrites the `.stderr` files from the current output.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("ui-tests directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs") || p.join("Cargo.toml").is_file())
        .collect();
    out.sort();
    out
}

fn edition(fixture: &Path) -> String {
    let text = std::fs::read_to_string(fixture).unwrap_or_default();
    text.lines()
        .take_while(|l| l.starts_with("//"))
        .find_map(|l| l.strip_prefix("//@ edition:"))
        .map_or_else(|| "2021".to_string(), |e| e.trim().to_string())
}

#[test]
fn ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui-tests");
    let bless = std::env::var_os("LOCKORDER_BLESS").is_some();
    let mut failures = Vec::new();
    let all = fixtures(&root);
    assert!(
        all.len() > 10,
        "ui fixtures not found in {}",
        root.display()
    );
    for fixture in &all {
        let name = fixture.file_name().unwrap().to_string_lossy().to_string();
        let stem = name.trim_end_matches(".rs");
        let output = Command::new(env!("CARGO_BIN_EXE_cargo-lockorder"))
            .current_dir(&root)
            .args([
                "lockorder",
                "--color",
                "never",
                "--edition",
                &edition(fixture),
                &name,
            ])
            .output()
            .expect("run cargo-lockorder");
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        let code = output.status.code();
        if stem.ends_with("_ok")
            && (code != Some(0) || !stderr.starts_with("lockorder: no findings"))
        {
            failures.push(format!(
                "{name}: a clean twin must be silent, got exit {code:?}:\n{stderr}"
            ));
        }
        if !stem.ends_with("_ok") && stderr.starts_with("lockorder: no findings") {
            failures.push(format!("{name}: expected findings, got none:\n{stderr}"));
        }
        // Exit 1 exactly when something is at error severity; warnings alone exit 0.
        let errors = stderr.starts_with("error[") || stderr.contains("\nerror[");
        if !stem.ends_with("_ok") && code != Some(i32::from(errors)) {
            failures.push(format!(
                "{name}: exit {code:?} does not match the severities:\n{stderr}"
            ));
        }
        let expected_path = root.join(format!("{stem}.stderr"));
        if bless {
            std::fs::write(&expected_path, &stderr).expect("write .stderr");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != stderr {
            failures.push(format!(
                "{name}: output differs from {stem}.stderr (LOCKORDER_BLESS=1 to accept)\n--- expected\n{expected}\n--- actual\n{stderr}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} ui fixtures failed:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}
