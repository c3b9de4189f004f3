//! Integration tests: the real `cargo-lockorder` binary on real files, packages and workspaces.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

use common::{repo, write};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-lockorder"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run cargo-lockorder")
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let mut all = vec!["lockorder", "--format", "json"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (
        doc,
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn kinds(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A Cargo.toml for a package `name` at `dir`.
fn package(dir: &Path, name: &str) {
    write(
        dir,
        "Cargo.toml",
        &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n"),
    );
}

const INVERSION: &str = "
use std::sync::Mutex;
static A: Mutex<()> = Mutex::new(());
static B: Mutex<()> = Mutex::new(());
fn one() { let _a = A.lock().unwrap(); let _b = B.lock().unwrap(); }
fn two() { let _b = B.lock().unwrap(); let _a = A.lock().unwrap(); }
";

#[test]
fn bundled_example_reports_exactly_the_buggy_scenarios() {
    let (doc, code, _) = json(&repo(), &["examples/deadlocks"]);
    assert_eq!(code, 1);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 12, "{doc:#}");
    for f in findings {
        // Every scenario module puts `pub mod buggy` before `pub mod fixed`: what is reported
        // must point into the buggy half.
        let locations = f["locations"].as_array().unwrap();
        let primary = locations.iter().find(|l| l["primary"] == true).unwrap();
        let path = repo().join(primary["file"].as_str().unwrap());
        let text = std::fs::read_to_string(path).unwrap();
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let line = primary["line"].as_u64().unwrap() as usize;
        let (buggy, fixed) = (line_of("pub mod buggy"), line_of("pub mod fixed"));
        assert!(
            buggy < line && line < fixed,
            "a fixed scenario was reported: {f:#}"
        );
    }
    let mut k = kinds(&doc);
    k.sort();
    k.dedup();
    assert_eq!(
        k,
        [
            "double-lock",
            "hierarchy-violation",
            "hold-while-wait",
            "lock-order-cycle"
        ]
    );
}

#[test]
fn json_on_a_single_file_is_one_stable_sorted_document() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "snippet.rs", INVERSION);
    let (doc, code, _) = json(dir.path(), &["snippet.rs"]);
    assert_eq!(code, 1);
    assert_eq!(doc["version"], 1);
    let f = &doc["findings"][0];
    assert_eq!(f["kind"], "lock-order-cycle");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["locks"], serde_json::json!(["A", "B"]));
    let locs = f["locations"].as_array().unwrap();
    assert!(locs.len() >= 4, "every acquisition is a location: {f:#}");
    assert!(locs.iter().all(|l| l["file"] == "snippet.rs"
        && l["line"].as_u64().unwrap() >= 1
        && l["column"].as_u64().unwrap() >= 1));
    assert_eq!(doc["stats"]["functions"], 2);
    let first = run_in(dir.path(), &["lockorder", "--format", "json", "snippet.rs"]);
    let again = run_in(dir.path(), &["lockorder", "--format", "json", "snippet.rs"]);
    assert_eq!(first.stdout, again.stdout, "identical bytes run to run");
}

