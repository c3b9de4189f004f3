//! JSON output: one document on stdout, byte-identical from run to run (no timings, sorted
//! findings, 1-based positions).

use serde::Serialize;

use super::{Report, Stats};
use crate::source::SourceDb;

#[derive(Serialize)]
struct Document<'r> {
    version: u32,
    findings: Vec<JsonFinding<'r>>,
    problems: Vec<&'r str>,
    stats: &'r Stats,
}

#[derive(Serialize)]
struct JsonFinding<'r> {
    kind: &'static str,
    severity: &'static str,
    message: &'r str,
    locks: &'r [String],
    locations: Vec<JsonLocation<'r>>,
    notes: &'r [String],
}

#[derive(Serialize)]
struct JsonLocation<'r> {
    file: &'r str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    label: &'r str,
    primary: bool,
}

pub fn render(report: &Report, db: &SourceDb) -> String {
    let doc = Document {
        version: 1,
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                kind: f.kind.code(),
                severity: f.severity.as_str(),
                message: &f.message,
                locks: &f.locks,
                locations: f
                    .labels
                    .iter()
                    .map(|l| {
                        let file = db.get(l.loc.file);
                        let (end_line, end_column) = file.line_column_at(l.loc.end as usize);
                        JsonLocation {
                            file: &file.display,
                            line: l.loc.line,
                            column: l.loc.column,
                            end_line,
                            end_column,
                            label: &l.message,
                            primary: l.primary,
                        }
                    })
                    .collect(),
                notes: &f.notes,
            })
            .collect(),
        problems: report.problems.iter().map(|p| p.message.as_str()).collect(),
        stats: &report.stats,
    };
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
