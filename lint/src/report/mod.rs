//! The finding model (last step of the pipeline): what every check produces and every output
//! format renders. Formats live beside it, one file each.

pub mod cargo;
pub mod dot;
pub mod github;
pub mod human;
pub mod json;
pub mod mermaid;
pub mod sarif;
pub mod short;
pub mod suggestion;

use serde::Serialize;

use crate::source::Loc;

pub use lockorder_attr::kinds::{Kind, Severity};

/// One location of a finding, with what happens there.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub loc: Loc,
    pub message: String,
    /// The place the finding points at first; other labels are context.
    pub primary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    /// Display names of the lock classes involved, in the order the message uses them.
    pub locks: Vec<String>,
    pub labels: Vec<Label>,
    /// Explanations printed after the code: call chains, the interleaving, how to fix.
    pub notes: Vec<String>,
    /// The path of each thread involved, step by step (SARIF code flows).
    pub flows: Vec<Vec<Label>>,
    /// The functions where it happens, by path: with the kind and the locks, what identifies
    /// the finding across unrelated edits (no line numbers).
    pub functions: Vec<String>,
    /// Where the deadlocking step itself is, when different paths reach it (a lock taken again
    /// inside a helper that several callers call holding it; a wait in a helper, and the call
    /// that reaches it holding the lock): findings of one kind and locks that share a cause are
    /// one finding (`group`).
    pub causes: Vec<Loc>,
}

impl Finding {
    /// A fingerprint stable across edits that do not change what the finding is about.
    pub fn fingerprint(&self) -> String {
        // FNV-1a: small, stable across Rust versions and platforms (unlike `DefaultHasher`).
        let mut functions = self.functions.clone();
        functions.sort();
        functions.dedup();
        let key = format!(
            "{}|{}|{}",
            self.kind.code(),
            self.locks.join(","),
            functions.join(",")
        );
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("{hash:016x}")
    }

    pub fn primary(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
    }
}

/// What an edge of the picture of the lock graph says: a function that takes it (and how many
/// more do), whether it is declared.
fn edge_label(e: &crate::graph::map::MapEdge) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &e.taken {
        parts.push(match t.functions {
            1 => t.function.clone(),
            n => format!("{} (+{} more)", t.function, n - 1),
        });
    }
    if e.declared.is_some() {
        parts.push("declared".to_string());
    }
    parts.join(", ")
}

/// Findings that share their cause become one, which lists every path to it: its first
/// finding's labels and notes, then each other path's primary location and function. `findings`
/// are sorted; the merged finding stays where its first was.
pub fn group(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    let mut first: std::collections::HashMap<(Kind, Vec<String>, Loc), usize> =
        std::collections::HashMap::new();
    for f in findings {
        let keys: Vec<_> = f
            .causes
            .iter()
            .map(|&c| (f.kind, f.locks.clone(), c))
            .collect();
        let Some(i) = keys.iter().find_map(|k| first.get(k).copied()) else {
            for k in keys {
                first.insert(k, out.len());
            }
            out.push(f);
            continue;
        };
        for k in keys {
            first.entry(k).or_insert(i);
        }
        let g = &mut out[i];
        g.severity = g.severity.max(f.severity);
        let function = f.functions.first().cloned().unwrap_or_default();
        for mut l in f.labels {
            if g.labels.iter().any(|m| m.loc == l.loc) {
                continue;
            }
            if l.primary {
                l.primary = false;
                l.message = format!("in `{function}` too: {}", l.message);
            }
            g.labels.push(l);
        }
        g.flows.extend(f.flows);
        g.functions.extend(f.functions);
    }
    for g in &mut out {
        let mut callers: Vec<&String> = Vec::new();
        for f in &g.functions {
            if !callers.contains(&f) {
                callers.push(f);
            }
        }
        if !g.causes.is_empty() && callers.len() > 1 {
            let at = g.notes.iter().position(|n| n.starts_with("help:"));
            let note = format!(
                "note: one cause, {} paths: {}",
                callers.len(),
                callers
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            g.notes.insert(at.unwrap_or(g.notes.len()), note);
        }
    }
    out
}

/// A diagnostic about the run itself (a file that does not parse, a package that cannot be
/// read): not a finding, but the user must see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(message: String) -> Self {
        Problem {
            severity: Severity::Error,
            message,
        }
    }

    pub fn warning(message: String) -> Self {
        Problem {
            severity: Severity::Warning,
            message,
        }
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub crates: usize,
    pub files: usize,
    pub files_unparsed: usize,
    pub functions: usize,
    pub lock_classes: usize,
    pub acquisitions: usize,
    pub lock_order_edges: usize,
    /// Findings left out because the baseline (`--baseline`) already records them.
    pub baselined: usize,
}

pub struct Report {
    pub findings: Vec<Finding>,
    pub problems: Vec<Problem>,
    pub stats: Stats,
}

impl Report {
    /// `--deny warnings`: every warning counts as an error.
    pub fn deny_warnings(&mut self) {
        for f in &mut self.findings {
            f.severity = Severity::Error;
        }
    }

    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    /// README's table of kinds is the registry's; `LOCKORDER_BLESS=1` rewrites it.
    #[test]
    fn readme_lists_the_registry() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
        let readme = std::fs::read_to_string(&path).expect("README.md");
        let (start, end) = ("<!-- kinds:", "<!-- /kinds -->");
        let from = readme.find(start).expect("README has a kinds block");
        let table_at = from + readme[from..].find('\n').expect("a line after the marker") + 1;
        let to = readme.find(end).expect("README closes the kinds block");
        let table = Kind::markdown_table();
        if readme[table_at..to] == table {
            return;
        }
        if std::env::var_os("LOCKORDER_BLESS").is_some() {
            let updated = format!("{}{table}{}", &readme[..table_at], &readme[to..]);
            std::fs::write(&path, updated).expect("write README.md");
            return;
        }
        panic!("README's table of kinds is not the registry's; run with LOCKORDER_BLESS=1 to rewrite it:\n{table}");
    }
}
