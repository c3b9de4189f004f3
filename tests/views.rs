//! Integration tests for seeing findings where one works: cargo's JSON messages as editors
//! read them, the picture of the lock order (DOT, Mermaid), and the hierarchy proposed from the
//! code (`suggest`).

use std::path::{Path, PathBuf};
use std::process::Output;

use cargo_metadata::Message;
use serde_json::Value;

mod common;

use common::{lockorder as run_in, repo, write};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json_report(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_slice(&run_in(dir, &all).stdout).expect("one JSON document")
}

/// Findings of a JSON report as `kind file:line`.
fn found(doc: &Value) -> Vec<String> {
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let locations = f["locations"].as_array().expect("locations");
            let l = locations
                .iter()
                .find(|l| l["primary"] == true)
                .expect("a primary location");
            format!(
                "{} {}:{}",
                f["kind"].as_str().unwrap_or(""),
                l["file"].as_str().unwrap_or(""),
                l["line"]
            )
        })
        .collect()
}

/// A package whose locks nest in one order everywhere: across types, in modules, statics.
fn ordered_package(dir: &Path) {
    write(
        dir,
        "Cargo.toml",
        "[package]\nname = \"shop\"\nversion = \"0.2.0\"\nedition = \"2021\"\n[dependencies]\nlockorder = \"0.1\"\n",
    );
    write(dir, "src/lib.rs", "pub mod stock;\npub mod orders;\n");
    write(
        dir,
        "src/stock.rs",
        "use std::sync::Mutex;\n\npub static AUDIT: Mutex<Vec<u64>> = Mutex::new(Vec::new());\n\n#[derive(Default)]\npub struct Stock {\n    pub items: Mutex<Vec<u64>>,\n    pub(crate) prices: Mutex<Vec<u64>>,\n}\n\nimpl Stock {\n    pub fn reprice(&self) {\n        let _i = self.items.lock().unwrap();\n        let _p = self.prices.lock().unwrap();\n        AUDIT.lock().unwrap().push(1);\n    }\n}\n",
    );
    write(
        dir,
        "src/orders.rs",
        "use std::sync::Mutex;\nuse crate::stock::Stock;\n\npub struct Orders {\n    pub queue: Mutex<Vec<u64>>,\n    pub stock: Stock,\n}\n\nimpl Orders {\n    pub fn take(&self) {\n        let _q = self.queue.lock().unwrap();\n        let _i = self.stock.items.lock().unwrap();\n    }\n}\n",
    );
}

