//! The threads a function starts: their barrier waits and their wake-ups, kept in the
//! function's summary and re-expressed at each call, so that a caller that made a barrier or a
//! channel and handed it down knows who else waits at it or wakes its waiters.

use super::{
    enter, rebase_object, Callees, Chain, Site, Summary, WaitEntry, WakeEntry, MAX_ENTRIES,
};
use crate::events::{Object, Unit};
use crate::locks::api::Waitable;

/// What waits and wake-ups of the threads a function starts have in common: the condvar,
/// channel or barrier they are on, which a caller may know by another name.
pub(super) trait OnObject: Clone {
    fn object(&self) -> &Option<Object>;
    fn object_mut(&mut self) -> &mut Option<Object>;
}

impl OnObject for WaitEntry {
    fn object(&self) -> &Option<Object> {
        &self.object
    }
    fn object_mut(&mut self) -> &mut Option<Object> {
        &mut self.object
    }
}

impl OnObject for WakeEntry {
    fn object(&self) -> &Option<Object> {
        &self.object
    }
    fn object_mut(&mut self) -> &mut Option<Object> {
        &mut self.object
    }
}

/// A callee's threads' waits or wake-ups, on what the caller handed it.
pub(super) fn rebase_threads<E: OnObject>(list: &[(usize, E)], site: &Site) -> Vec<(usize, E)> {
    list.iter()
        .map(|(t, e)| {
            let mut e = e.clone();
            *e.object_mut() = rebase_object(e.object(), site);
            (*t, e)
        })
        .collect()
}

/// Adds threads' waits or wake-ups to a summary: one per thread and object.
fn push_threads<E: OnObject>(list: &mut Vec<(usize, E)>, events: impl Iterator<Item = (usize, E)>) {
    for (t, e) in events {
        if list.len() < MAX_ENTRIES
            && !list
                .iter()
                .any(|(u, v)| *u == t && v.object() == e.object())
        {
            list.push((t, e));
        }
    }
}

/// The wake-ups of a spawned thread: its own, and its callees' (summarized before it).
fn thread_wakes<'a>(
    thread: &'a Unit,
    callees: &'a Callees,
) -> impl Iterator<Item = WakeEntry> + 'a {
    let own = thread.rare().wakes.iter().map(|w| WakeEntry {
        kind: w.kind,
        object: w.object.clone(),
        chain: Chain::here(w.loc),
    });
    let called = (0..thread.calls.len()).flat_map(move |k| {
        let site = Site::of(thread, k);
        callees
            .of(site.call.callee)
            .wakes
            .iter()
            .map(move |w| WakeEntry {
                object: rebase_object(&w.object, &site),
                chain: enter(site.call, &w.chain),
                ..w.clone()
            })
    });
    own.chain(called)
}

/// Adds to `summary` the barrier waits and wake-ups of the threads the unit starts (the units
/// after its own), then those of the threads its callees start.
pub(super) fn summarize(
    unit_idx: usize,
    unit: &Unit,
    callees: &Callees,
    per_call: &[Summary],
    summary: &mut Summary,
) {
    // The barrier waits of the threads this function starts (the units after its own), then
    // of those its callees start.
    let spawned = match unit.func {
        Some(_) => callees.units[unit_idx + 1..]
            .iter()
            .take_while(|u| u.func.is_none())
            .count(),
        None => 0,
    };
    let own_threads = (unit_idx + 1..unit_idx + 1 + spawned).flat_map(|t| {
        callees.units[t]
            .waits
            .iter()
            .filter(|w| w.kind == Waitable::Barrier)
            .map(move |w| {
                let entry = WaitEntry {
                    kind: w.kind,
                    object: w.object.clone(),
                    releases: None,
                    held_params: 0,
                    joins: None,
                    timed: w.timed,
                    task: false,
                    chain: Chain::here(w.loc),
                };
                (t, entry)
            })
    });
    let callee_threads = per_call.iter().flat_map(|s| s.thread_waits.iter().cloned());
    push_threads(&mut summary.thread_waits, own_threads.chain(callee_threads));
    // Their wake-ups: the threads' own (their summaries come later: spawned units are
    // summarized last), then those of the threads callees start.
    let own_wakes = (unit_idx + 1..unit_idx + 1 + spawned)
        .flat_map(|t| thread_wakes(&callees.units[t], callees).map(move |w| (t, w)));
    let callee_wakes = per_call.iter().flat_map(|s| s.thread_wakes.iter().cloned());
    push_threads(&mut summary.thread_wakes, own_wakes.chain(callee_wakes));
}
