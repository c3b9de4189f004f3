//! Integration tests for wiring the tool into CI: output formats (SARIF validated against the
//! published 2.1.0 schema), `--output`, `--deny warnings`, `--explain`, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-lockorder"))
        .current_dir(dir)
        .arg("lockorder")
        .args(args)
        .output()
        .expect("run cargo-lockorder")
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
        stderr.starts_with("lockorder: 12 findings") && stderr.contains("report written to"),
        "{stderr}"
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written["version"], "2.1.0");
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
    for kind in [
        "lock-order-cycle",
        "double-lock",
        "rwlock-upgrade",
        "hold-while-wait",
        "await-holding-lock",
        "hierarchy-violation",
        "hierarchy-cycle",
    ] {
        let out = run_in(&repo(), &["--explain", kind]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(
            text.starts_with(kind) && text.contains("How to fix"),
            "{kind}: {text}"
        );
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
    assert!(text.contains("[default: human]") && text.contains("[default: 2021]"));
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
        Some(1),
        "writing a baseline still reports"
    );
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
    let bad = run_in(d, &["--baseline", "missing.json", "lib.rs"]);
    assert_eq!(bad.status.code(), Some(2));
}