#[test]
fn message_format_json_is_what_cargo_and_rust_analyzer_read() {
    let out = run_in(&repo(), &["--message-format", "json", "examples/deadlocks"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let messages: Vec<Message> = Message::parse_stream(text.as_bytes())
        .collect::<Result<_, _>>()
        .expect("every line is a cargo message");
    let report = json_report(&repo(), &["examples/deadlocks"]);
    let findings = report["findings"].as_array().expect("findings");
    let compiler: Vec<_> = messages
        .iter()
        .filter_map(|m| match m {
            Message::CompilerMessage(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(compiler.len(), findings.len(), "one message per finding");
    assert!(
        matches!(messages.last(), Some(Message::BuildFinished(b)) if !b.success),
        "ends with build-finished, failed"
    );
    for (c, f) in compiler.iter().zip(findings) {
        assert!(
            c.package_id.repr.contains("deadlocks@0.1.0"),
            "{}",
            c.package_id.repr
        );
        assert_eq!(c.target.name, "deadlocks");
        assert!(c.target.src_path.ends_with("examples/deadlocks/src/lib.rs"));
        let d = &c.message;
        assert_eq!(d.message, f["message"].as_str().expect("message"));
        assert_eq!(d.code.as_ref().map(|c| c.code.as_str()), f["kind"].as_str());
        let locations = f["locations"].as_array().expect("locations");
        assert_eq!(d.spans.len(), locations.len(), "every location is a span");
        for (s, l) in d.spans.iter().zip(locations) {
            assert_eq!(s.file_name, l["file"].as_str().expect("file"));
            assert_eq!(s.line_start as u64, l["line"].as_u64().expect("line"));
            assert_eq!(s.column_start as u64, l["column"].as_u64().expect("column"));
            assert_eq!(s.line_end as u64, l["end_line"].as_u64().expect("end line"));
            assert_eq!(
                s.column_end as u64,
                l["end_column"].as_u64().expect("end column")
            );
            assert_eq!(s.is_primary, l["primary"].as_bool().expect("primary"));
            assert!(s.byte_start < s.byte_end, "{s:?}");
            let source = std::fs::read_to_string(repo().join(&s.file_name)).expect("span file");
            let first = &s.text[0];
            assert_eq!(
                source.lines().nth(s.line_start - 1),
                Some(first.text.as_str()),
                "span text is the source line"
            );
        }
        assert_eq!(
            d.children.len(),
            f["notes"].as_array().expect("notes").len()
        );
        let rendered = d.rendered.as_deref().expect("rendered");
        assert!(rendered.contains(&format!("[{}]", f["kind"].as_str().expect("kind"))));
        assert!(!rendered.contains('\u{1b}'), "no colour unless asked");
    }
    let ansi = run_in(
        &repo(),
        &[
            "--message-format",
            "json-diagnostic-rendered-ansi",
            "examples/deadlocks",
        ],
    );
    assert!(stdout(&ansi).contains("\\u001b["), "coloured rendering");
}

#[test]
fn message_format_json_on_clean_code_and_loose_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    ordered_package(dir.path());
    let out = run_in(dir.path(), &["--message-format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let messages: Vec<Message> = Message::parse_stream(&out.stdout[..])
        .collect::<Result<_, _>>()
        .expect("cargo messages");
    assert!(matches!(messages.as_slice(), [Message::BuildFinished(b)] if b.success));

    write(
        dir.path(),
        "loose.rs",
        "use std::sync::Mutex;\nstatic A: Mutex<()> = Mutex::new(());\nfn f() { let _a = A.lock().unwrap(); let _b = A.lock().unwrap(); }\n",
    );
    let out = run_in(dir.path(), &["--message-format", "json", "loose.rs"]);
    let messages: Vec<Message> = Message::parse_stream(&out.stdout[..])
        .collect::<Result<_, _>>()
        .expect("cargo messages");
    match messages.first() {
        Some(Message::CompilerMessage(c)) => {
            assert_eq!(c.target.name, "loose");
            assert_eq!(c.message.spans[0].file_name, "loose.rs");
        }
        other => panic!("expected a compiler message, got {other:?}"),
    }
    let both = run_in(
        dir.path(),
        &["--message-format", "json", "--format", "sarif"],
    );
    assert_eq!(
        both.status.code(),
        Some(2),
        "two formats at once is a usage error"
    );
}

/// The edges of a DOT graph as `from -> to`, by label, with whether each is red.
fn dot_edges(dot: &str) -> Vec<(String, String, bool)> {
    let label_of = |node: &str| {
        dot.lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix(&format!("{node} [label=\""))
                    .and_then(|r| r.strip_suffix("\"];"))
            })
            .unwrap_or_else(|| panic!("node {node} is declared"))
            .to_string()
    };
    let mut edges: Vec<_> = dot
        .lines()
        .filter_map(|l| {
            let (from, rest) = l.trim().split_once(" -> ")?;
            let to = rest.split_whitespace().next()?;
            Some((label_of(from), label_of(to), rest.contains("color=red")))
        })
        .collect();
    edges.sort();
    edges
}

#[test]
fn graph_in_dot_has_every_edge_and_highlights_exactly_the_cycles() {
    let out = run_in(&repo(), &["graph", "examples/deadlocks"]);
    assert_eq!(out.status.code(), Some(0));
    let dot = stdout(&out);
    assert!(dot.starts_with("digraph lockorder {") && dot.trim_end().ends_with('}'));
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());
    let edges = dot_edges(&dot);
    let red: Vec<_> = edges
        .iter()
        .filter(|e| e.2)
        .map(|e| (e.0.as_str(), e.1.as_str()))
        .collect();
    assert!(red.contains(&("PRINTER", "CAMERA")) && red.contains(&("CAMERA", "PRINTER")));
    assert!(
        red.contains(&("Record::value", "Record::value")),
        "two instances nested"
    );
    assert!(
        !edges.iter().any(|e| e.2 && e.0.starts_with("fixed::")),
        "no edge of the fixed code is on a cycle: {edges:?}"
    );
    // The declared order of the hierarchy example is drawn dashed.
    assert!(dot
        .lines()
        .any(|l| l.contains("label=\"declared\", style=dashed")));

    let cycles = stdout(&run_in(
        &repo(),
        &["graph", "--cycles", "examples/deadlocks"],
    ));
    let cyclic = dot_edges(&cycles);
    assert!(!cyclic.is_empty() && cyclic.iter().all(|e| e.2));
    assert_eq!(cyclic.len(), red.len());

    let near = stdout(&run_in(
        &repo(),
        &["graph", "--around", "PRINTER", "examples/deadlocks"],
    ));
    assert_eq!(
        dot_edges(&near),
        vec![
            ("CAMERA".into(), "PRINTER".into(), true),
            ("PRINTER".into(), "CAMERA".into(), true)
        ]
    );
    let unknown = run_in(
        &repo(),
        &["graph", "--around", "NOPE", "examples/deadlocks"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no lock of the graph is called `NOPE`")
    );
}

#[test]
fn graph_in_mermaid_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    ordered_package(dir.path());
    write(
        dir.path(),
        "src/orders.rs",
        "use std::sync::Mutex;\nuse crate::stock::Stock;\n\npub struct Orders {\n    pub queue: Mutex<Vec<u64>>,\n    pub stock: Stock,\n}\n\nimpl Orders {\n    pub fn take(&self) {\n        let _q = self.queue.lock().unwrap();\n        let _i = self.stock.items.lock().unwrap();\n    }\n    pub fn restock(&self) {\n        let _i = self.stock.items.lock().unwrap();\n        let _q = self.queue.lock().unwrap();\n    }\n}\n",
    );
    let mermaid = stdout(&run_in(dir.path(), &["graph", "--format", "mermaid"]));
    expect_test::expect![[r#"
        flowchart LR
            subgraph g0["Stock"]
                n0["Stock::items"]
                n1["Stock::prices"]
            end
            subgraph g1["Orders"]
                n2["Orders::queue"]
            end
            subgraph g2["stock"]
                n3["AUDIT"]
            end
            n0 -->|"Stock::reprice"| n1
            n0 -->|"Orders::restock"| n2
            n0 -->|"Stock::reprice"| n3
            n1 -->|"Stock::reprice"| n3
            n2 -->|"Orders::take"| n0
            linkStyle 1,4 stroke:#d00,stroke-width:3px,color:#d00
    "#]]
    .assert_eq(&mermaid);
    let collapsed = stdout(&run_in(
        dir.path(),
        &["graph", "--format", "mermaid", "--collapse"],
    ));
    expect_test::expect![[r#"
        flowchart LR
            n0["Stock"]
            n1["Orders"]
            n2["stock"]
            n0 -->|"Stock::reprice"| n0
            n0 -->|"Orders::restock"| n1
            n0 -->|"Stock::reprice (+1 more)"| n2
            n1 -->|"Orders::take"| n0
            linkStyle 1,3 stroke:#d00,stroke-width:3px,color:#d00
    "#]]
    .assert_eq(&collapsed);
}

#[test]
fn suggested_hierarchy_once_applied_is_enforced_and_the_ordered_code_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    ordered_package(dir.path());
    let shown = run_in(dir.path(), &["suggest"]);
    assert_eq!(shown.status.code(), Some(0));
    let text = stdout(&shown);
    assert!(
        text.contains("#[lockorder::lock_order(items, prices)]"),
        "{text}"
    );
    assert!(text.contains("run with --apply"), "{text}");
    let untouched = std::fs::read_to_string(dir.path().join("src/stock.rs")).expect("read");
    assert!(
        !untouched.contains("lock_order"),
        "nothing written without --apply"
    );

    let applied = run_in(dir.path(), &["suggest", "--apply"]);
    assert_eq!(applied.status.code(), Some(0));
    let stock = std::fs::read_to_string(dir.path().join("src/stock.rs")).expect("read");
    let orders = std::fs::read_to_string(dir.path().join("src/orders.rs")).expect("read");
    expect_test::expect![[r#"
        use std::sync::Mutex;

        pub static AUDIT: Mutex<Vec<u64>> = Mutex::new(Vec::new());

        #[lockorder::lock_order(items, prices)]
        #[derive(Default)]
        pub struct Stock {
            pub items: Mutex<Vec<u64>>,
            #[lockorder::lock_order(before(AUDIT))]
            pub(crate) prices: Mutex<Vec<u64>>,
        }

        impl Stock {
            pub fn reprice(&self) {
                let _i = self.items.lock().unwrap();
                let _p = self.prices.lock().unwrap();
                AUDIT.lock().unwrap().push(1);
            }
        }
    "#]]
    .assert_eq(&stock);
    expect_test::expect![[r#"
        use std::sync::Mutex;
        use crate::stock::Stock;

        #[lockorder::lock_order]
        pub struct Orders {
            #[lockorder::lock_order(before(crate::stock::Stock::items))]
            pub queue: Mutex<Vec<u64>>,
            pub stock: Stock,
        }

        impl Orders {
            pub fn take(&self) {
                let _q = self.queue.lock().unwrap();
                let _i = self.stock.items.lock().unwrap();
            }
        }
    "#]]
    .assert_eq(&orders);
    let after = json_report(dir.path(), &[]);
    assert_eq!(found(&after), Vec::<String>::new(), "{after}");
    assert_eq!(
        after["problems"],
        serde_json::json!([]),
        "every declaration resolves"
    );
    let again = stdout(&run_in(dir.path(), &["suggest"]));
    assert!(again.contains("no lock order to declare"), "{again}");

    // Declared, the order is enforced: an inversion written later is reported where it is.
    write(
        dir.path(),
        "src/late.rs",
        "use crate::stock::{Stock, AUDIT};\npub fn audit_first(s: &Stock) {\n    let _a = AUDIT.lock().unwrap();\n    let _p = s.prices.lock().unwrap();\n}\n",
    );
    write(
        dir.path(),
        "src/lib.rs",
        "pub mod stock;\npub mod orders;\npub mod late;\n",
    );
    let later = json_report(dir.path(), &[]);
    assert!(
        found(&later).contains(&"hierarchy-violation src/late.rs:4".to_string()),
        "{later}"
    );
}

#[test]
fn suggestion_on_the_bundled_example_fails_only_the_buggy_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = repo().join("examples/deadlocks");
    for entry in walk(&example) {
        let rel = entry.strip_prefix(&example).expect("inside");
        if rel.starts_with("target") {
            continue;
        }
        write(
            dir.path(),
            &rel.to_string_lossy(),
            &std::fs::read_to_string(&entry).expect("read"),
        );
    }
    let before = found(&json_report(dir.path(), &[]));
    let out = run_in(dir.path(), &["suggest", "--apply"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = stdout(&out);
    let after = json_report(dir.path(), &[]);
    let report = after["findings"].as_array().expect("findings");
    let violations: Vec<&Value> = report
        .iter()
        .filter(|f| f["kind"] == "hierarchy-violation")
        .collect();
    assert!(!violations.is_empty());
    for v in &violations {
        let at = &v["locations"][0];
        let functions = v["notes"].to_string() + v["message"].as_str().unwrap_or("");
        assert!(
            !functions.contains("fixed::"),
            "fixed code violates the suggestion: {v}"
        );
        // Every violation is an acquisition the listing named as going against the order.
        let (held, taken) = (v["locks"][0].as_str(), v["locks"][1].as_str());
        assert!(
            listing.contains(&format!(
                "`{}` taken while holding `{}`",
                taken.unwrap_or("?"),
                held.unwrap_or("?")
            )),
            "the violation at {at} is not in the listing:\n{listing}"
        );
    }
    // The other findings are those of before: nothing new, nothing lost.
    let others: Vec<String> = found(&after)
        .into_iter()
        .filter(|f| !f.starts_with("hierarchy-violation"))
        .collect();
    let shifted = |f: &String| f.split(':').next().map(str::to_string);
    let mut a: Vec<_> = others.iter().filter_map(shifted).collect();
    let mut b: Vec<_> = before
        .iter()
        .filter(|f| !f.starts_with("hierarchy-violation"))
        .filter_map(shifted)
        .collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// README shows the bundled example's graph as the tool draws it; `LOCKORDER_BLESS=1`
/// rewrites it.
#[test]
fn readme_shows_the_example_graph() {
    let path = repo().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (start, end) = ("<!-- graph:", "<!-- /graph -->");
    let from = readme.find(start).expect("README has a graph block");
    let block_at = from + readme[from..].find('\n').expect("a line after the marker") + 1;
    let to = readme.find(end).expect("README closes the graph block");
    let out = run_in(
        &repo(),
        &["graph", "--format", "mermaid", "examples/deadlocks"],
    );
    let block = format!("```mermaid\n{}```\n", stdout(&out));
    if readme[block_at..to] == block {
        return;
    }
    if std::env::var_os("LOCKORDER_BLESS").is_some() {
        let updated = format!("{}{block}{}", &readme[..block_at], &readme[to..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    panic!("README's graph is not the tool's; run with LOCKORDER_BLESS=1 to rewrite it:\n{block}");
}
