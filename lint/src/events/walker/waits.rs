//! Waits and wakes: condvars, channels, joins, barriers, the end of a `thread::scope`, and
//! futures a thread runs to their end (`block_on`), with the guards each releases or leaves held.

use std::rc::Rc;

use proc_macro2::Span;

use super::{Args, Pending, ScopeJoins, Val, Walker};
use crate::events::{GuardSrc, Object, Wait, Wake};
use crate::index::Ty;
use crate::locks::api::{self, Waitable};
use crate::locks::class::Place;
use crate::source::Loc;

impl Walker<'_> {
    /// What `block_on(future)` gives back: the future runs here, on this thread, to its end,
    /// and the thread waits for what the future waits for (`block_on(self.fetch())` runs
    /// `fetch`'s body and waits where it awaits a receive; `block_on(rx.recv())` waits for a
    /// send; `block_on(m.read())` takes the lock, and the guard is the result). A future the
    /// code does not show (an external crate's) waits for nothing the code shows either.
    pub(super) fn run_to_end(&mut self, vals: Vec<Val>, loc: Loc) -> Val {
        let outer = self.blocked.replace(self.life.held());
        // An async block given to it ran already (`blocking_args`).
        let v = match vals.into_iter().next() {
            Some(v) => self.future_runs(v, loc),
            None => Val::default(),
        };
        self.blocked = outer;
        v
    }

    /// `thread::scope(|s| ..)`: the closure runs here, and the scope waits for every thread
    /// spawned on `s` before it returns, with what the caller still holds.
    pub(super) fn joining_scope(&mut self, args: &Args, at: (Span, Span)) -> Val {
        let handle = args.first().and_then(|a| match a {
            syn::Expr::Closure(c) => match c.inputs.first() {
                Some(syn::Pat::Ident(p)) => Some(p.ident.to_string()),
                _ => None,
            },
            _ => None,
        });
        let outer = self.scope.replace(ScopeJoins {
            unit: self.cur,
            handle,
            spawned: Vec::new(),
        });
        self.args(args, None);
        let joins = std::mem::replace(&mut self.scope, outer).map_or_else(Vec::new, |s| s.spawned);
        let loc = self.loc_between(at.0, at.1);
        let held = self.life.held();
        for unit in joins {
            self.unit().waits.push(Wait {
                kind: Waitable::ScopeEnd,
                object: None,
                loc,
                held: held.clone(),
                releases: None,
                joins: Some(unit),
                timed: false,
                task: false,
            });
        }
        Val::default()
    }

    /// A thread spawned by `recv.spawn(..)`: one the enclosing scope joins when `recv` is its
    /// handle, spawned by the scope's own code.
    pub(super) fn spawned_on_scope(&mut self, recv: &syn::Expr, spawned: Option<usize>) {
        let (Some(scope), Some(unit)) = (self.scope.as_mut(), spawned) else {
            return;
        };
        let on_handle = matches!(recv, syn::Expr::Path(p)
            if p.path.get_ident().is_some_and(|i| scope.handle.as_deref() == Some(&i.to_string())));
        if on_handle && scope.unit == self.cur {
            scope.spawned.push(unit);
        }
    }

    /// A call that blocks the thread with nothing to name: `thread::park` (`Waitable::Park`),
    /// a configured blocking function (`Waitable::Configured`).
    pub(super) fn blocks_here(&mut self, kind: Waitable, loc: Loc, timed: bool) {
        let held = self.life.held();
        let wait = Wait {
            kind,
            object: None,
            loc,
            held,
            releases: None,
            joins: None,
            timed,
            task: false,
        };
        self.unit().waits.push(wait);
    }

    /// A method of a condvar, channel end, join handle...: a wait (the thread blocks) or a wake
    /// (it lets a waiter go). `None` for other methods.
    pub(super) fn wait_or_wake(
        &mut self,
        w: Waitable,
        recv: &Val,
        name: &str,
        args: &Args,
        at: (Span, Span),
    ) -> Option<Val> {
        let object = recv.class.map(|class| Object {
            class,
            place: recv.place.clone().unwrap_or_else(Place::unknown),
        });
        if api::runs_future(w, name) {
            let vals = self.blocking_args(args);
            return Some(self.run_to_end(vals, self.loc_between(at.0, at.1)));
        }
        if api::is_wait(w, name) {
            let mut vals = self.args(args, None);
            // A condvar sleeps without the mutex whose guard it is given, and hands it back.
            let releases = match w {
                Waitable::Condvar => vals.first().and_then(|v| v.place.clone()),
                _ => None,
            };
            // The guard it is given is the condvar's while it sleeps, whatever the place it
            // came from (a helper's `fn lock(&self) -> MutexGuard<..>`): not held across it.
            let given: Vec<GuardSrc> = match (w, vals.first()) {
                (Waitable::Condvar, Some(v)) => {
                    v.guards.iter().filter_map(|&g| self.life.src(g)).collect()
                }
                _ => Vec::new(),
            };
            let held: Box<[GuardSrc]> = self
                .life
                .held()
                .iter()
                .filter(|g| !given.contains(g))
                .copied()
                .collect();
            let loc = self.loc_between(at.0, at.1);
            // A send on a bounded channel waits for room, and wakes the receiver.
            if api::is_wake(w, name) {
                self.unit().rare_mut().wakes.push(Wake {
                    kind: w,
                    object: object.clone(),
                    loc,
                    held: held.clone(),
                });
            }
            self.unit().waits.push(Wait {
                kind: w,
                object,
                loc,
                held,
                releases,
                joins: recv.spawned,
                timed: api::is_timed_wait(name),
                task: false,
            });
            return Some(match w {
                Waitable::Condvar if !vals.is_empty() => vals.swap_remove(0),
                _ => Val::default(),
            });
        }
        let waking = api::is_wake(w, name);
        let awaited = api::awaited_wait(w, name);
        if !waking && !awaited {
            return None;
        }
        self.args(args, None);
        let loc = self.loc_between(at.0, at.1);
        if waking {
            let held = self.life.held();
            self.unit().rare_mut().wakes.push(Wake {
                kind: w,
                object: object.clone(),
                loc,
                held,
            });
        }
        // `rx.recv()`, tokio's `tx.send(v)`: a future that waits where it is awaited.
        let pending = awaited.then(|| Rc::new(Pending::Wait { kind: w, object }));
        Some(Val {
            pending,
            ..Val::default()
        })
    }
}

/// What a spawning call returns: a handle that joins the thread of its closure argument.
pub(super) fn join_handle(args: Vec<Val>) -> Val {
    Val {
        ty: Ty::Waitable(Waitable::JoinHandle),
        spawned: args.iter().find_map(|a| a.spawned),
        ..Val::default()
    }
}
