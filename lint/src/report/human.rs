//! Human output: rustc-style diagnostics through `codespan-reporting`, then a one-line summary.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::WriteColor};

use super::{Finding, Report, Severity};
use crate::source::SourceDb;

impl<'a> Files<'a> for SourceDb {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.get(crate::source::FileId(id as u32)).display)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.get(crate::source::FileId(id as u32)).text)
    }

    fn line_index(&'a self, id: usize, byte: usize) -> Result<usize, FilesError> {
        let starts = self.get(crate::source::FileId(id as u32)).line_starts();
        Ok(starts
            .partition_point(|&s| s as usize <= byte)
            .saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line: usize) -> Result<Range<usize>, FilesError> {
        let f = self.get(crate::source::FileId(id as u32));
        let starts = f.line_starts();
        let start = *starts.get(line).ok_or(FilesError::LineTooLarge {
            given: line,
            max: starts.len().saturating_sub(1),
        })? as usize;
        let end = starts.get(line + 1).map_or(f.text.len(), |&e| e as usize);
        Ok(start..end)
    }
}

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Warning => CsSeverity::Warning,
        Severity::Error => CsSeverity::Error,
    }
}

pub fn render(report: &Report, db: &SourceDb, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let config = term::Config::default();
    let to_io = |e: FilesError| std::io::Error::other(e.to_string());
    for p in &report.problems {
        let d = Diagnostic::new(severity(p.severity)).with_message(&p.message);
        term::emit(out, &config, db, &d).map_err(to_io)?;
    }
    for f in &report.findings {
        render_finding(f, db, out)?;
    }
    writeln!(out, "{}", summary_line(report, db))
}

/// One finding as rustc would show it.
pub fn render_finding(f: &Finding, db: &SourceDb, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let labels = f
        .labels
        .iter()
        .map(|l| {
            let range = l.loc.start as usize..l.loc.end as usize;
            let style = match l.primary {
                true => CsLabel::primary(l.loc.file.0 as usize, range),
                false => CsLabel::secondary(l.loc.file.0 as usize, range),
            };
            style.with_message(&l.message)
        })
        .collect();
    let mut notes = f.notes.clone();
    notes.push(format!(
        "help: for more, run `cargo lockorder --explain {}`",
        f.kind.code()
    ));
    let d = Diagnostic::new(severity(f.severity))
        .with_code(f.kind.code())
        .with_message(&f.message)
        .with_labels(labels)
        .with_notes(notes);
    term::emit(out, &term::Config::default(), db, &d)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

pub fn summary_line(report: &Report, db: &SourceDb) -> String {
    let s = &report.stats;
    let scope = format!(
        "{} file{}, {} function{}, {} lock class{}",
        s.files,
        plural(s.files),
        s.functions,
        plural(s.functions),
        s.lock_classes,
        if s.lock_classes == 1 { "" } else { "es" }
    );
    let scope = if s.baselined > 0 {
        format!("{scope}; {} known from the baseline not shown", s.baselined)
    } else {
        scope
    };
    if report.findings.is_empty() {
        return format!("lockorder: no findings ({scope})");
    }
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for &k in super::Kind::ALL {
        let n = report.findings.iter().filter(|f| f.kind == k).count();
        if n > 0 {
            kinds.push((k.code(), n));
        }
    }
    let parts: Vec<String> = kinds.iter().map(|(c, n)| format!("{n} {c}")).collect();
    let errors = report.errors();
    let warnings = report.findings.len() - errors;
    let mut counts = Vec::new();
    if errors > 0 {
        counts.push(format!("{errors} error{}", plural(errors)));
    }
    if warnings > 0 {
        counts.push(format!("{warnings} warning{}", plural(warnings)));
    }
    format!(
        "lockorder: {} ({}) in {scope}{}",
        counts.join(", "),
        parts.join(", "),
        top_files(report, db)
    )
}

/// `; most in src/a.rs (12), src/b.rs (5), src/c.rs (2)` when findings are in several files.
fn top_files(report: &Report, db: &SourceDb) -> String {
    let mut per_file: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for f in &report.findings {
        if let Some(l) = f.primary() {
            *per_file.entry(&db.get(l.loc.file).display).or_default() += 1;
        }
    }
    if per_file.len() < 2 {
        return String::new();
    }
    let mut top: Vec<(&str, usize)> = per_file.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let shown: Vec<String> = top
        .iter()
        .take(3)
        .map(|(file, n)| format!("{file} ({n})"))
        .collect();
    format!("; most in {}", shown.join(", "))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
