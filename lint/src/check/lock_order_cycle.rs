//! `lock-order-cycle`: locks taken in conflicting orders. A cycle A -> B -> .. -> A in the lock
//! graph means one thread per edge can each hold one lock and wait for the next; a class nested
//! in itself means two instances taken in either order (`transfer(a, b)` against
//! `transfer(b, a)`).

use super::{cycles, Cx};
use crate::graph::LockGraph;
use crate::locks::api::{LockKind, Mode};
use crate::locks::class::{ClassId, Root};
use crate::report::{Finding, Kind, Label};

pub fn check(cx: &Cx, graph: &LockGraph) -> Vec<Finding> {
    let edges = graph.edges.keys().chain(graph.declared.keys()).copied();
    cycles::find(edges)
        .into_iter()
        .filter(|cycle| !(cycle.len() == 1 && cx.hierarchy.nested.contains_key(&cycle[0])))
        .filter_map(|cycle| finding(cx, graph, &cycle))
        .collect()
}

/// A cycle in the code, possibly closed through declared orders. One closed by a single code
/// edge is exactly a hierarchy violation and is reported as such; one of declarations alone is
/// a hierarchy cycle.
fn finding(cx: &Cx, graph: &LockGraph, cycle: &[ClassId]) -> Option<Finding> {
    let names: Vec<String> = cycle
        .iter()
        .map(|&c| cx.classes.name(c).to_string())
        .collect();
    let n = cycle.len();
    let code_edges = (0..n)
        .filter(|&i| graph.edges.contains_key(&(cycle[i], cycle[(i + 1) % n])))
        .count();
    if code_edges < n.min(2) {
        return None;
    }
    // A lock every thread of the cycle holds for reading, and waits for with a read that
    // never queues behind writers (parking_lot's `read_recursive`): that wait cannot block on
    // those holders, and no writer can hold it while they do. The cycle cannot close there.
    let edge = |i: usize| {
        graph
            .shared
            .get(&(cycle[i % n], cycle[(i + 1) % n]))
            .copied()
    };
    let never_blocks = (0..n).any(|i| match (edge(i + n - 1), edge(i)) {
        (Some((_, waits_recursive, _)), Some((held_shared, _, _))) => {
            waits_recursive && held_shared
        }
        _ => false,
    });
    if n > 1 && never_blocks {
        return None;
    }
    let mut labels = Vec::new();
    let mut notes = Vec::new();
    let mut flows = Vec::new();
    let mut functions = Vec::new();
    let mut all_shared = true;
    let mut any_async = false;
    for i in 0..n {
        let (a, b) = (cycle[i], cycle[(i + 1) % n]);
        let (held, taken) = (&names[i], &names[(i + 1) % n]);
        let Some(it) = graph.edges.get(&(a, b)) else {
            let at = *graph.declared.get(&(a, b))?;
            labels.push(Label {
                loc: at,
                message: format!("declared: `{held}` before `{taken}`"),
                primary: false,
            });
            notes.push(format!(
                "note: edge {}: `{held}` -> `{taken}` is declared at {}",
                i + 1,
                cx.at(at)
            ));
            continue;
        };
        // Every function that takes this order, not only the one shown.
        all_shared &= edge(i).is_some_and(|(held, _, taken)| held && taken);
        any_async |= it.held.lock.flavor.is_async() || it.taken.lock.flavor.is_async();
        labels.extend(cx.interaction_labels(it, held, taken, i == 0));
        flows.push(cx.flow(it, held, taken));
        functions.push(cx.unit_name(it.unit).to_string());
        notes.push(format!(
            "note: {}`{held}` -> `{taken}` in `{}`: holds `{held}` (since {}), waits for `{taken}` at {}{}",
            if n == 1 { String::new() } else { format!("edge {}: ", i + 1) },
            cx.unit_name(it.unit),
            cx.at(it.held.chain.loc),
            cx.at(it.taken.chain.acquired_at()),
            cx.via_chain(&it.taken.chain),
        ));
        if let Some(others) = graph.also.get(&(a, b)) {
            let takers = graph.takers.get(&(a, b)).copied().unwrap_or(1);
            let listed: Vec<String> = others
                .iter()
                .map(|&(u, at)| format!("`{}` ({})", cx.unit_name(u), cx.at(at)))
                .collect();
            let more = match takers.saturating_sub(1 + others.len()) {
                0 => String::new(),
                k => format!(", and {k} more"),
            };
            notes.push(format!(
                "note: `{held}` -> `{taken}` is also taken in {}{more}",
                listed.join(", ")
            ));
        }
    }
    let message = if n == 1 {
        format!(
            "two instances of `{}` are locked one inside the other, with no order between them",
            names[0]
        )
    } else {
        let mut ring = names.clone();
        ring.push(names[0].clone());
        format!(
            "lock order cycle: {}",
            ring.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" -> ")
        )
    };
    // What taking each lock is, for the picture: a semaphore hands out permits, a cell runs its
    // initializer.
    let kinds: Vec<LockKind> = (0..n)
        .map(|i| {
            graph
                .edges
                .get(&(cycle[i], cycle[(i + 1) % n]))
                .map_or(LockKind::Mutex, |it| it.held.lock.flavor.kind)
        })
        .collect();
    let permits: Vec<bool> = kinds.iter().map(|k| *k == LockKind::Semaphore).collect();
    let cell = kinds.iter().position(|k| *k == LockKind::Once);
    if n == 1 {
        notes.extend(
            graph
                .edges
                .get(&(cycle[0], cycle[0]))
                .and_then(|it| maybe_one(cx, it)),
        );
    }
    notes.push(scenario(&names, &kinds));
    if let Some(i) = cell {
        notes.push(format!(
            "note: `{}` is held only while its initializer runs: this deadlocks when one thread forces it first, and the other holds the next lock while forcing it",
            names[i]
        ));
    }
    if let Some(i) = permits.iter().position(|p| *p) {
        notes.push(format!(
            "note: a semaphore makes a thread wait only when its permits run out: this deadlocks once every permit of `{}` is held by threads waiting for the next lock",
            names[i]
        ));
    }
    // A lock whose two acquisitions in the cycle let each other through (an upgradable read
    // and a read) stops the second thread only behind a writer queued on it.
    let sharing = (0..n).find(|&i| {
        let held = graph.edges.get(&(cycle[i], cycle[(i + 1) % n]));
        let taken = graph.edges.get(&(cycle[(i + n - 1) % n], cycle[i]));
        // Every function that takes these orders shares it too, not only the ones shown.
        let always = edge(i).is_some_and(|e| e.0) && edge(i + n - 1).is_some_and(|e| e.2);
        always
            && held.zip(taken).is_some_and(|(h, t)| {
                let (h, t) = (h.held.lock.acquire.mode, t.taken.lock.acquire.mode);
                // A semaphore's permits have their own note.
                h != Mode::Permit && t != Mode::Permit && !h.excludes(t)
            })
    });
    if let (false, Some(i)) = (all_shared, sharing) {
        let writer = cx.a_writer(crate::locks::class::ClassRef::Known(cycle[i]));
        notes.push(format!(
            "note: the two acquisitions of `{}` here share it (neither waits for the other): this deadlocks only when a writer queues on it while it is held{}",
            names[i],
            writer.map_or_else(String::new, |w| format!(" (a writer is in the code: {w})"))
        ));
    }
    if all_shared {
        let writer = cycle
            .iter()
            .find_map(|&c| Some((c, cx.a_writer(crate::locks::class::ClassRef::Known(c))?)));
        notes.push(format!(
            "note: every step here is a shared (read) lock: it deadlocks only when writers queue on {} while the readers hold them{}",
            if n == 1 { "both instances" } else { "these locks" },
            match writer {
                Some((c, w)) => format!(" (a writer of `{}` is in the code: {w})", cx.classes.name(c)),
                None => " (no writer of them is in the code analyzed)".to_string(),
            }
        ));
    }
    notes.push(if let (true, Some(i)) = (n > 1, cell) {
        format!(
            "help: compute what the initializer of `{}` needs before forcing it, and never force it while holding a lock its initializer takes",
            names[i]
        )
    } else if let (true, Some(i)) = (n > 1, permits.iter().position(|p| *p)) {
        format!(
            "help: acquire the permit of `{}` before any lock, everywhere, or release the lock before waiting for a permit",
            names[i]
        )
    } else if n == 1 {
        format!("help: lock two `{}` instances in one global order (by a stable key such as an id or address), or never hold one while locking another", names[0])
    } else {
        // Backing off from an async lock needs a deadline: its `try_lock` fails whenever the
        // holder is merely suspended, and a plain `.await` never gives up.
        let back_off = match any_async {
            true => "or wait for the second with a timeout (`tokio::time::timeout`) and release the first to retry",
            false => "or use `try_lock` and back off on failure",
        };
        format!(
            "help: take these locks in one order everywhere (for example `{}` before `{}`), release the first before taking the second, {back_off}",
            names[0], names[1]
        )
    });
    labels.sort();
    labels.dedup_by(|a, b| a.loc == b.loc && a.message == b.message);
    Some(Finding {
        kind: Kind::LockOrderCycle,
        severity: Kind::LockOrderCycle.default_severity(),
        message,
        locks: names,
        labels,
        notes,
        flows,
        functions,
        causes: Vec::new(),
    })
}

