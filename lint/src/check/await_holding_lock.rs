//! `await-holding-lock`: the guard of a blocking lock (std, parking_lot, spin) is alive at an
//! `.await`. The task can be suspended there with the lock held; another task on the same
//! executor thread that asks for the lock blocks that thread, and the holder never resumes.
//! Guards of async-aware locks (tokio, async-std, futures, async-lock) are made for this.

use std::collections::{BTreeMap, HashSet};

use super::Cx;
use crate::locks::class::{ClassId, ClassRef};
use crate::report::{Finding, Kind, Label};
use crate::source::Loc;
use crate::summary::AwaitHold;

pub fn check(cx: &Cx) -> Vec<Finding> {
    // A lock that nothing in the code waits for (every taker uses `try_lock` and gives up,
    // `FileBusy`) blocks no thread while a task holding it is suspended.
    let waited_for: HashSet<ClassId> = cx
        .units
        .iter()
        .flat_map(|u| &u.acquisitions)
        .filter(|a| a.lock.acquire.waits)
        .filter_map(|a| match a.lock.class {
            ClassRef::Known(c) => Some(c),
            _ => None,
        })
        .collect();
    let waited = |class: ClassRef| match class {
        ClassRef::Known(c) => waited_for.contains(&c),
        _ => true,
    };
    // One finding per guard, pointing at every await it is held across.
    let mut by_guard: BTreeMap<(usize, Loc), Vec<&AwaitHold>> = BTreeMap::new();
    for ah in &cx.summaries.found.await_holds {
        if ah.held.lock.flavor.blocks_thread() && waited(ah.held.lock.class) {
            by_guard
                .entry((ah.unit, ah.held.chain.loc))
                .or_default()
                .push(ah);
        }
    }
    by_guard
        .into_values()
        .map(|holds| {
            let first = holds[0];
            let held = cx.lock_name(first.unit, &first.held.lock);
            let mut labels = vec![Label {
                loc: first.held.chain.loc,
                message: match first.held.chain.next {
                    Some(_) => format!("this call returns a guard of `{held}`"),
                    None => format!("guard of `{held}` taken here"),
                },
                primary: true,
            }];
            let mut awaits: Vec<Loc> = holds.iter().map(|h| h.at).collect();
            awaits.sort();
            awaits.dedup();
            for at in &awaits {
                labels.push(Label {
                    loc: *at,
                    message: format!("suspended here while `{held}` is held"),
                    primary: false,
                });
            }
            let flavor = first.held.lock.flavor;
            let mut notes = vec![
                "note: the task can be suspended with the lock held; a task on the same executor thread that then locks it blocks the thread, and the holder never resumes to release it".to_string(),
            ];
            if clippy_allowed(cx, first.unit) {
                notes.push(format!(
                    "note: `#[allow(clippy::await_holding_lock)]` here silences clippy, not lockorder: an allow states no reason and outlives the code it was written for{}",
                    other_takers(cx, first.unit, &first.held.lock.class)
                ));
            }
            notes.push(format!("help: drop the guard before the `.await` (end its scope or call `drop`), or use an async-aware lock such as `tokio::sync::{}`", flavor.kind.type_name()));
            Finding {
                kind: Kind::AwaitHoldingLock,
                severity: Kind::AwaitHoldingLock.default_severity(),
                message: format!(
                    "guard of `{held}` ({} `{}`) is held across {}",
                    flavor.family_name(),
                    flavor.kind.type_name(),
                    if awaits.len() == 1 { "an `.await`".to_string() } else { format!("{} `.await`s", awaits.len()) }
                ),
                locks: vec![held.clone()],
                flows: vec![labels.clone()],
                functions: vec![cx.unit_name(first.unit)],
                causes: Vec::new(),
                labels,
                notes,
            }
        })
        .collect()
}

/// Whether the function (or its file, crate-wide) carries `#[allow(clippy::await_holding_lock)]`:
/// the attribute lines right above its signature, or an inner attribute of its file.
fn clippy_allowed(cx: &Cx, unit: usize) -> bool {
    const LINT: &str = "clippy::await_holding_lock";
    let Some(f) = cx.units[unit].func else {
        return false;
    };
    let at = cx.index.func(f).loc;
    let text = &cx.db.get(at.file).text;
    if text.contains(&format!("#![allow({LINT})]")) {
        return true;
    }
    text.lines()
        .take(at.line.saturating_sub(1) as usize)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take_while(|l| {
            let l = l.trim_start();
            l.starts_with("#[") || l.starts_with("//") || l.starts_with(')') || l.is_empty()
        })
        .any(|l| l.contains(LINT))
}

/// What lockorder knows that clippy did not: the other functions that wait for the same lock,
/// one of which, run as another task on this thread, blocks it.
fn other_takers(cx: &Cx, unit: usize, class: &crate::locks::class::ClassRef) -> String {
    let mut others: Vec<String> = cx
        .units
        .iter()
        .enumerate()
        .filter(|&(u, _)| u != unit)
        .filter_map(|(u, un)| {
            let a = un
                .acquisitions
                .iter()
                .find(|a| a.lock.class == *class && a.lock.acquire.waits)?;
            Some(format!("`{}` ({})", cx.unit_name(u), cx.at(a.loc)))
        })
        .collect();
    others.sort();
    others.dedup();
    match others.len() {
        0 => String::new(),
        n => format!(
            "; the lock is also waited for by {}{}",
            others
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            if n > 3 {
                format!(" and {} more", n - 3)
            } else {
                String::new()
            }
        ),
    }
}
