//! One line per finding, `file:line:col: severity[kind]: message`, at its primary location: for
//! terminals, `grep`, and editors that read compiler-style lines.

use super::Report;
use crate::source::SourceDb;

pub fn render(report: &Report, db: &SourceDb) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let Some(at) = f.primary() else { continue };
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            db.get(at.loc.file).display,
            at.loc.line,
            at.loc.column,
            f.severity.as_str(),
            f.kind.code(),
            f.message
        ));
    }
    out
}
