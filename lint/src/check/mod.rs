//! Step 7 of the pipeline: the checks. One file per finding kind; what they share (naming a
//! lock, describing a call chain, labelling an interaction) is here.

mod await_holding_lock;
pub mod cycles;
mod double_lock;
mod hierarchy_cycle;
mod hierarchy_violation;
mod hold_while_wait;
mod lock_order_cycle;
mod rwlock_upgrade;

use crate::events::{Region, RegionKind, Unit, Via};
use crate::graph::LockGraph;
use crate::index::{FnId, Index};
use crate::locks::aliases::Aliases;
use crate::locks::api::{self, Conflict, LockKind};
use crate::locks::class::{ClassRef, Classes, LockRef, Place, Root};
use crate::locks::hierarchy::Hierarchy;
use crate::report::Kind;
use crate::report::{Finding, Label};
use crate::source::{Loc, SourceDb};
use crate::summary::{Interaction, Summaries};
use std::collections::HashMap;

/// What a re-acquisition finding says, by kind: its message and primary label (given the
/// lock's name), why it deadlocks, and how to fix it.
pub struct Reacquire {
    pub kind: Kind,
    pub message: fn(&str) -> String,
    pub primary: fn(&str) -> String,
    pub why: String,
    pub help: &'static str,
}

/// Calls a chain shows on one line; a longer one is a numbered list.
const LONG_CHAIN: usize = 2;

pub struct Cx<'c> {
    pub index: &'c Index,
    pub classes: &'c Classes,
    pub units: &'c [Unit],
    pub summaries: &'c Summaries,
    pub hierarchy: &'c Hierarchy,
    pub aliases: &'c Aliases,
    /// Calls that reach their callee other than directly, by where they are and what they
    /// call: how a chain entered each function, for the notes.
    pub vias: HashMap<(Loc, FnId), Via>,
    /// Closures, async blocks and spawned code of every unit, by file and start: where a hop of
    /// a chain runs (`Cx::hop`).
    pub regions: Vec<Region>,
    /// How a wait whose waker the code does not show is reported; the configuration's
    /// `unseen-wakers`.
    pub unseen_wakers: Unseen,
    pub db: &'c SourceDb,
}

/// How a wait whose waker the code does not show is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unseen {
    /// Every such wait, with this severity (`unseen-wakers = "warn"` or `"deny"`).
    Every(crate::report::Severity),
    /// The default: a wait on a channel, condvar or barrier that a function of the program
    /// made and handed on, as a warning. The code shows that a thread of the program holds the
    /// other end, not what that thread does. A wait on anything else (a field, a parameter, an
    /// external crate's object) is not reported: on real workspaces nearly all of those were
    /// not deadlocks.
    MadeHere,
    /// None (`"allow"`).
    Off,
}

pub fn run(cx: &Cx, graph: &LockGraph) -> Vec<Finding> {
    let mut out = lock_order_cycle::check(cx, graph);
    out.extend(double_lock::check(cx, graph));
    out.extend(rwlock_upgrade::check(cx, graph));
    out.extend(hold_while_wait::check(cx));
    out.extend(await_holding_lock::check(cx));
    out.extend(hierarchy_violation::check(cx, graph));
    out.extend(hierarchy_cycle::check(cx));
    out
}

