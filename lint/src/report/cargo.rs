//! `--message-format json`: cargo's JSON messages, one per line, as `cargo check
//! --message-format json` prints them: a `compiler-message` per finding (a rustc diagnostic:
//! every location a span, the notes as children, the human rendering as `rendered`), then
//! `build-finished`. Editors read this (rust-analyzer's `check.overrideCommand`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use codespan_reporting::term::termcolor::Buffer;
use serde::Serialize;

use super::{Finding, Report, Severity};
use crate::discover::{edition_name, Target};
use crate::source::{FileId, SourceDb};

#[derive(Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
enum Message<'r> {
    CompilerMessage {
        package_id: String,
        manifest_path: String,
        target: CargoTarget<'r>,
        message: Box<Diagnostic>,
    },
    BuildFinished {
        success: bool,
    },
}

#[derive(Serialize)]
struct CargoTarget<'r> {
    kind: [&'static str; 1],
    crate_types: [&'static str; 1],
    name: &'r str,
    src_path: String,
    edition: &'static str,
    doc: bool,
    doctest: bool,
    test: bool,
}

#[derive(Serialize)]
struct Diagnostic {
    message: String,
    code: Option<Code>,
    level: &'static str,
    spans: Vec<Span>,
    children: Vec<Diagnostic>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct Code {
    code: &'static str,
    explanation: Option<String>,
}

#[derive(Serialize)]
struct Span {
    file_name: String,
    byte_start: u32,
    byte_end: u32,
    line_start: u32,
    line_end: u32,
    column_start: u32,
    column_end: u32,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<String>,
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: u32,
    highlight_end: u32,
}

/// `targets` tells which cargo target a file belongs to; a file of none (a loose `.rs` file) is
/// shown as a library named after it.
pub fn render(
    report: &Report,
    db: &SourceDb,
    targets: &HashMap<FileId, Arc<Target>>,
    color: bool,
) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let Some(primary) = f.primary() else { continue };
        let file = db.get(primary.loc.file);
        let target = targets.get(&primary.loc.file);
        let (package_id, manifest_path, target) = match target {
            Some(t) => (
                t.package.id(),
                t.package.manifest_path.display().to_string(),
                CargoTarget {
                    kind: [t.kind.as_str()],
                    crate_types: [if t.kind == crate::discover::TargetKind::Lib {
                        "lib"
                    } else {
                        "bin"
                    }],
                    name: &t.name,
                    src_path: t.src_path.display().to_string(),
                    edition: edition_name(t.edition),
                    doc: true,
                    doctest: true,
                    test: true,
                },
            ),
            None => loose_target(&file.path, &file.display),
        };
        let message = Message::CompilerMessage {
            package_id,
            manifest_path,
            target,
            message: Box::new(diagnostic(f, db, color)),
        };
        push_line(&mut out, &message);
    }
    push_line(
        &mut out,
        &Message::BuildFinished {
            success: report.errors() == 0,
        },
    );
    out
}

fn loose_target<'r>(path: &Path, display: &'r str) -> (String, String, CargoTarget<'r>) {
    let name = Path::new(display)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(display);
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = abs.parent().unwrap_or(Path::new("/"));
    (
        format!("path+file://{}#{name}@0.0.0", dir.display()),
        abs.display().to_string(),
        CargoTarget {
            kind: ["lib"],
            crate_types: ["lib"],
            name,
            src_path: abs.display().to_string(),
            edition: "2021",
            doc: true,
            doctest: true,
            test: true,
        },
    )
}

fn push_line(out: &mut String, message: &Message) {
    // Plain structs of strings, numbers and options: serializing them cannot fail.
    out.push_str(&serde_json::to_string(message).unwrap_or_default());
    out.push('\n');
}

fn diagnostic(f: &Finding, db: &SourceDb, color: bool) -> Diagnostic {
    let spans = f
        .labels
        .iter()
        .map(|l| {
            let file = db.get(l.loc.file);
            let (line_end, column_end) = file.line_column_at(l.loc.end as usize);
            let starts = file.line_starts();
            let text = (l.loc.line..=line_end)
                .filter_map(|line| {
                    let from = *starts.get(line as usize - 1)? as usize;
                    let to = starts
                        .get(line as usize)
                        .map_or(file.text.len(), |&e| e as usize);
                    let text = file.text.get(from..to)?.trim_end_matches(['\n', '\r']);
                    let width = text.chars().count() as u32 + 1;
                    Some(SpanLine {
                        text: text.to_string(),
                        highlight_start: if line == l.loc.line { l.loc.column } else { 1 },
                        highlight_end: if line == line_end { column_end } else { width },
                    })
                })
                .collect();
            Span {
                file_name: file.display.clone(),
                byte_start: l.loc.start,
                byte_end: l.loc.end,
                line_start: l.loc.line,
                line_end,
                column_start: l.loc.column,
                column_end,
                is_primary: l.primary,
                text,
                label: Some(l.message.clone()),
                suggested_replacement: None,
                suggestion_applicability: None,
                expansion: None,
            }
        })
        .collect();
    let children = f
        .notes
        .iter()
        .map(|n| {
            let (level, text) = match n.split_once(": ") {
                Some(("help", rest)) => ("help", rest),
                Some(("note", rest)) => ("note", rest),
                _ => ("note", n.as_str()),
            };
            Diagnostic {
                message: text.to_string(),
                code: None,
                level,
                spans: Vec::new(),
                children: Vec::new(),
                rendered: None,
            }
        })
        .collect();
    let mut rendered = match color {
        true => Buffer::ansi(),
        false => Buffer::no_color(),
    };
    let rendered = super::human::render_finding(f, db, &mut rendered)
        .ok()
        .map(|()| String::from_utf8_lossy(rendered.as_slice()).into_owned());
    Diagnostic {
        message: f.message.clone(),
        code: Some(Code {
            code: f.kind.code(),
            explanation: Some(f.kind.explain().to_string()),
        }),
        level: match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        spans,
        children,
        rendered,
    }
}