#[test]
fn works_with_and_without_the_cargo_subcommand_word() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.rs", INVERSION);
    let direct = run_in(dir.path(), &["--color", "never", "a.rs"]);
    let via_cargo = run_in(dir.path(), &["lockorder", "--color", "never", "a.rs"]);
    assert_eq!(direct.status.code(), Some(1));
    assert_eq!(direct.stderr, via_cargo.stderr);
    let help = run_in(dir.path(), &["lockorder", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--format"));
}

#[test]
fn clean_code_exits_zero_and_usage_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "ok.rs",
        "fn main() { let m = std::sync::Mutex::new(1); *m.lock().unwrap() += 1; }",
    );
    let ok = run_in(dir.path(), &["ok.rs"]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("no findings"));
    assert_eq!(run_in(dir.path(), &["missing.rs"]).status.code(), Some(2));
    assert_eq!(
        run_in(dir.path(), &["--format", "yaml", "ok.rs"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run_in(dir.path(), &["--edition", "2019", "ok.rs"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn unparsable_and_non_utf8_files_are_named_and_the_rest_is_analyzed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/good.rs", INVERSION);
    write(dir.path(), "src/broken.rs", "fn f( {\n");
    // Bodies are parsed apart from their file: a broken one costs only its function.
    write(
        dir.path(),
        "src/body.rs",
        &format!("fn h() {{\n    let = ;\n}}\n{INVERSION}"),
    );
    std::fs::write(dir.path().join("src/latin1.rs"), b"// caf\xe9\nfn g() {}\n").unwrap();
    let (doc, code, stderr) = json(dir.path(), &["src"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(kinds(&doc), ["lock-order-cycle", "lock-order-cycle"]);
    assert!(
        stderr.contains("src/body.rs:2:9: cannot parse the body of `h`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("src/broken.rs:1:"),
        "names the file and position: {stderr}"
    );
    assert!(stderr.contains("cannot parse"), "{stderr}");
    assert!(
        stderr.contains("src/latin1.rs: not valid UTF-8"),
        "{stderr}"
    );
    assert_eq!(doc["stats"]["files_unparsed"], 2);
}

#[test]
fn edition_flag_changes_if_let_scrutinee_lifetime() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.rs", "
use std::sync::Mutex;
struct S { m: Mutex<Option<u8>> }
impl S {
    fn f(&self) {
        if let Some(x) = *self.m.lock().unwrap() { let _ = x; } else { self.m.lock().unwrap().replace(1); }
    }
}");
    let (old, ..) = json(dir.path(), &["--edition", "2021", "e.rs"]);
    let (new, ..) = json(dir.path(), &["--edition", "2024", "e.rs"]);
    assert_eq!(kinds(&old), ["double-lock"]);
    assert!(kinds(&new).is_empty());
}

#[test]
fn workspace_members_targets_and_cross_crate_calls() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "Cargo.toml",
        "[workspace]\nmembers = [\"core\", \"app\"]\nresolver = \"2\"\n",
    );
    write(
        d,
        "core/Cargo.toml",
        "[package]\nname = \"bank-core\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    );
    write(
        d,
        "core/src/lib.rs",
        "
pub mod ledger;
pub use ledger::Ledger;
",
    );
    write(d, "core/src/ledger.rs", "
use std::sync::Mutex;
pub struct Ledger { pub entries: Mutex<Vec<u64>>, pub totals: Mutex<u64> }
impl Ledger {
    pub fn post(&self, v: u64) { let mut e = self.entries.lock().unwrap(); e.push(v); *self.totals.lock().unwrap() += v; }
}
#[path = \"audit_impl.rs\"]
pub mod audit;
");
    write(
        d,
        "core/src/audit_impl.rs",
        "
use super::Ledger;
pub fn audit(l: &Ledger) { let _t = l.totals.lock().unwrap(); let _e = l.entries.lock().unwrap(); }
",
    );
    write(d, "app/Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\nbank-core = { path = \"../core\" }\n");
    write(
        d,
        "app/src/main.rs",
        "
use bank_core::Ledger;
fn main() {
    let l = Ledger { entries: Default::default(), totals: Default::default() };
    l.post(1);
}
",
    );
    write(d, "app/tests/it.rs", "#[test] fn t() {}");
    let (doc, code, stderr) = json(d, &["--all-targets", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(kinds(&doc), ["lock-order-cycle"], "{doc:#}");
    assert_eq!(
        doc["findings"][0]["locks"],
        serde_json::json!(["Ledger::entries", "Ledger::totals"])
    );
    assert_eq!(
        doc["stats"]["crates"], 3,
        "lib, bin and integration test: {doc:#}"
    );
}

#[test]
fn malformed_manifest_is_reported_and_sources_still_analyzed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Cargo.toml", "[package\nname = ");
    write(dir.path(), "src/lib.rs", INVERSION);
    let (doc, code, stderr) = json(dir.path(), &["."]);
    assert!(
        stderr.contains("Cargo.toml: cannot read the package"),
        "{stderr}"
    );
    assert_eq!(code, 1);
    assert_eq!(kinds(&doc), ["lock-order-cycle"]);
}

/// An item that does not parse costs that item, named with its position, never its file: the
/// modules the root declares are still read (before they started parsing with the root, they
/// were dropped with it).
#[test]
fn an_item_that_does_not_parse_costs_only_that_item() {
    let dir = tempfile::tempdir().unwrap();
    package(dir.path(), "p");
    write(dir.path(), "src/lib.rs", "mod a;\nmod b;\nfn f(,) {}\n");
    write(dir.path(), "src/a.rs", "fn g(,) {}\n");
    write(dir.path(), "src/b.rs", INVERSION);
    let (doc, _, stderr) = json(dir.path(), &["."]);
    assert!(
        stderr.contains("src/lib.rs:3:1: cannot parse this item"),
        "{stderr}"
    );
    assert!(
        stderr.contains("src/a.rs:1:1: cannot parse this item"),
        "{stderr}"
    );
    assert_eq!(doc["stats"]["files"], 3, "{doc:#}");
    assert_eq!(kinds(&doc), ["lock-order-cycle"]);
}

/// A member's dependency on a sibling written `{ workspace = true }` is found from the
/// workspace root and from the member's own directory alike, and the sibling's locks are known.
#[test]
fn workspace_inherited_path_dependencies_are_read_from_root_and_member() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "Cargo.toml", "[workspace]\nmembers = [\"crates/app\"]\n[workspace.dependencies]\nstore = { path = \"crates/store\" }\n");
    write(d, "crates/app/Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\nstore = { workspace = true }\n");
    write(
        d,
        "crates/app/src/lib.rs",
        "pub fn f(s: &store::Store) {\n    let _g = s.a.lock().unwrap();\n    s.touch();\n}\n",
    );
    write(
        d,
        "crates/store/Cargo.toml",
        "[package]\nname = \"store\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(d, "crates/store/src/lib.rs", "use std::sync::Mutex;\npub struct Store { pub a: Mutex<u8> }\nimpl Store { pub fn touch(&self) { *self.a.lock().unwrap() += 1; } }\n");
    for (from, path) in [(d.to_path_buf(), "."), (d.join("crates/app"), ".")] {
        let (doc, code, stderr) = json(&from, &[path]);
        assert_eq!(code, 1, "from {}: {stderr}", from.display());
        assert_eq!(
            kinds(&doc),
            ["double-lock"],
            "from {}: {doc:#}",
            from.display()
        );
    }
}

/// rustc refuses a `mod` declaration without a file; we analyze the rest, and say so.
#[test]
fn a_module_without_a_file_is_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    package(dir.path(), "p");
    write(dir.path(), "src/lib.rs", "mod gone;\nmod here;\n");
    write(dir.path(), "src/here.rs", INVERSION);
    let (doc, code, _) = json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(kinds(&doc), ["lock-order-cycle"]);
    let problems = doc["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{doc:#}");
    let text = problems[0].as_str().unwrap_or_default();
    assert!(
        text.contains("src/lib.rs: `mod gone;` names no file")
            && text.contains("src/gone.rs")
            && text.contains("src/gone/mod.rs"),
        "{text}"
    );
}

#[test]
fn loose_directories_follow_mod_declarations() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "main.rs",
        "mod devices;\nfn main() { devices::one(); }\n",
    );
    write(dir.path(), "devices/mod.rs", "mod two;\npub use two::two;\nuse std::sync::Mutex;\npub static A: Mutex<()> = Mutex::new(());\npub static B: Mutex<()> = Mutex::new(());\npub fn one() { let _a = A.lock().unwrap(); let _b = B.lock().unwrap(); }\n");
    write(dir.path(), "devices/two.rs", "use super::{A, B};\npub fn two() { let _b = B.lock().unwrap(); let _a = A.lock().unwrap(); }\n");
    let (doc, code, _) = json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        doc["stats"]["crates"], 1,
        "two.rs and mod.rs are modules, not roots: {doc:#}"
    );
    assert_eq!(doc["findings"][0]["locks"], serde_json::json!(["A", "B"]));
}

#[test]
fn hostile_inputs_get_a_diagnostic_and_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let n = 10_000;
    write(
        d,
        "src/deep_expr.rs",
        &format!("fn f() -> i32 {{ {}1{} }}", "(".repeat(n), ")".repeat(n)),
    );
    write(
        d,
        "src/deep_block.rs",
        &format!("fn g() {{ {}{} }}", "{".repeat(n), "}".repeat(n)),
    );
    write(
        d,
        "src/deep_call.rs",
        &format!(
            "fn h(m: &std::sync::Mutex<u8>) {{ {}m.lock(){}; }}",
            "f(".repeat(n),
            ")".repeat(n)
        ),
    );
    write(d, "src/empty.rs", "");
    // Found by the fuzzer: a character escape as the file's last bytes.
    write(d, "src/escape_at_end.rs", "fn e() {}\n'\\");
    write(d, "src/good.rs", INVERSION);
    let big: String = (0..20_000)
        .map(|i| format!("pub struct S{i} {{ pub m: std::sync::Mutex<u32> }}\npub fn f{i}(s: &S{i}) {{ let _g = s.m.lock(); }}\n"))
        .collect();
    write(d, "src/big.rs", &big);
    std::os::unix::fs::symlink("nowhere.rs", d.join("src/dangling.rs")).unwrap();
    std::os::unix::fs::symlink("..", d.join("src/loop")).unwrap();
    write(d, "src/cycle.rs", "#[path = \"cycle.rs\"] mod again;\n");
    let (doc, code, stderr) = json(d, &["src"]);
    assert_eq!(code, 1, "the rest is still analyzed: {stderr}");
    assert_eq!(kinds(&doc), ["lock-order-cycle"]);
    for name in ["deep_expr.rs", "deep_block.rs", "deep_call.rs"] {
        assert!(
            stderr.contains(&format!("src/{name}:1:")) && stderr.contains("levels deep"),
            "{name}: {stderr}"
        );
    }
    assert!(stderr.contains("src/dangling.rs: cannot read"), "{stderr}");
    assert!(stderr.contains("src/escape_at_end.rs:2:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_analyzed_tree_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Cargo.toml", "[package]\nname = \"p\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\nserde = \"1\"\n");
    write(dir.path(), "src/lib.rs", INVERSION);
    let listing = |p: &Path| {
        let mut v: Vec<String> = walkdir::WalkDir::new(p)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.path().display().to_string())
            .collect();
        v.sort();
        v
    };
    let before = listing(dir.path());
    let out = run_in(dir.path(), &["lockorder", "."]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        before,
        listing(dir.path()),
        "no Cargo.lock, no target/, nothing"
    );
}

/// A checkout may name its own toolchain (`rust-toolchain.toml` with a `path`), which rustup's
/// proxy would run for any `cargo` started inside it: discovery must not start one.
#[cfg(unix)]
#[test]
fn nothing_from_the_analyzed_tree_is_executed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    package(d, "p");
    write(d, "src/lib.rs", INVERSION);
    write(d, "rust-toolchain.toml", "[toolchain]\npath = \"tc\"\n");
    let marker = d.join("EXECUTED");
    for tool in ["cargo", "rustc"] {
        let script = format!("#!/bin/sh\ntouch '{}'\nexit 1\n", marker.display());
        write(d, &format!("tc/bin/{tool}"), &script);
        let bin = d.join("tc/bin").join(tool);
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Cargo's own configuration and a build script would run them too, if cargo ran.
    write(
        d,
        ".cargo/config.toml",
        "[build]\nrustc-wrapper = \"tc/bin/rustc\"\n",
    );
    write(
        d,
        "build.rs",
        "fn main() { std::fs::write(\"EXECUTED\", \"\").unwrap(); }\n",
    );
    let (doc, code, stderr) = json(d, &["."]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(kinds(&doc), ["lock-order-cycle"]);
    assert!(!marker.exists(), "ran a program of the analyzed tree");
}

/// One file that is a module of many crates (integration tests sharing `mod common;`, as in syn)
/// must be analyzed safely: syntax trees never cross threads (ARCHITECTURE.md, "Threads and
/// syntax trees").
/// Before the fix this corrupted the heap on syn's own sources.
#[test]
fn a_module_shared_by_many_crates_is_analyzed_safely() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    package(d, "shared");
    write(d, "src/lib.rs", "pub fn lib() {}\n");
    let mut common = String::from(
        "use std::sync::Mutex;\npub static M: Mutex<Vec<String>> = Mutex::new(Vec::new());\n",
    );
    for i in 0..60 {
        common.push_str(&format!(
            "pub fn f{i}() {{ let v = vec![format!(\"{{}}\", {i}), format!(\"{{:?}}\", [1, 2, 3])]; \
             M.lock().unwrap().extend(v.iter().map(|s| format!(\"{{s}}-{{}}\", {i}))); println!(\"{{}} {{}}\", {i}, v.len()); }}\n"
        ));
    }
    write(d, "tests/common/mod.rs", &common);
    for t in 0..40 {
        write(
            d,
            &format!("tests/t{t}.rs"),
            "mod common;\n#[test]\nfn t() { common::f0(); }\n",
        );
    }
    for _ in 0..3 {
        let out = run_in(
            d,
            &[
                "lockorder",
                "-j",
                "2",
                "--all-targets",
                "--format",
                "json",
                ".",
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["stats"]["crates"], 41);
    }
}

/// The index takes each file's outline apart; a module file that a second crate declares is
/// read again for it, and is as whole there as in the first.
#[test]
fn a_module_shared_by_two_crates_is_whole_in_each() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    package(d, "shared");
    write(d, "src/lib.rs", "pub fn lib() {}\n");
    write(
        d,
        "tests/common/mod.rs",
        "use std::sync::Mutex;\npub static A: Mutex<()> = Mutex::new(());\npub static B: Mutex<()> = Mutex::new(());\npub fn ab() { let _a = A.lock().unwrap(); let _b = B.lock().unwrap(); }\n",
    );
    write(d, "tests/a_first.rs", "mod common;\n#[test]\nfn t() {}\n");
    // Only the crate read second takes the locks the other way round.
    write(
        d,
        "tests/z_second.rs",
        "mod common;\n#[test]\nfn t() { common::ab(); }\nfn ba() { let _b = common::B.lock().unwrap(); let _a = common::A.lock().unwrap(); }\n",
    );
    let (doc, code, stderr) = json(d, &["--tests", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(doc["stats"]["crates"], 3);
    assert_eq!(kinds(&doc), ["lock-order-cycle"], "{doc:#}");
}

/// Targets and packages are chosen as `cargo clippy` chooses them: the libraries and binaries
/// without their test code by default; `--tests`, `--all-targets`, `-p`, `--exclude`,
/// `--manifest-path`, and the configuration's `all-targets`.
#[test]
fn targets_and_packages_are_chosen_like_cargo() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "Cargo.toml",
        "[workspace]\nmembers = [\"store\", \"tool\"]\n",
    );
    write(
        d,
        "store/Cargo.toml",
        "[package]\nname = \"store\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(
        d,
        "store/src/lib.rs",
        "use std::sync::Mutex;
pub static A: Mutex<()> = Mutex::new(());
pub static B: Mutex<()> = Mutex::new(());
pub fn ab() { let _a = A.lock().unwrap(); let _b = B.lock().unwrap(); }
pub mod stmt;
#[cfg(test)]
mod tests;
#[cfg(all(test, unix))]
fn helper() { let _b = B.lock().unwrap(); let _b2 = B.lock().unwrap(); }
#[cfg(not(test))]
pub fn production() { let _b = B.lock().unwrap(); let _c = A.try_lock(); }
",
    );
    write(
        d,
        "store/src/stmt.rs",
        "pub fn deliberate() {\n    #[cfg(test)]\n    if std::env::var_os(\"BLOCK\").is_some() {\n        let _a = crate::A.lock().unwrap();\n        let _a2 = crate::A.lock().unwrap();\n    }\n}\n",
    );
    write(
        d,
        "store/src/tests.rs",
        "#[test]\nfn aa() { let _a = super::A.lock().unwrap(); let _a2 = super::A.lock().unwrap(); }\n",
    );
    write(d, "store/tests/it.rs", "#[test]\nfn t() { let _a = store::A.lock().unwrap(); let _a2 = store::A.lock().unwrap(); }\n");
    write(d, "tool/Cargo.toml", "[package]\nname = \"tool\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[dependencies]\nstore = { path = \"../store\" }\n");
    write(
        d,
        "tool/src/main.rs",
        "fn main() { let _b = store::B.lock().unwrap(); store::ab(); }\n",
    );
    let findings = |args: &[&str]| {
        let (doc, _, stderr) = json(d, args);
        let mut out: Vec<String> = doc["findings"]
            .as_array()
            .unwrap_or_else(|| panic!("{stderr}"))
            .iter()
            .flat_map(|f| f["locations"].as_array().cloned().unwrap_or_default())
            .filter_map(|l| l["file"].as_str().map(str::to_string))
            .collect();
        out.sort();
        out.dedup();
        (out, doc["stats"]["crates"].clone())
    };
    // Default: the library and the binary; the cycle closes through the binary's call.
    let (files, crates) = findings(&["."]);
    assert_eq!(files, ["store/src/lib.rs", "tool/src/main.rs"]);
    assert_eq!(crates, 2);
    // Test code and integration tests join with --tests.
    let (files, _) = findings(&["--tests", "."]);
    assert_eq!(
        files,
        [
            "store/src/lib.rs",
            "store/src/stmt.rs",
            "store/src/tests.rs",
            "store/tests/it.rs",
            "tool/src/main.rs"
        ]
    );
    // One package: the other's library is context, its binary is not read.
    let (files, crates) = findings(&["-p", "store", "."]);
    assert_eq!(
        files,
        Vec::<String>::new(),
        "store alone takes A then B only"
    );
    assert_eq!(crates, 1);
    let (files, _) = findings(&["-p", "store", "--all-targets", "."]);
    assert_eq!(
        files,
        [
            "store/src/lib.rs",
            "store/src/stmt.rs",
            "store/src/tests.rs",
            "store/tests/it.rs"
        ]
    );
    let (files, _) = findings(&["--workspace", "--exclude", "store", "."]);
    assert_eq!(
        files,
        ["store/src/lib.rs", "tool/src/main.rs"],
        "a cycle through the context library is reported where it touches `tool`"
    );
    let (files, _) = findings(&["--manifest-path", "store/Cargo.toml", "--tests"]);
    assert_eq!(
        files,
        [
            "store/src/lib.rs",
            "store/src/stmt.rs",
            "store/src/tests.rs",
            "store/tests/it.rs"
        ]
    );
    let out = run_in(d, &["lockorder", "-p", "nope", "."]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("package `nope`"));
    // The configuration can make every target the default.
    // Run from a member's directory, the workspace root's configuration applies.
    let (doc, _, _) = json(&d.join("store"), &["--tests", "."]);
    assert_eq!(kinds(&doc), ["double-lock"; 4], "{doc:#}");
    write(d, "lockorder.toml", "[severity]\ndouble-lock = \"allow\"\n");
    let (doc, _, _) = json(&d.join("store"), &["--tests", "."]);
    assert_eq!(kinds(&doc), Vec::<String>::new(), "{doc:#}");
    write(d, "lockorder.toml", "all-targets = true\n");
    let (files, _) = findings(&["."]);
    assert_eq!(
        files,
        [
            "store/src/lib.rs",
            "store/src/stmt.rs",
            "store/src/tests.rs",
            "store/tests/it.rs",
            "tool/src/main.rs"
        ]
    );
}
