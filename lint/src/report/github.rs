//! GitHub Actions workflow commands: one `::error`/`::warning` annotation line per finding, at
//! its primary location, so that findings show up on the pull request's diff.

use super::{Report, Severity};
use crate::source::SourceDb;

/// Workflow command values escape `%`, CR and LF; properties also escape `:` and `,`.
fn escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

pub fn render(report: &Report, db: &SourceDb) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let Some(at) = f.primary() else { continue };
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = f.message.clone();
        for n in &f.notes {
            message.push('\n');
            message.push_str(n);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},title={}::{}\n",
            escape(&db.get(at.loc.file).display, true),
            at.loc.line,
            at.loc.column,
            at.loc.line,
            escape(&format!("lockorder {}", f.kind.code()), true),
            escape(&message, false),
        ));
    }
    out
}
