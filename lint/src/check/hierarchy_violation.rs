//! `hierarchy-violation`: a thread waits for a lock declared (with `#[lock_order]`) to come
//! before a lock it holds, or for a lock whose level is not above the held one's. Reported on the
//! first half of a future inversion, before any cycle exists.

use super::Cx;
use crate::graph::LockGraph;
use crate::report::{Finding, Kind, Label};

pub fn check(cx: &Cx, graph: &LockGraph) -> Vec<Finding> {
    let mut out = Vec::new();
    for (&(held, taken), it) in &graph.edges {
        if held == taken {
            continue;
        }
        let (held_name, taken_name) = (cx.classes.name(held), cx.classes.name(taken));
        let (why, decls) = if let Some(decls) = cx.hierarchy.declared_before(taken, held) {
            (
                format!("`{taken_name}` is declared to come before `{held_name}`"),
                decls,
            )
        } else {
            let levels = (
                cx.hierarchy.levels.get(&held),
                cx.hierarchy.levels.get(&taken),
            );
            match levels {
                (Some(&(lh, at_h)), Some(&(lt, at_t))) if lt <= lh => (
                    format!(
                        "`{taken_name}` has level {lt}, not above the level {lh} of `{held_name}`"
                    ),
                    vec![at_h, at_t],
                ),
                _ => continue,
            }
        };
        let mut labels = cx.interaction_labels(it, held_name, taken_name, true);
        for at in &decls {
            labels.push(Label {
                loc: *at,
                message: "order declared here".to_string(),
                primary: false,
            });
        }
        labels.sort();
        labels.dedup_by(|a, b| a.loc == b.loc);
        let via = cx.via_chain(&it.taken.chain);
        out.push(Finding {
            kind: Kind::HierarchyViolation,
            severity: Kind::HierarchyViolation.default_severity(),
            message: format!("`{taken_name}` is taken while holding `{held_name}`, against the declared lock order"),
            locks: vec![held_name.to_string(), taken_name.to_string()],
            flows: vec![cx.flow(it, held_name, taken_name)],
            functions: vec![cx.unit_name(it.unit).to_string()],
            // Callers reaching one acquisition against the order through a helper: one cause.
            causes: it.taken.chain.in_callee(),
            labels,
            notes: vec![
                format!("note: {why}; this thread holds `{held_name}` (since {}) and waits for `{taken_name}` at {}{via}", cx.at(it.held.chain.loc), cx.at(it.taken.chain.acquired_at())),
                "note: any thread that follows the declared order then deadlocks against this one".to_string(),
                format!("help: take `{taken_name}` before `{held_name}`, release `{held_name}` first, or fix the declaration if the order it states is wrong"),
            ],
        });
    }
    out
}
