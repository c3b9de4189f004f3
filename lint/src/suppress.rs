//! Between check and report: suppressions that a human wrote, with the reason they checked.
//!
//! - a comment `// lockorder: allow(kind, ..) -- reason` covers its own line, or, standing alone
//!   on a line, the next line of code;
//! - the attribute `#[lock_order(allow(kind, ..), reason = "..")]` covers the function, impl or
//!   module it is on.
//!
//! A finding is suppressed when one of its locations is covered for its kind. A suppression
//! without a reason, or one that suppressed nothing (like `#[expect]`), is reported itself.

use ra_ap_rustc_lexer::{tokenize, FrontmatterAllowed, TokenKind};

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

/// The comment suppressions of every file. Comments come from rustc's own lexer: `//` inside
/// a string literal starts no comment.
pub fn from_comments(db: &SourceDb) -> Vec<Suppression> {
    let mut out = Vec::new();
    // Most files have no suppression: one fast search rules them out.
    for (file, f) in db.iter().filter(|(_, f)| f.text.contains("lockorder:")) {
        let text = f.text.as_str();
        let mut offset = 0usize;
        for token in tokenize(text, FrontmatterAllowed::Yes) {
            let start = offset;
            offset += token.len as usize;
            let body = match token.kind {
                TokenKind::LineComment { .. } => text[start..offset].get(2..),
                TokenKind::BlockComment { .. } => text[start..offset]
                    .get(2..)
                    .map(|t| t.strip_suffix("*/").unwrap_or(t)),
                _ => continue,
            };
            let Some(rest) = body
                .map(|c| c.trim_start_matches(['/', '!', '*']).trim())
                .and_then(|c| c.strip_prefix("lockorder:"))
            else {
                continue;
            };
            let Some((kinds, reason)) = parse_comment(rest.trim()) else {
                continue;
            };
            if let Some(s) = suppression(file, text, start, offset, kinds, reason) {
                out.push(s);
            }
        }
    }
    out
}

/// A suppression written as the comment at `start..end` of `text`: it covers its own line, or,
/// alone on its line, the next line that is not a comment.
fn suppression(
    file: FileId,
    text: &str,
    start: usize,
    end: usize,
    kinds: Vec<String>,
    reason: Option<String>,
) -> Option<Suppression> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let rest_of_line = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let standalone =
        text[line_start..start].trim().is_empty() && text[end..rest_of_line].trim().is_empty();
    let (t_start, t_end) = if standalone {
        let mut at = (rest_of_line + 1).min(text.len());
        loop {
            let next_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
            if at >= text.len() {
                return None;
            }
            if !text[at..next_end].trim_start().starts_with("//") {
                break (at, next_end);
            }
            at = next_end;
        }
    } else {
        (line_start, line_end)
    };
    // Alone above a function, impl or module, it covers the whole item: where a finding points
    // inside it moves as the code changes, the item stays.
    let t_end = match standalone {
        true => item_end(text, t_start).unwrap_or(t_end),
        false => t_end,
    };
    let comment_line = text[start..end].lines().next().unwrap_or_default();
    Some(Suppression {
        at: Loc {
            file,
            line: text[..start].matches('\n').count() as u32 + 1,
            column: text[line_start..start].chars().count() as u32 + 1,
            start: start as u32,
            end: (start + comment_line.trim_end().len()) as u32,
        },
        file,
        start: t_start as u32,
        end: t_end as u32,
        kinds,
        reason,
    })
}

/// Where the function, impl or module that starts on the line at `at` ends (its closing
/// brace), when one does: attributes and visibility may come first.
fn item_end(text: &str, at: usize) -> Option<usize> {
    const ITEM: [&str; 10] = [
        "fn", "impl", "mod", "async", "unsafe", "const", "extern", "pub", "trait", "#",
    ];
    let first = text[at..].split_whitespace().next()?;
    if !ITEM.iter().any(|k| first.starts_with(k)) {
        return None;
    }
    let mut offset = at;
    let (mut depth, mut nesting) = (0usize, 0usize);
    for token in tokenize(&text[at..], FrontmatterAllowed::No) {
        offset += token.len as usize;
        match token.kind {
            TokenKind::OpenParen | TokenKind::OpenBracket => nesting += 1,
            TokenKind::CloseParen | TokenKind::CloseBracket => nesting = nesting.saturating_sub(1),
            // `fn f();` in a trait, `mod m;`: nothing to cover beyond the line.
            TokenKind::Semi if depth == 0 && nesting == 0 => return None,
            TokenKind::OpenBrace => depth += 1,
            TokenKind::CloseBrace => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(offset);
                }
            }
            _ => {}
        }
    }
    None
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
                causes: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn suppressions(text: &str) -> Vec<(u32, String, Option<String>)> {
        let mut db = SourceDb::default();
        db.add(SourceFile::new("a.rs".into(), text.to_string()));
        from_comments(&db)
            .into_iter()
            .map(|s| {
                let covered = text[s.start as usize..s.end as usize].trim().to_string();
                (s.at.line, covered, s.reason)
            })
            .collect()
    }

    #[test]
    fn comments_come_from_the_lexer_not_from_slashes_in_strings() {
        let text = "fn f() {\n    log(\"http://x\"); // lockorder: allow(double-lock) -- the log lock is reentrant\n    let s = \"// lockorder: allow(double-lock) -- in a string\";\n    /* lockorder: allow(lock-order-cycle) -- block */ g();\n    // lockorder: allow(hold-while-wait) -- alone: the next line of code\n    // another comment\n    h();\n}\n";
        assert_eq!(
            suppressions(text),
            [
                (
                    2,
                    "log(\"http://x\"); // lockorder: allow(double-lock) -- the log lock is reentrant".to_string(),
                    Some("the log lock is reentrant".to_string())
                ),
                (
                    4,
                    "/* lockorder: allow(lock-order-cycle) -- block */ g();".to_string(),
                    Some("block".to_string())
                ),
                (5, "h();".to_string(), Some("alone: the next line of code".to_string())),
            ]
        );
    }

    #[test]
    fn a_comment_above_a_function_covers_all_of_it() {
        let text = "// lockorder: allow(double-lock) -- a test that deadlocks on purpose\n#[test]\npub(crate) fn relock() {\n    let a = m.lock();\n    let b = m.lock();\n}\nfn other() {}\n";
        let covered = &suppressions(text)[0].1;
        assert!(
            covered.starts_with("#[test]") && covered.ends_with("let b = m.lock();\n}"),
            "{covered}"
        );
        let text = "trait T {\n    // lockorder: allow(double-lock) -- r\n    fn f(&self);\n    fn g(&self) { x() }\n}\n";
        assert_eq!(suppressions(text)[0].1, "fn f(&self);");
    }
}
