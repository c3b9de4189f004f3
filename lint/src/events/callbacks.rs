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

use super::{Arg, Call, Store, Unit};
use crate::index::types::Slot;
use crate::index::{FnId, Index};

/// A field of callbacks, and the parameter whose field it is (`self`), when it is one.
type OwnedSlot = (Slot, Option<u16>);

pub fn link(index: &mut Index, units: &mut [Unit]) {
    // The fields each function puts its parameters in, and the parameter whose fields they are.
    let mut stores: HashMap<(FnId, u16), Vec<OwnedSlot>> = HashMap::new();
    for u in units.iter() {
        if let Some(f) = u.func {
            for &(i, slot, owner) in u.rare().callbacks.iter().flat_map(|c| &c.stores_param) {
                stores.entry((f, i)).or_default().push((slot, owner));
            }
        }
    }
    // By field: the closures kept there, and whether a call passes them the field's object.
    let mut kept_in: HashMap<Slot, Vec<(FnId, bool)>> = HashMap::new();
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
        let params = usize::from(kept.params) + usize::from(kept.owner);
        let closure = index.add_closure(kept.by, kept.at, params);
        u.func = Some(closure);
        // A keeper stores it in a field of the object it is called on (its `self`, the maker's
        // owner) only when that is where its parameter goes.
        let slots: Vec<(Slot, bool)> = match kept.store {
            Store::Slot(slot) => vec![(slot, kept.owner)],
            Store::Param(f, i) => stores
                .get(&(f, i))
                .into_iter()
                .flatten()
                .map(|&(slot, owner)| (slot, kept.owner && owner == Some(0)))
                .collect(),
        };
        for (slot, owned) in slots {
            kept_in.entry(slot).or_default().push((closure, owned));
        }
    }
    for u in units.iter_mut() {
        let Some(callbacks) = u.rare.as_mut().and_then(|r| r.callbacks.as_mut()) else {
            continue;
        };
        for site in std::mem::take(&mut callbacks.slot_calls) {
            for &(closure, owned) in kept_in.get(&site.slot).into_iter().flatten() {
                let mut args = site.args.to_vec();
                if owned {
                    args.push(Arg {
                        place: site.owner.clone(),
                        class: None,
                        present: false,
                        ..Arg::default()
                    });
                }
                u.calls.push(Call {
                    callee: closure,
                    args: args.into(),
                    loc: site.loc,
                    held: site.held.clone(),
                });
            }
        }
    }
}
