//! Closures kept for later, and the calls that run them.
//!
//! A closure put in a field that keeps callbacks (`self.on_close = Box::new(move || ..)`,
//! `self.listeners.push(Box::new(f))`, or given to a crate function that puts its parameter
//! there) does not run where it is made: the walker makes it a unit of its own (`Callbacks::kept`),
//! and records a call of such a field (`(self.on_close)()`, `for l in listeners { l(e) }`) by
//! the field (`Callbacks::slot_calls`). Once every body is walked, each kept closure becomes a
//! function of the index, and each call of a field a call of every closure kept there, so that
//! summaries, call chains and checks see them as any other call.

use std::collections::HashMap;

use super::{Call, Store, Unit};
use crate::index::types::Slot;
use crate::index::{FnId, Index};

pub fn link(index: &mut Index, units: &mut [Unit]) {
    // The fields each function puts its parameters in.
    let mut stores: HashMap<(FnId, u16), Vec<Slot>> = HashMap::new();
    for u in units.iter() {
        if let Some(f) = u.func {
            for &(i, slot) in u.rare().callbacks.iter().flat_map(|c| &c.stores_param) {
                stores.entry((f, i)).or_default().push(slot);
            }
        }
    }
    let mut kept_in: HashMap<Slot, Vec<FnId>> = HashMap::new();
    // The function table grows once, by what it needs: pushing one closure at a time would
    // double it, and it holds every function of the run.
    let closures = units
        .iter()
        .filter(|u| {
            u.rare()
                .callbacks
                .as_ref()
                .is_some_and(|c| c.kept.is_some())
        })
        .count();
    index.fns.reserve_exact(closures);
    for u in units.iter_mut() {
        let Some(kept) = u.rare().callbacks.as_ref().and_then(|c| c.kept) else {
            continue;
        };
        let closure = index.add_closure(kept.by, kept.at, kept.params.into());
        u.func = Some(closure);
        let slots = match kept.store {
            Store::Slot(slot) => vec![slot],
            Store::Param(f, i) => stores.get(&(f, i)).cloned().unwrap_or_default(),
        };
        for slot in slots {
            kept_in.entry(slot).or_default().push(closure);
        }
    }
    for u in units.iter_mut() {
        let Some(callbacks) = u.rare.as_mut().and_then(|r| r.callbacks.as_mut()) else {
            continue;
        };
        for site in std::mem::take(&mut callbacks.slot_calls) {
            for &closure in kept_in.get(&site.slot).into_iter().flatten() {
                u.calls.push(Call {
                    callee: closure,
                    args: site.args.clone(),
                    loc: site.loc,
                    held: site.held.clone(),
                });
            }
        }
    }
}