impl Cx<'_> {
    pub fn at(&self, loc: Loc) -> String {
        self.db.at(loc)
    }

    /// How a lock is named in messages: its class, or for a lock passed in as a parameter,
    /// the parameter.
    pub fn lock_name(&self, unit: usize, lock: &LockRef) -> String {
        match lock.class {
            ClassRef::Known(c) => self.classes.name(c).to_string(),
            // A lock the function is handed, named by where: `transfer::from`, or for a method
            // of a type that is itself a lock (`self`), the type. A thread it spawns names it as
            // the function does.
            _ => {
                let function = match self.enclosing(unit) {
                    Some(f) if matches!(lock.place.root, Root::Param(_)) => {
                        self.index.fn_display(f)
                    }
                    _ => self.unit_name(unit),
                };
                let place = self.place_text(unit, &lock.place);
                match place.strip_prefix("self") {
                    Some(rest) => {
                        let ty = function
                            .rsplit_once("::")
                            .map_or(function.as_str(), |p| p.0);
                        // `Cache::entries`, as a field's class is named.
                        match rest.strip_prefix('.') {
                            Some(field) => format!("{ty}::{field}"),
                            None => format!("{ty}{rest}"),
                        }
                    }
                    None => format!("{function}::{place}"),
                }
            }
        }
    }

    /// The function whose body a unit is: itself, or the one that spawned a closure (whose
    /// captured inputs are that function's parameters).
    fn enclosing(&self, unit: usize) -> Option<FnId> {
        self.units[..=unit].iter().rev().find_map(|u| u.func)
    }

    fn place_text(&self, unit: usize, place: &Place) -> String {
        let root = match place.root {
            Root::Param(i) => match self.index.param_name(self.enclosing(unit), i) {
                Some(name) if name != "_" => name.to_string(),
                // A spawned closure's inputs are what it captured; a pattern has no one name.
                _ if self.units[unit].func.is_none() => "{captured}".to_string(),
                _ => format!("{{argument {}}}", i + 1),
            },
            Root::Static(s) => self.index.static_(s).display.clone(),
            Root::Global(f) => format!("{}()", self.index.fn_display(f)),
            Root::Local(_) | Root::Unknown => "{temporary}".to_string(),
        };
        place.text(root)
    }

    pub fn unit_name(&self, unit: usize) -> String {
        self.units[unit].name(self.index)
    }

    /// The calls of `units` that reach their callee other than directly (`Cx::vias`).
    pub fn call_vias(units: &[Unit]) -> HashMap<(Loc, FnId), Via> {
        units
            .iter()
            .flat_map(|u| {
                u.rare().vias.iter().filter_map(|&(k, via)| {
                    u.calls.get(k as usize).map(|c| ((c.loc, c.callee), via))
                })
            })
            .collect()
    }

    /// The closures, async blocks and spawned code of `units`, in order (`Cx::regions`).
    pub fn code_regions(units: &[Unit]) -> Vec<Region> {
        let mut out: Vec<Region> = units
            .iter()
            .flat_map(|u| u.rare().regions.iter().copied())
            .collect();
        out.sort_by_key(|r| (r.span.file, r.span.start));
        out
    }

    /// Where code at `loc` runs when it is not straight-line code of its function: the
    /// innermost closure, async block or spawned code around it.
    pub fn hop(&self, loc: Loc) -> Option<String> {
        let to = self
            .regions
            .partition_point(|r| (r.span.file, r.span.start) <= (loc.file, loc.start));
        let r = self.regions[..to]
            .iter()
            .rev()
            .take_while(|r| r.span.file == loc.file)
            .find(|r| loc.end <= r.span.end)?;
        let at = self.at(r.span);
        Some(match r.kind {
            RegionKind::Closure => format!("in the closure at {at}"),
            RegionKind::Async => format!("in the async block at {at}"),
            RegionKind::Thread => format!("on another thread: the closure spawned at {at}"),
            RegionKind::Task => format!("in another task: the future spawned at {at}"),
        })
    }

    fn via(&self, at: Loc, callee: FnId) -> Via {
        self.vias.get(&(at, callee)).copied().unwrap_or(Via::Direct)
    }

    /// `` via `a` (src/x.rs:3:5) -> `b` (src/x.rs:9:9) ``, or empty for a direct acquisition.
    pub fn via_chain(&self, chain: &std::rc::Rc<crate::summary::Chain>) -> String {
        let hops = without_loops(
            chain
                .links()
                .iter()
                .filter_map(|l| Some((l.loc, l.enters?))),
        );
        let calls: Vec<String> = hops
            .into_iter()
            .map(|(loc, f)| {
                let through = match self.via(loc, f) {
                    Via::Trait(t) => {
                        let tr = self.index.name(self.index.trait_(t).name);
                        format!(", through trait `{tr}`: the implementation that may run here")
                    }
                    Via::Init => ", its initializer, when this use is the first".to_string(),
                    Via::Direct => String::new(),
                };
                let asynchronous = match self.index.func(f).is_async {
                    true => ", async: runs where its future is awaited",
                    false => "",
                };
                let hop = self.hop(loc).map(|h| format!(", {h}")).unwrap_or_default();
                format!(
                    "`{}` ({}{hop}{through}{asynchronous})",
                    self.index.fn_display(f),
                    self.at(loc)
                )
            })
            .collect();
        match calls.len() {
            0 => String::new(),
            // A long chain reads better as a list, one call a line.
            1..=LONG_CHAIN => format!(" via {}", calls.join(" -> ")),
            _ => {
                let steps: Vec<String> = calls
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("\n  {}. {c}", i + 1))
                    .collect();
                format!(" via {} calls:{}", calls.len(), steps.concat())
            }
        }
    }

    /// The function a chain of calls ends in.
    pub fn reached_in(&self, unit: usize, chain: &std::rc::Rc<crate::summary::Chain>) -> String {
        let last_call = chain.links().iter().rev().find_map(|l| l.enters);
        match last_call {
            Some(f) => self.index.fn_display(f),
            None => self.unit_name(unit),
        }
    }

    /// One thread's path through an interaction: where it took `held`, each call on the way to
    /// `taken`, and where it waits for it.
    pub fn flow(&self, it: &Interaction, held: &str, taken: &str) -> Vec<Label> {
        let mut steps = vec![Label {
            loc: it.held.chain.loc,
            message: format!("holds `{held}`"),
            primary: false,
        }];
        steps.extend(self.chain_steps(&it.taken.chain, &format!("waits for `{taken}`")));
        steps
    }

    /// The links of a chain as steps: each call entered, then the final event.
    pub fn chain_steps(
        &self,
        chain: &std::rc::Rc<crate::summary::Chain>,
        last: &str,
    ) -> Vec<Label> {
        chain
            .links()
            .iter()
            .map(|l| Label {
                loc: l.loc,
                message: match (l.enters, self.hop(l.loc)) {
                    (Some(f), None) => format!("calls `{}`", self.index.fn_display(f)),
                    (Some(f), Some(hop)) => format!("calls `{}` ({hop})", self.index.fn_display(f)),
                    (None, None) => last.to_string(),
                    (None, Some(hop)) => format!("{last} ({hop})"),
                },
                primary: false,
            })
            .collect()
    }

    /// Labels for one "waits for `taken` while holding `held`" step.
    pub fn interaction_labels(
        &self,
        it: &Interaction,
        held: &str,
        taken: &str,
        primary: bool,
    ) -> Vec<Label> {
        let mut labels = vec![Label {
            loc: it.held.chain.loc,
            message: match it.held.chain.next {
                Some(_) => format!("`{held}` acquired inside this call and still held"),
                None if it.held.lock.flavor.kind == LockKind::Once => {
                    format!("`{held}` forced here: its initializer runs from here")
                }
                None => format!("`{held}` acquired here"),
            },
            primary: false,
        }];
        let direct = it.taken.chain.next.is_none();
        labels.push(Label {
            loc: it.at,
            message: if direct {
                format!("waits for `{taken}` while holding `{held}`")
            } else if let Some(ty) = self.dropped_type(&it.taken.chain) {
                format!("a `{ty}` is dropped here: its `drop` waits for `{taken}` while `{held}` is held")
            } else {
                format!("this call waits for `{taken}` while `{held}` is held")
            },
            primary,
        });
        if !direct {
            let at = it.taken.chain.acquired_at();
            let hop = self.hop(at).map(|h| format!(", {h}")).unwrap_or_default();
            labels.push(Label {
                loc: at,
                message: format!(
                    "`{taken}` taken here, in `{}`{hop}",
                    self.reached_in(it.unit, &it.taken.chain)
                ),
                primary: false,
            });
        }
        labels
    }

    /// The type whose `Drop` impl a chain's first call enters: the call is a value dying there.
    fn dropped_type(&self, chain: &std::rc::Rc<crate::summary::Chain>) -> Option<String> {
        let f = chain.enters?;
        let (t, _) = self.index.drops.iter().find(|(_, d)| **d == f)?;
        Some(self.index.ty(*t).display.clone())
    }

    /// A lock taken again by the thread that holds it (`double_lock`, `rwlock_upgrade`): the
    /// labels, the call chain and the recursion, around the kind's own words.
    pub fn reacquire_finding(&self, it: &Interaction, words: Reacquire) -> Finding {
        let name = self.lock_name(it.unit, &it.taken.lock);
        let held = self.lock_name(it.unit, &it.held.lock);
        let mut labels = self.interaction_labels(it, &held, &name, true);
        for l in labels.iter_mut().filter(|l| l.primary) {
            l.message = (words.primary)(&name);
            if let Some(ty) = self.dropped_type(&it.taken.chain) {
                l.message = format!("{} (a `{ty}` is dropped here: its `drop` runs)", l.message);
            } else if it.taken.chain.next.is_some() {
                l.message = format!("{} (inside this call)", l.message);
            }
        }
        let mut notes = vec![format!("note: {}", words.why)];
        if let Some(alias) = self.aliases.same(&it.held.lock, &it.taken.lock) {
            let (a, b) = alias.texts();
            let ty = self.index.ty(alias.ty).display.clone();
            notes.push(format!(
                "note: `{}` and `{}` are one lock: every `{ty}` is built with the same value in `{a}` and `{b}` (as at {})",
                self.place_text(it.unit, &it.held.lock.place),
                self.place_text(it.unit, &it.taken.lock.place),
                self.at(alias.at)
            ));
        }
        let via = self.via_chain(&it.taken.chain);
        if !via.is_empty() {
            notes.push(format!("note: the second acquisition happens{via}"));
        }
        let recursive = self.units[it.unit]
            .func
            .is_some_and(|f| it.taken.chain.links().iter().any(|l| l.enters == Some(f)));
        if recursive {
            notes.push(format!(
                "note: `{}` reaches itself recursively while holding the lock",
                self.unit_name(it.unit)
            ));
        }
        notes.push(format!("help: {}", words.help));
        Finding {
            kind: words.kind,
            severity: words.kind.default_severity(),
            message: (words.message)(&name),
            locks: vec![name.clone()],
            labels,
            notes,
            flows: vec![self.flow(it, &name, &name)],
            functions: vec![self.unit_name(it.unit).to_string()],
            // Callers that each hold the lock and call one helper that takes it again: one
            // cause, the helper's acquisition.
            causes: it.taken.chain.in_callee(),
        }
    }

    /// A function that takes `class` for writing, and where: the queued writer a deadlock of
    /// readers needs.
    pub fn a_writer(&self, class: ClassRef) -> Option<String> {
        self.units.iter().enumerate().find_map(|(u, unit)| {
            let a = unit.acquisitions.iter().find(|a| {
                a.lock.class == class && a.lock.acquire.waits && !a.lock.acquire.mode.is_shared()
            })?;
            Some(format!(
                "`{}` writes it at {}",
                self.unit_name(u),
                self.at(a.loc)
            ))
        })
    }

    pub fn conflict(&self, it: &Interaction) -> Option<Conflict> {
        api::conflict(
            it.held.lock.flavor,
            it.held.lock.acquire.mode,
            it.taken.lock.acquire.mode,
        )
    }
}

/// The calls of a chain less the loops of a recursion it went around (a lock reached once per
/// round): a call site met again continues from where it was first met, the same path, shorter.
fn without_loops(calls: impl Iterator<Item = (Loc, FnId)>) -> Vec<(Loc, FnId)> {
    let mut hops: Vec<(Loc, FnId)> = Vec::new();
    for hop in calls {
        if let Some(i) = hops.iter().position(|&h| h == hop) {
            hops.truncate(i);
        }
        hops.push(hop);
    }
    hops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_around_a_recursion_is_shown_once_round() {
        let at = |line| Loc {
            file: crate::source::FileId(0),
            line,
            column: 1,
            start: line,
            end: line,
        };
        // prepare (1) -> compile (2) -> reparse (3) -> prepare (1) -> compile (2) -> lock (4)
        let (prepare, compile, reparse, lock) = (FnId(0), FnId(1), FnId(2), FnId(3));
        let chain = [
            (at(1), prepare),
            (at(2), compile),
            (at(3), reparse),
            (at(1), prepare),
            (at(2), compile),
            (at(4), lock),
        ];
        assert_eq!(
            without_loops(chain.into_iter()),
            [(at(1), prepare), (at(2), compile), (at(4), lock)]
        );
    }
}
