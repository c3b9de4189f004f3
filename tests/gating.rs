//! Integration tests for wiring the tool into CI: output formats (SARIF validated against the
//! published 2.1.0 schema), `--output`, `--deny warnings`, `--explain`, exit codes.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

mod common;

use common::{lockorder as run_in, repo};

/// The JSON report of the package at `dir`.
fn json_report(dir: &Path) -> Value {
    let out = run_in(dir, &["--format", "json", "."]);
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// The kinds of a report's findings, in order.
fn kinds(doc: &Value) -> Vec<&str> {
    doc["findings"]
        .as_array()
        .map(|fs| fs.iter().filter_map(|f| f["kind"].as_str()).collect())
        .unwrap_or_default()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn sarif_validates_against_the_schema_and_carries_every_location() {
    let out = run_in(&repo(), &["--format", "sarif", "examples/deadlocks"]);
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );

    let run = &sarif["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"lock-order-cycle") && rules.contains(&"hold-while-wait"));
    assert!(run["tool"]["driver"]["rules"][0]["help"]["text"]
        .as_str()
        .unwrap()
        .contains("How to fix"));
    assert!(run["tool"]["driver"]["rules"][0]["helpUri"].is_string());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 12);
    let cycle = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("PRINTER"))
        .unwrap();
    assert_eq!(cycle["level"], "error");
    assert_eq!(
        cycle["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "examples/deadlocks/src/printer_camera.rs"
    );
    assert!(
        cycle["relatedLocations"].as_array().unwrap().len() >= 3,
        "the other acquisitions: {cycle:#}"
    );
    assert_eq!(
        cycle["codeFlows"].as_array().unwrap().len(),
        2,
        "one flow per thread: {cycle:#}"
    );
    assert!(cycle["partialFingerprints"]["lockorder/v1"].is_string());
}

#[test]
fn github_annotations_one_line_per_finding() {
    let out = run_in(&repo(), &["--format", "github", "examples/deadlocks"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 12);
    assert!(lines
        .iter()
        .all(|l| l.starts_with("::error file=examples/deadlocks/src/")
            && l.contains(",line=")
            && l.contains(",col=")
            && l.contains("title=lockorder ")));
    assert!(lines.iter().all(|l| !l["::error".len()..].contains('\n')));
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.sarif");
    let out = run_in(
        &repo(),
        &[
            "--format",
            "sarif",
            "--output",
            file.to_str().unwrap(),
            "examples/deadlocks",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("lockorder: 12 errors (")
            && stderr.contains("; most in ")
            && stderr.contains("report written to"),
        "{stderr}"
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
}

#[test]
fn short_format_is_one_line_per_finding() {
    let out = run_in(&repo(), &["--format", "short", "examples/deadlocks"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let json = run_in(&repo(), &["--format", "json", "examples/deadlocks"]);
    let doc: Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    let findings = doc["findings"].as_array().map_or(0, Vec::len);
    assert_eq!(text.lines().count(), findings, "{text}");
    for line in text.lines() {
        let mut parts = line.splitn(4, ':');
        let (file, line_no, col) = (parts.next(), parts.next(), parts.next());
        assert!(file.is_some_and(|f| f.ends_with(".rs")), "{line}");
        assert!(line_no.is_some_and(|n| n.parse::<u32>().is_ok()), "{line}");
        assert!(col.is_some_and(|n| n.parse::<u32>().is_ok()), "{line}");
        assert!(
            line.contains(": error[") || line.contains(": warning["),
            "{line}"
        );
    }
}

#[test]
fn deny_warnings_turns_warnings_into_failures() {
    let ui = repo().join("ui-tests");
    let plain = run_in(&ui, &["await_holding.rs"]);
    assert_eq!(
        plain.status.code(),
        Some(0),
        "await-holding-lock is a warning"
    );
    let denied = run_in(
        &ui,
        &["--deny", "warnings", "--format", "json", "await_holding.rs"],
    );
    assert_eq!(denied.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&denied.stdout).unwrap();
    assert!(doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] == "error"));
}

#[test]
fn explain_documents_every_kind() {
    for kind in lockorder_attr::kinds::Kind::ALL.iter().map(|k| k.code()) {
        let out = run_in(&repo(), &["--explain", kind]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(
            text.starts_with(kind) && text.contains("How to fix"),
            "{kind}: {text}"
        );
    }
    let list = stdout(&run_in(&repo(), &["--explain"]));
    for kind in lockorder_attr::kinds::Kind::ALL {
        assert!(list.lines().any(|l| l.starts_with(kind.code())), "{list}");
    }
    let bad = run_in(&repo(), &["--explain", "deadlock"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("the kinds are: lock-order-cycle"));
}

#[test]
fn help_documents_every_flag_with_its_default() {
    let out = run_in(&repo(), &["--help"]);
    let text = stdout(&out);
    for flag in [
        "--format",
        "--output",
        "--color",
        "--edition",
        "--jobs",
        "--deny",
        "--explain",
    ] {
        assert!(text.contains(flag), "{flag} missing from --help");
    }
    assert!(
        text.contains("[default: human]")
            && text.contains("[default: auto]")
            && text.contains("else 2021]")
    );
}

#[test]
fn baseline_flow_fails_only_on_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let old = "use std::sync::Mutex;\nstatic A: Mutex<()> = Mutex::new(());\nstatic B: Mutex<()> = Mutex::new(());\n\
fn one() { let _a = A.lock().unwrap(); let _b = B.lock().unwrap(); }\n\
fn two() { let _b = B.lock().unwrap(); let _a = A.lock().unwrap(); }\n";
    std::fs::write(d.join("lib.rs"), old).unwrap();
    let written = run_in(
        d,
        &["--write-baseline", "lockorder-baseline.json", "lib.rs"],
    );
    assert_eq!(
        written.status.code(),
        Some(0),
        "writing a baseline adopts what it found"
    );
    assert!(String::from_utf8_lossy(&written.stderr).contains("lock order cycle"));
    let known = run_in(d, &["--baseline", "lockorder-baseline.json", "lib.rs"]);
    assert_eq!(known.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&known.stderr).contains("1 known from the baseline not shown"));
    // Unrelated edits move every line: the fingerprint does not care.
    let moved = format!(
        "// a new header\n\n{}\nfn unrelated() {{}}\n",
        old.replace("fn one()", "\n\nfn one()")
    );
    std::fs::write(d.join("lib.rs"), &moved).unwrap();
    assert_eq!(
        run_in(d, &["--baseline", "lockorder-baseline.json", "lib.rs"])
            .status
            .code(),
        Some(0)
    );
    // A new inversion is new.
    let new = format!("{moved}static C: Mutex<()> = Mutex::new(());\nfn three() {{ let _c = C.lock().unwrap(); let _a = A.lock().unwrap(); }}\nfn four() {{ let _a = A.lock().unwrap(); let _c = C.lock().unwrap(); }}\n");
    std::fs::write(d.join("lib.rs"), new).unwrap();
    let out = run_in(
        d,
        &[
            "--format",
            "json",
            "--baseline",
            "lockorder-baseline.json",
            "lib.rs",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["findings"].as_array().unwrap().len(), 1);
    assert_eq!(doc["findings"][0]["locks"], serde_json::json!(["A", "C"]));
    // Fixed: the entry matches nothing any more, and is named so that the baseline shrinks.
    std::fs::write(d.join("lib.rs"), "fn fixed() {}\n").unwrap();
    let fixed = run_in(d, &["--baseline", "lockorder-baseline.json", "lib.rs"]);
    assert_eq!(fixed.status.code(), Some(0));
    let err = String::from_utf8_lossy(&fixed.stderr);
    assert!(
        err.contains("1 entry matches no finding any more")
            && err.contains("lock order cycle: `A` -> `B` -> `A`"),
        "{err}"
    );
    let bad = run_in(d, &["--baseline", "missing.json", "lib.rs"]);
    assert_eq!(bad.status.code(), Some(2));
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const CYCLE: &str = "use std::sync::Mutex;\nstatic A: Mutex<()> = Mutex::new(());\nstatic B: Mutex<()> = Mutex::new(());\n\
pub fn one() { let _a = A.lock().unwrap(); let _b = B.lock().unwrap(); }\n\
pub fn two() { let _b = B.lock().unwrap(); let _a = A.lock().unwrap(); }\n";

#[test]
fn configuration_errors_name_the_file_the_key_and_what_is_accepted() {
    let cases = [
        ("severty = {}\n", "unknown field `severty`"),
        (
            "[severity]\ndouble-lock = \"error\"\n",
            "unknown variant `error`, expected one of `allow`, `warn`, `deny`",
        ),
        (
            "[severity]\ndead-lock = \"deny\"\n",
            "unknown kind `dead-lock` in [severity]; the kinds are: lock-order-cycle",
        ),
        (
            "edition = \"2019\"\n",
            "expected \"2015\", \"2018\", \"2021\" or \"2024\"",
        ),
        ("[[lock-types]]\npath = \"X\"\n", "lists no methods"),
    ];
    for (toml, expected) in cases {
        let dir = project(&[("lockorder.toml", toml), ("src/lib.rs", CYCLE)]);
        let out = run_in(dir.path(), &["."]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{toml}: {stderr}");
        assert!(
            stderr.contains("lockorder.toml") && stderr.contains(expected),
            "{toml}: {stderr}"
        );
        assert!(
            !stderr.contains("lockorder:"),
            "nothing is analyzed: {stderr}"
        );
    }
    let dir = project(&[
        ("Cargo.toml", "[package]\nname = \"p\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[package.metadata.lockorder]\nexclud = []\n"),
        ("src/lib.rs", CYCLE),
    ]);
    let out = run_in(dir.path(), &["."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("Cargo.toml:6: [package.metadata.lockorder]")
            && stderr.contains("unknown field `exclud`"),
        "{stderr}"
    );
    // A key the configuration's own checks reject is named where it is too, not in a
    // `lockorder.toml` that does not exist.
    let dir = project(&[
        ("Cargo.toml", "[package]\nname = \"p\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[package.metadata.lockorder]\nexclude = [\"src/[x.rs\"]\n[package.metadata.lockorder.severity]\ndead-lock = \"deny\"\n"),
        ("src/lib.rs", CYCLE),
    ]);
    let stderr = String::from_utf8_lossy(&run_in(dir.path(), &["."]).stderr).into_owned();
    assert!(
        stderr.contains("Cargo.toml:8: [package.metadata.lockorder] unknown kind `dead-lock`")
            && !stderr.contains("lockorder.toml"),
        "{stderr}"
    );
    let dir = project(&[
        ("lockorder.toml", "exclude = [\"src/[x.rs\"]\n"),
        ("src/lib.rs", CYCLE),
    ]);
    let stderr = String::from_utf8_lossy(&run_in(dir.path(), &["."]).stderr).into_owned();
    assert!(
        stderr.contains("lockorder.toml: `exclude` pattern `src/[x.rs` is not a glob"),
        "{stderr}"
    );
}

#[test]
fn severities_and_excludes_from_the_configuration() {
    let allow = project(&[
        (
            "lockorder.toml",
            "[severity]\nlock-order-cycle = \"allow\"\n",
        ),
        ("src/lib.rs", CYCLE),
    ]);
    assert_eq!(run_in(allow.path(), &["."]).status.code(), Some(0));
    let warn = project(&[
        (
            "lockorder.toml",
            "[severity]\nlock-order-cycle = \"warn\"\n",
        ),
        ("src/lib.rs", CYCLE),
    ]);
    let out = run_in(warn.path(), &["."]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning[lock-order-cycle]"));
    let deny = project(&[
        ("lockorder.toml", "[severity]\nawait-holding-lock = \"deny\"\n"),
        ("src/lib.rs", "use std::sync::Mutex;\nasync fn f(m: &Mutex<u8>) { let _g = m.lock().unwrap(); g().await; }\nasync fn g() {}\n"),
    ]);
    assert_eq!(run_in(deny.path(), &["."]).status.code(), Some(1));
    let excluded = project(&[
        ("lockorder.toml", "exclude = [\"src/legacy/**\"]\n"),
        ("src/legacy/old.rs", CYCLE),
        ("src/main.rs", "mod legacy { mod old; }\nfn main() {}\n"),
    ]);
    let out = run_in(excluded.path(), &["."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let workspace = project(&[
        ("Cargo.toml", "[package]\nname = \"p\"\nversion = \"0.1.0\"\nedition = \"2021\"\n[package.metadata.lockorder.severity]\nlock-order-cycle = \"allow\"\n"),
        ("src/lib.rs", CYCLE),
    ]);
    assert_eq!(run_in(workspace.path(), &["."]).status.code(), Some(0));
}

#[test]
fn configured_lock_types_blocking_functions_and_edition() {
    let dir = project(&[
        (
            "lockorder.toml",
            "edition = \"2024\"\nblocking = [\"ipc::wait_for_peer\"]\n\n[[lock-types]]\npath = \"fairlock::FairLock\"\nkind = \"mutex\"\nlock = [\"acquire\"]\ntry = [\"attempt\"]\n",
        ),
        (
            "src/lib.rs",
            "use fairlock::FairLock;\nstruct S { a: FairLock<u8>, b: FairLock<u8>, c: std::sync::Mutex<Option<u8>> }\n\
impl S {\n\
    fn one(&self) { let _a = self.a.acquire(); let _b = self.b.acquire(); }\n\
    fn two(&self) { let _b = self.b.acquire(); let _a = self.a.acquire(); }\n\
    fn fine(&self) { let _b = self.b.acquire(); if let Some(_a) = self.a.attempt() {} }\n\
    fn blocks(&self) { let _c = self.c.lock().unwrap(); ipc::wait_for_peer(); }\n\
    fn edition(&self) { if let Some(x) = *self.c.lock().unwrap() { let _ = x; } else { self.c.lock().unwrap().replace(1); } }\n\
}\n",
        ),
    ]);
    let doc = json_report(dir.path());
    let kinds = kinds(&doc);
    assert_eq!(kinds, ["lock-order-cycle", "hold-while-wait"], "{doc:#}");
    assert_eq!(
        doc["findings"][0]["locks"],
        serde_json::json!(["S::a", "S::b"])
    );
}

/// A configured lock type gets the checks a built-in one gets: it blocks the thread (its guard
/// across an `.await` is reported), and a second read of a configured rwlock can wait for a
/// queued writer.
#[test]
fn configured_lock_types_get_every_check() {
    let dir = project(&[
        (
            "lockorder.toml",
            "[[lock-types]]\npath = \"shm::SharedLock\"\nkind = \"rwlock\"\nread = [\"shared\"]\nwrite = [\"exclusive\"]\n",
        ),
        (
            "src/lib.rs",
            "use shm::SharedLock;\npub struct S { table: SharedLock<Vec<u8>> }\n\
async fn flush() {}\n\
impl S {\n\
    fn len(&self) -> usize { self.table.shared().len() }\n\
    pub fn twice(&self) -> usize { let t = self.table.shared(); t.len() + self.len() }\n\
    pub async fn across(&self) { let _t = self.table.exclusive(); flush().await; }\n\
}\n",
        ),
    ]);
    let doc = json_report(dir.path());
    let kinds = kinds(&doc);
    assert_eq!(kinds, ["double-lock", "await-holding-lock"], "{doc:#}");
}

/// `[[ignore]]` entries name a finding by what it is about (kind, locks, function), with a
/// required reason; one that matches nothing is named so that the list shrinks.
#[test]
fn ignore_entries_by_locks_or_function_with_reasons() {
    let by_locks = project(&[
        (
            "lockorder.toml",
            "[[ignore]]\nkind = \"lock-order-cycle\"\nlocks = [\"A\", \"B\"]\nreason = \"`two` runs only after every `one` joined\"\n",
        ),
        ("src/lib.rs", CYCLE),
    ]);
    let out = run_in(by_locks.path(), &["."]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("matched no finding"));
    let by_function = project(&[
        (
            "lockorder.toml",
            "[[ignore]]\nfunction = \"two\"\nreason = \"startup only\"\n\n[[ignore]]\nfunction = \"three\"\nreason = \"gone\"\n",
        ),
        ("src/lib.rs", CYCLE),
    ]);
    let out = run_in(by_function.path(), &["."]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("lockorder.toml: [[ignore]] { function = \"three\" } matched no finding"),
        "{stderr}"
    );
    let other_locks = project(&[
        (
            "lockorder.toml",
            "[[ignore]]\nlocks = [\"A\", \"C\"]\nreason = \"r\"\n",
        ),
        ("src/lib.rs", CYCLE),
    ]);
    assert_eq!(run_in(other_locks.path(), &["."]).status.code(), Some(1));
    for (toml, expected) in [
        ("[[ignore]]\nlocks = [\"A\"]\n", "missing field `reason`"),
        (
            "[[ignore]]\nlocks = [\"A\"]\nreason = \" \"\n",
            "empty `reason`",
        ),
        ("[[ignore]]\nreason = \"r\"\n", "names no finding"),
        (
            "[[ignore]]\nkind = \"dead-lock\"\nlocks = [\"A\"]\nreason = \"r\"\n",
            "unknown kind `dead-lock`",
        ),
    ] {
        let dir = project(&[("lockorder.toml", toml), ("src/lib.rs", CYCLE)]);
        let out = run_in(dir.path(), &["."]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{toml}: {stderr}");
        assert!(stderr.contains(expected), "{toml}: {stderr}");
    }
}

/// The composite action installs from its own checkout outside the analyzed tree, runs the
/// installed binary (never rustup's `cargo` proxy, which honours the tree's toolchain file),
/// and its run step, executed here as the runner would, writes the SARIF report it uploads.
#[test]
fn the_github_action_is_safe_and_its_run_step_works() {
    let text = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    let action: serde_yaml_ng::Value = serde_yaml_ng::from_str(&text).expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let steps = action["runs"]["steps"].as_sequence().expect("steps");
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("a step `{name}`"))
    };
    let install = step("Install lockorder");
    assert_eq!(
        install["working-directory"].as_str(),
        Some("${{ runner.temp }}"),
        "installed outside the analyzed tree: its .cargo/config.toml and toolchain file do not apply"
    );
    let install_run = install["run"].as_str().expect("install command");
    assert!(install_run
        .starts_with("cargo +stable install --locked --path \"$GITHUB_ACTION_PATH/lint\""));
    for s in steps {
        let run = s["run"].as_str().unwrap_or_default();
        assert!(
            !run.contains("cargo lockorder"),
            "no step goes through the cargo proxy: {run}"
        );
    }
    let upload = step("Upload SARIF");
    assert!(upload["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@")));
    for input in ["path", "format", "args", "upload-sarif"] {
        assert!(
            action["inputs"][input]["default"].is_string(),
            "input {input}"
        );
    }

    // The run step, as a runner executes it, with the installed binary in place.
    let temp = tempfile::tempdir().unwrap();
    let bin_dir = temp.path().join("lockorder/bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::os::unix::fs::symlink(
        env!("CARGO_BIN_EXE_cargo-lockorder"),
        bin_dir.join("cargo-lockorder"),
    )
    .unwrap();
    let outputs = temp.path().join("outputs");
    let script = step("Run lockorder")["run"].as_str().expect("run script");
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(repo())
        .env("RUNNER_TEMP", temp.path())
        .env("GITHUB_OUTPUT", &outputs)
        .env("LOCKORDER_PATH", "examples/deadlocks")
        .env("LOCKORDER_FORMAT", "sarif")
        .env("LOCKORDER_ARGS", "--jobs 1")
        .output()
        .expect("bash");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = temp.path().join("lockorder.sarif");
    let recorded = std::fs::read_to_string(&outputs).unwrap();
    assert_eq!(recorded.trim(), format!("sarif-file={}", report.display()));
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
}

/// A function the configuration names as a spawner runs its closure on another thread: the
/// closure does not hold what its caller holds.
#[test]
fn configured_spawners_run_their_closures_elsewhere() {
    let code = "use std::sync::Mutex;\nstatic STATE: Mutex<u32> = Mutex::new(0);\npub fn schedule() {\n    let _g = STATE.lock().unwrap();\n    workpool::submit(move || {\n        *STATE.lock().unwrap() += 1;\n    });\n}\n";
    let inline = project(&[("src/lib.rs", code)]);
    assert_eq!(kinds(&json_report(inline.path())), ["double-lock"]);
    let spawned = project(&[
        ("lockorder.toml", "spawners = [\"workpool::submit\"]\n"),
        ("src/lib.rs", code),
    ]);
    assert_eq!(kinds(&json_report(spawned.path())), Vec::<&str>::new());
}

/// A wait whose waker the code does not show is a warning by default when it is on a channel
/// the code made and handed on, and not reported otherwise; the configuration can report every
/// such wait (as a warning or an error), or none. A wait whose waker needs the lock stays an
/// error.
#[test]
fn unseen_wakers_are_configurable() {
    let code = "use std::sync::{mpsc, Mutex};\nstatic STATE: Mutex<u32> = Mutex::new(0);\n\
pub fn unseen(rx: &mpsc::Receiver<u32>) -> u32 {\n    let g = STATE.lock().unwrap();\n    *g + rx.recv().unwrap()\n}\n\
pub fn handed(register: fn(mpsc::Sender<u32>)) -> u32 {\n    let (tx, rx) = mpsc::channel();\n    register(tx);\n    let g = STATE.lock().unwrap();\n    *g + rx.recv().unwrap()\n}\n\
pub fn seen() -> u32 {\n    let (tx, rx) = mpsc::channel();\n    std::thread::spawn(move || {\n        let n = *STATE.lock().unwrap();\n        tx.send(n).unwrap();\n    });\n    let _g = STATE.lock().unwrap();\n    rx.recv().unwrap()\n}\n";
    let severities = |config: Option<&str>| {
        let mut files = vec![("src/lib.rs", code)];
        if let Some(c) = config {
            files.push(("lockorder.toml", c));
        }
        let doc = json_report(project(&files).path());
        let mut out: Vec<String> = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{} {}",
                    f["kind"].as_str().unwrap(),
                    f["severity"].as_str().unwrap()
                )
            })
            .collect();
        out.sort();
        out
    };
    assert_eq!(
        severities(None),
        ["hold-while-wait error", "hold-while-wait warning"]
    );
    assert_eq!(
        severities(Some("unseen-wakers = \"allow\"\n")),
        ["hold-while-wait error"]
    );
    assert_eq!(
        severities(Some("unseen-wakers = \"warn\"\n")),
        [
            "hold-while-wait error",
            "hold-while-wait warning",
            "hold-while-wait warning"
        ]
    );
    assert_eq!(
        severities(Some("unseen-wakers = \"deny\"\n")),
        [
            "hold-while-wait error",
            "hold-while-wait error",
            "hold-while-wait error"
        ]
    );
}