/// Two inputs of one function, locked one inside the other at the same path (`self.items`, then
/// `other.items`): unless the function compares them by address, they may be one object, and
/// the second acquisition then waits for the first.
fn maybe_one(cx: &Cx, it: &crate::summary::Interaction) -> Option<String> {
    let (held, taken) = (&it.held.lock.place, &it.taken.lock.place);
    let (Root::Param(a), Root::Param(b)) = (held.root, taken.root) else {
        return None;
    };
    if a == b || held.proj != taken.proj || cx.units[it.unit].rare().checks_identity {
        return None;
    }
    let func = cx.units[it.unit].func;
    let name = |i| cx.index.param_name(func, i).unwrap_or("_").to_string();
    if crate::graph::callers_apart(cx.units, it.unit, held, taken).is_some() {
        return Some(format!(
            "note: every call passes two different objects as `{}` and `{}`, but not always in the same order",
            name(a),
            name(b)
        ));
    }
    let shared = it.held.lock.acquire.mode.is_shared() && it.taken.lock.acquire.mode.is_shared();
    Some(format!(
        "note: `{}` and `{}` may be the same object (nothing here compares them with `ptr::eq`): then the second acquisition waits for the first on this one thread{}",
        name(a),
        name(b),
        if shared {
            ", as soon as a writer queues between the two reads"
        } else {
            ""
        }
    ))
}

