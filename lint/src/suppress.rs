//! Between check and report: suppressions that a human wrote, with the reason they checked.
//!
//! - a comment `// lockorder: allow(kind, ..) -- reason` covers its own line, or, standing alone
//!   on a line, the next line of code;
//! - the attribute `#[lock_order(allow(kind, ..), reason = "..")]` covers the function, impl or
//!   module it is on.
//!
//! A finding is suppressed when one of its locations is covered for its kind. A suppression
//! without a reason, or one that suppressed nothing (like `#[expect]`), is reported itself.

use crate::report::{Finding, Kind, Label};
use crate::source::{FileId, Loc, SourceDb};

#[derive(Clone, Debug)]
pub struct Suppression {
    /// Where it is written.
    pub at: Loc,
    pub file: FileId,
    /// Covered byte range of the file.
    pub start: u32,
    pub end: u32,
    pub kinds: Vec<String>,
    pub reason: Option<String>,
}

/// The comment suppressions of every file.
pub fn from_comments(db: &SourceDb) -> Vec<Suppression> {
    let mut out = Vec::new();
    // Most files have no suppression: one fast search rules them out.
    for (file, f) in db.iter().filter(|(_, f)| f.text.contains("lockorder:")) {
        let lines: Vec<(usize, &str)> = f
            .text
            .split_inclusive('\n')
            .scan(0, |offset, line| {
                let start = *offset;
                *offset += line.len();
                Some((start, line))
            })
            .collect();
        for (i, &(start, line)) in lines.iter().enumerate() {
            let Some(slash) = line.find("//") else {
                continue;
            };
            let comment = line[slash + 2..].trim_start_matches(['/', '!']).trim();
            let Some(rest) = comment.strip_prefix("lockorder:") else {
                continue;
            };
            let Some((kinds, reason)) = parse_comment(rest.trim()) else {
                continue;
            };
            let standalone = line[..slash].trim().is_empty();
            // A comment alone on its line covers the next line that is not a comment.
            let target = if standalone {
                lines[i + 1..]
                    .iter()
                    .find(|(_, l)| !l.trim_start().starts_with("//"))
                    .copied()
            } else {
                Some((start, line))
            };
            let Some((t_start, t_line)) = target else {
                continue;
            };
            let at = Loc {
                file,
                line: i as u32 + 1,
                column: line[..slash].chars().count() as u32 + 1,
                start: (start + slash) as u32,
                end: (start + line.trim_end().len()) as u32,
            };
            out.push(Suppression {
                at,
                file,
                start: t_start as u32,
                end: (t_start + t_line.len()) as u32,
                kinds,
                reason,
            });
        }
    }
    out
}

/// `allow(a, b) -- reason` after `lockorder:`.
fn parse_comment(s: &str) -> Option<(Vec<String>, Option<String>)> {
    let inner = s.strip_prefix("allow(")?;
    let close = inner.find(')')?;
    let kinds = inner[..close]
        .split(',')
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    let reason = inner[close + 1..]
        .trim()
        .strip_prefix("--")
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    Some((kinds, reason))
}

fn covers(s: &Suppression, l: &Label) -> bool {
    l.loc.file == s.file && s.start <= l.loc.start && l.loc.start < s.end.max(s.start + 1)
}

/// Removes suppressed findings and adds findings about the suppressions themselves.
pub fn apply(findings: &mut Vec<Finding>, suppressions: &[Suppression]) {
    let mut used = vec![false; suppressions.len()];
    findings.retain(|f| {
        let mut suppressed = false;
        for (s, used) in suppressions.iter().zip(used.iter_mut()) {
            if s.kinds.iter().any(|k| k == f.kind.code()) && f.labels.iter().any(|l| covers(s, l)) {
                *used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for (s, used) in suppressions.iter().zip(used) {
        let unknown: Vec<&String> = s
            .kinds
            .iter()
            .filter(|k| Kind::from_code(k).is_none())
            .collect();
        let problem = if !unknown.is_empty() {
            Some((
                Kind::UnusedSuppression,
                format!("suppression names an unknown kind `{}`", unknown[0]),
            ))
        } else if !used {
            Some((
                Kind::UnusedSuppression,
                format!(
                    "suppression of `{}` matches no finding",
                    s.kinds.join("`, `")
                ),
            ))
        } else if s.reason.is_none() {
            Some((
                Kind::SuppressionWithoutReason,
                format!("suppression of `{}` gives no reason", s.kinds.join("`, `")),
            ))
        } else {
            None
        };
        if let Some((kind, message)) = problem {
            findings.push(Finding {
                kind,
                severity: kind.default_severity(),
                message,
                locks: Vec::new(),
                labels: vec![Label { loc: s.at, message: "written here".to_string(), primary: true }],
                notes: vec![match kind {
                    Kind::SuppressionWithoutReason => "help: add why it is safe: `// lockorder: allow(kind) -- reason`, or `reason = \"...\"` in the attribute".to_string(),
                    _ => "help: remove it, or put it on the line (comment) or item (attribute) of the finding".to_string(),
                }],
                flows: Vec::new(),
                functions: Vec::new(),
            });
        }
    }
}
