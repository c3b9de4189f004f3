//! How `cargo lockorder suggest` shows its proposal: the attributes to paste, each under the
//! line it goes before, then the acquisitions that go against the order (the cycles to fix
//! first), then what it could not declare.

use crate::source::SourceDb;
use crate::suggest::Suggestion;

pub fn render(s: &Suggestion, db: &SourceDb, applied: bool) -> String {
    let mut out = String::new();
    if s.edits.is_empty() {
        out.push_str("lockorder: no lock order to declare: no two locks an attribute can name are taken one inside the other\n");
    } else {
        out.push_str(&format!(
            "lockorder: {} declaration{} match every acquisition order the code follows{}:\n",
            s.edits.len(),
            if s.edits.len() == 1 { "" } else { "s" },
            if s.breaking.is_empty() {
                ""
            } else {
                " but the ones listed below"
            }
        ));
        for e in &s.edits {
            out.push_str(&format!(
                "\n{}:{}: before {}\n{}\n",
                db.get(e.file).display,
                e.line,
                e.what,
                e.text
            ));
        }
    }
    if !s.breaking.is_empty() {
        out.push_str(
            "\nthese acquisitions go against that order; each closes a cycle (fix them first: \
             once the order is declared, `hierarchy-violation` reports them):\n",
        );
        for b in &s.breaking {
            out.push_str(&format!(
                "  {}: `{}` taken while holding `{}`, in `{}`\n",
                db.at(b.at),
                b.taken,
                b.held,
                b.function
            ));
        }
    }
    for n in &s.notes {
        out.push_str(&format!("\nnote: {n}\n"));
    }
    if !applied && !s.edits.is_empty() {
        out.push_str("\nrun with --apply to write these attributes into the source\n");
    }
    out
}