/// How the threads interleave to deadlock. Two threads get lockdep's two-column picture; a longer
/// cycle lists one thread per edge, each holding its lock and waiting for the next. A
/// semaphore's step is a permit of it, a cell's the run of its initializer (`kinds[i]`).
fn scenario(names: &[String], kinds: &[LockKind]) -> String {
    let kind = |i: usize| {
        kinds
            .get(i % names.len())
            .copied()
            .unwrap_or(LockKind::Mutex)
    };
    let lock = |i: usize| {
        let name = if names.len() == 1 {
            format!("`{}` #{}", names[0], i + 1)
        } else {
            format!("`{}`", names[i % names.len()])
        };
        match kind(i) {
            LockKind::Semaphore => format!("a permit of {name}"),
            _ => name,
        }
    };
    let take = |i: usize| match kind(i) {
        LockKind::Semaphore => format!("acquire {}", lock(i)),
        LockKind::Once => format!("force {} (runs its initializer)", lock(i)),
        _ => format!("lock {}", lock(i)),
    };
    let wait = |i: usize| match kind(i) {
        LockKind::Once => format!("force {} <- waits for its initializer", lock(i)),
        _ => format!("{} <- waits", take(i)),
    };
    let mut lines = vec!["note: possible deadlock:".to_string()];
    if names.len() > 2 {
        for i in 0..names.len() {
            lines.push(format!(
                "thread {}: holds {}, waits for {}",
                i + 1,
                lock(i),
                lock(i + 1)
            ));
        }
        return lines.join("\n");
    }
    let width = (0..2)
        .map(|i| take(i).len() + 9)
        .max()
        .unwrap_or(20)
        .max(20);
    let row = |col: usize, text: String| {
        format!("{}{text}", " ".repeat(col * width))
            .trim_end()
            .to_string()
    };
    lines.push(format!("{:<width$}thread 2", "thread 1"));
    lines.push(row(0, take(0)));
    lines.push(row(1, take(1)));
    lines.push(row(0, wait(1)));
    lines.push(row(1, wait(0)));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn scenario_interleaves_one_column_per_thread() {
        let s = super::scenario(&["A".to_string(), "B".to_string()], &[]);
        let expected = "note: possible deadlock:\n\
thread 1            thread 2\n\
lock `A`\n                    lock `B`\n\
lock `B` <- waits\n                    lock `A` <- waits";
        assert_eq!(s, expected);
        let ring = super::scenario(&["A".to_string(), "B".to_string(), "C".to_string()], &[]);
        assert_eq!(
            ring.lines().last(),
            Some("thread 3: holds `C`, waits for `A`")
        );
        let kinds = [super::LockKind::Mutex, super::LockKind::Semaphore];
        let permit = super::scenario(&["M".to_string(), "S".to_string()], &kinds);
        let kinds = [super::LockKind::Mutex, super::LockKind::Once];
        let cell = super::scenario(&["M".to_string(), "C".to_string()], &kinds);
        assert!(
            cell.contains("force `C` <- waits for its initializer"),
            "{cell}"
        );
        assert!(
            permit.contains("acquire a permit of `S` <- waits"),
            "{permit}"
        );
    }
}
