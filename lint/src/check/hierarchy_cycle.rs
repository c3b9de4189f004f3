//! `hierarchy-cycle`: `#[lock_order]` declarations that contradict each other (A before B,
//! B before A, possibly through several declarations). No code can follow both.

use super::{cycles, Cx};
use crate::report::{Finding, Kind, Label};

pub fn check(cx: &Cx) -> Vec<Finding> {
    let h = cx.hierarchy;
    cycles::find(h.before.iter().map(|&(a, b, _)| (a, b)))
        .into_iter()
        .filter(|cycle| cycle.len() > 1)
        .map(|cycle| {
            let n = cycle.len();
            let names: Vec<String> = cycle.iter().map(|&c| cx.classes.name(c).to_string()).collect();
            let mut labels = Vec::new();
            for i in 0..n {
                let (a, b) = (cycle[i], cycle[(i + 1) % n]);
                if let Some(&(_, _, at)) = h.before.iter().find(|&&(x, y, _)| x == a && y == b) {
                    labels.push(Label {
                        loc: at,
                        message: format!("declares `{}` before `{}`", names[i], names[(i + 1) % n]),
                        primary: i == 0,
                    });
                }
            }
            labels.sort();
            let mut ring = names.clone();
            ring.push(names[0].clone());
            Finding {
                kind: Kind::HierarchyCycle,
                severity: Kind::HierarchyCycle.default_severity(),
                message: format!(
                    "declared lock orders contradict each other: {}",
                    ring.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" before ")
                ),
                locks: names,
                flows: Vec::new(),
                functions: Vec::new(),
                causes: Vec::new(),
                labels,
                notes: vec!["help: decide which lock comes first and remove the declaration that says otherwise".to_string()],
            }
        })
        .collect()
}
