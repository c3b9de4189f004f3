//! Baselines, for adopting the lint on a codebase that already has findings: record today's
//! findings by fingerprint (kind, lock classes, functions: no line numbers, so unrelated edits
//! do not disturb it), then report only the findings that are not in the record. An entry that
//! matches no finding any more (fixed, or changed) is named, so that baselines shrink.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::report::{Problem, Report};

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    kind: String,
    message: String,
}

pub fn write(path: &Path, report: &Report) -> Result<(), String> {
    let mut findings: Vec<Entry> = report
        .findings
        .iter()
        .map(|f| Entry {
            fingerprint: f.fingerprint(),
            kind: f.kind.code().to_string(),
            message: f.message.clone(),
        })
        .collect();
    findings.sort_by(|a, b| (&a.kind, &a.fingerprint).cmp(&(&b.kind, &b.fingerprint)));
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    let text = serde_json::to_string_pretty(&BaselineFile {
        version: 1,
        findings,
    })
    .map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n")
        .map_err(|e| format!("cannot write the baseline {}: {e}", path.display()))
}

/// The recorded findings: fingerprint -> the message it was recorded with.
pub fn load(path: &Path) -> Result<HashMap<String, String>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a lockorder baseline: {e}", path.display()))?;
    if file.version != 1 {
        return Err(format!(
            "{}: baseline version {} is not supported (expected 1)",
            path.display(),
            file.version
        ));
    }
    Ok(file
        .findings
        .into_iter()
        .map(|e| (e.fingerprint, e.message))
        .collect())
}

/// Drops the findings the baseline knows; returns how many. Entries that matched nothing are
/// reported as a problem naming them (`baseline` is the file's name, for the message).
pub fn apply(report: &mut Report, known: &HashMap<String, String>, baseline: &str) -> usize {
    let before = report.findings.len();
    let mut matched = HashSet::new();
    report.findings.retain(|f| {
        let fp = f.fingerprint();
        let known_here = known.contains_key(&fp);
        if known_here {
            matched.insert(fp);
        }
        !known_here
    });
    let mut stale: Vec<&String> = known
        .iter()
        .filter(|(fp, _)| !matched.contains(*fp))
        .map(|(_, message)| message)
        .collect();
    stale.sort();
    if !stale.is_empty() {
        report.problems.push(Problem::warning(format!(
            "{baseline}: {} {} no finding any more (fixed, or changed), and can go (`--write-baseline` rewrites it): {}",
            stale.len(),
            if stale.len() == 1 { "entry matches" } else { "entries match" },
            stale
                .iter()
                .map(|m| format!("\"{m}\""))
                .collect::<Vec<_>>()
                .join("; ")
        )));
    }
    before - report.findings.len()
}
