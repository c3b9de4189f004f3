//! Closures and async blocks: a value until it runs. Passed to a call, a closure runs in place,
//! under the caller's guards; an async block is a future, which the callee polls somewhere
//! else (an executor), unless the callee blocks until it is done (`block_on`). Handed to a
//! spawner, either is a unit of its own (another thread or task) that holds nothing of its
//! creator's.

use std::rc::Rc;

use super::{Args, Deferred, FnValue, Pending, Val, Walker};
use crate::events::guards::GuardId;
use crate::events::{GuardSrc, Kept, Region, RegionKind, Store, Unit};
use crate::index::types::Slot;
use crate::locks::api;
use crate::locks::class::{LockRef, Place, Root};
use crate::source::Loc;
use syn::spanned::Spanned;

/// Closures stored in variables and called from closures stored in variables...
const MAX_CLOSURE_NESTING: u32 = 8;

/// Where the closures and async blocks passed to a call run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Runs {
    /// Closures here (iterator adapters, `Option::map`, callbacks), futures elsewhere.
    Here,
    /// Everything on another thread or task (`spawn`, `execute`).
    Elsewhere,
    /// Everything here: the call blocks until its future is done (`block_on`).
    HereToCompletion,
    /// Nothing: the callee keeps what it is given (`Some(f)`, `Arc::new(f)`).
    Later,
    /// Closures here; a function named by its path is registered for later (a method of a type
    /// we do not know that is no known combinator: `linker.func_wrap(.., host_fn)`).
    ClosuresHere,
}

impl Walker<'_> {
    /// Evaluates arguments left to right. A closure argument runs here, with whatever the caller
    /// holds; `closure_param` types its first parameter when we know what it receives.
    pub(super) fn args(&mut self, args: &Args, closure_param: Option<Val>) -> Vec<Val> {
        self.args_of(args, closure_param, Runs::Here)
    }

    /// Arguments of a call that hands closures to another thread (`spawn`, `execute`, ...),
    /// whether the spawner is std's, a runtime's or the crate's own.
    pub(super) fn spawn_args(&mut self, args: &Args) -> Vec<Val> {
        self.args_of(args, None, Runs::Elsewhere)
    }

    /// Arguments of a method of a value whose type is not known, or of a function of another
    /// crate: closures run here, a function passed by name only when the method or function is
    /// one that calls it (`api::calls_its_argument`).
    pub(super) fn unknown_method_args(
        &mut self,
        args: &Args,
        closure_param: Option<Val>,
        method: &str,
    ) -> Vec<Val> {
        // A watcher's debouncer, a signal handler: the closure runs later, elsewhere.
        if api::registers_callback(method) {
            let vals = self.stored_args(args);
            for d in vals.iter().filter_map(|v| v.deferred.as_ref()) {
                if let Deferred::Closure(_) = d {
                    self.register_deferred(d);
                }
            }
            return vals;
        }
        // Most calls are given no function by name: the table is asked only when one is.
        let named = args
            .iter()
            .any(|a| matches!(unparenthesized(a), syn::Expr::Path(_)));
        let runs = match !named || api::calls_its_argument(method) {
            true => Runs::Here,
            false => Runs::ClosuresHere,
        };
        self.args_of(args, closure_param, runs)
    }

    /// Arguments of a call that runs its future to completion on this thread (`block_on`): an
    /// async block given there runs here, and what it awaits the thread waits for.
    pub(super) fn blocking_args(&mut self, args: &Args) -> Vec<Val> {
        let outer = self.blocked.replace(self.life.held());
        let vals = self.args_of(args, None, Runs::HereToCompletion);
        self.blocked = outer;
        vals
    }

    /// Arguments of a constructor, which keeps its closures and futures for later.
    pub(super) fn stored_args(&mut self, args: &Args) -> Vec<Val> {
        self.args_of(args, None, Runs::Later)
    }

    fn args_of(&mut self, args: &Args, closure_param: Option<Val>, runs: Runs) -> Vec<Val> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            let v = self.expr(a);
            // Passed by value, a value with a `Drop` impl is the callee's to drop, and a value
            // made here is the callee's to hand on.
            if !matches!(unparenthesized(a), syn::Expr::Reference(_)) {
                self.life.forget_values(&v.guards);
                self.publish(&v, a);
            }
            if let Some(d) = v.deferred.as_ref().filter(|_| runs != Runs::Later) {
                // Passed inside a constructor (`Some(f)`, `Box::new(move || ..)`), a closure
                // is kept by the callee, a callback to run later, not run during the call.
                let direct = matches!(
                    unparenthesized(a),
                    syn::Expr::Closure(_)
                        | syn::Expr::Async(_)
                        | syn::Expr::Path(_)
                        | syn::Expr::Reference(_)
                );
                if matches!(runs, Runs::Here | Runs::ClosuresHere) && !direct {
                    // It still runs somewhere, later, with nothing of this call held: what it
                    // takes and whom it wakes are the program's.
                    if let Deferred::Closure(_) = d {
                        self.register_deferred(d);
                    }
                    out.push(v);
                    continue;
                }
                let named = matches!(unparenthesized(a), syn::Expr::Path(_));
                if runs == Runs::ClosuresHere && named && matches!(d, Deferred::Fn(_)) {
                    out.push(v);
                    continue;
                }
                let here = match d {
                    Deferred::Closure(_) | Deferred::Fn(_) => runs != Runs::Elsewhere,
                    Deferred::Async(_) => runs == Runs::HereToCompletion,
                };
                if !here {
                    let unit = self.spawn_deferred(d.clone());
                    out.push(Val {
                        spawned: Some(unit),
                        ..v
                    });
                    continue;
                }
                let params = closure_param.clone().into_iter().collect();
                // `.map(|id| self.fetch(id))`: each call makes a future, awaited later.
                if let Some(future) = self.run_deferred(d.clone(), params) {
                    out.push(Val {
                        pending: Some(future),
                        ..v
                    });
                    continue;
                }
            }
            out.push(v);
        }
        out
    }

    /// Runs a closure or async block body inline, as if called here; the future a closure
    /// returns (`|id| self.fetch(id)` of an `async fn`), which runs where it is awaited.
    pub(super) fn run_deferred(&mut self, d: Deferred, params: Vec<Val>) -> Option<Rc<Pending>> {
        let before = self.event_count();
        let future = self.run_body(&d, params);
        if self.event_count() != before {
            let kind = match d {
                Deferred::Async(_) => RegionKind::Async,
                Deferred::Closure(_) | Deferred::Fn(_) => RegionKind::Closure,
            };
            self.region(kind, &d);
        }
        future
    }

    fn run_body(&mut self, d: &Deferred, params: Vec<Val>) -> Option<Rc<Pending>> {
        if self.closure_nesting >= MAX_CLOSURE_NESTING {
            return None;
        }
        self.closure_nesting += 1;
        let diverged = self.diverged;
        let future = self.scoped(|w| match d {
            Deferred::Closure(c) => {
                let mut params = params.into_iter();
                for p in &c.inputs {
                    let v = params
                        .next()
                        .map(|v| Val {
                            guards: Vec::new(),
                            ..v
                        })
                        .unwrap_or_default();
                    w.bind_pat(p, v);
                }
                w.temp_scoped(|w| w.expr(&c.body)).pending
            }
            Deferred::Async(a) => {
                w.temp_scoped(|w| w.block(&a.block));
                None
            }
            Deferred::Fn(f) => match &**f {
                &FnValue::Crate(callee, loc) => {
                    let first = params.into_iter().next();
                    w.call_fn(callee, first, &Args::new(), loc).pending
                }
                FnValue::Wait(waitable, name, at) => {
                    // `handle.map(JoinHandle::join)`: the receiver is what the closure is given.
                    let recv = params.into_iter().next().unwrap_or_default();
                    w.wait_or_wake(*waitable, &recv, name, &Args::new(), *at);
                    None
                }
            },
        });
        self.diverged = diverged;
        self.closure_nesting -= 1;
        future
    }

    /// Events recorded so far in the current unit: whether a closure held any.
    fn event_count(&self) -> usize {
        self.event_count_of(self.cur)
    }

    fn event_count_of(&self, unit: usize) -> usize {
        let u = &self.units[unit];
        u.acquisitions.len() + u.calls.len() + u.waits.len() + u.rare().wakes.len()
    }

    /// Records where a closure or async block of the current unit is, for call chains that
    /// pass through it. Inside a macro's expansion every event is at the macro call: no region
    /// there could tell inside from outside.
    fn region(&mut self, kind: RegionKind, d: &Deferred) {
        let span = match d {
            Deferred::Closure(c) => self.loc_between(c.or1_token.span, c.body.span()),
            Deferred::Async(a) => {
                self.loc_between(a.async_token.span, a.block.brace_token.span.close())
            }
            Deferred::Fn(_) => return,
        };
        if self.loc_override.is_some() {
            return;
        }
        let regions = &mut self.unit().rare_mut().regions;
        // A closure called twice (`let f = || ..; f(); f();`) is one region.
        if !regions.iter().any(|r| r.span == span) {
            regions.push(Region { kind, span });
        }
    }

    /// A closure handed to another thread: a unit of its own, holding nothing of ours but the
    /// guards it moves in (`async move { let _permit = permit; .. }`), which it holds from its
    /// start and we no longer do.
    pub(super) fn spawn_deferred(&mut self, d: Deferred) -> usize {
        self.units[0].rare_mut().spawns = true;
        let moved = self.moved_guards(&d);
        let name = format!("{}::{{closure}}", self.units[0].name(self.index));
        let mut unit = Unit::of_closure(name);
        if matches!(d, Deferred::Async(_)) {
            unit.rare_mut().task = true;
        }
        let mut inherited = Vec::new();
        for (local, ids) in &moved {
            let locks: Vec<(LockRef, Loc)> = ids
                .iter()
                .filter_map(|g| self.guard_lock(self.life.src(*g)?))
                .collect();
            inherited.push((*local, locks));
        }
        let unit = self.walk_apart(unit, |w| {
            for (local, locks) in inherited {
                for lock in locks {
                    let rare = w.unit().rare_mut();
                    rare.inherited.push(lock);
                    let src = GuardSrc::Inherited(rare.inherited.len() as u32 - 1);
                    let g = w.life.new_guard(src);
                    w.life.give_to_binding(&[g], local);
                }
            }
            w.run_body(&d, Vec::new());
        });
        for (_, ids) in &moved {
            self.life.kill(ids);
        }
        if self.event_count_of(unit) > 0 {
            let task = self.units[unit].rare().task;
            self.region(
                if task {
                    RegionKind::Task
                } else {
                    RegionKind::Thread
                },
                &d,
            );
        }
        unit
    }
}

impl Walker<'_> {
    /// A value put where callbacks are kept (`slot`, a field of `owner`): a closure made here is
    /// kept there, and so is a closure a caller gives for a parameter put there
    /// (`Callbacks::stores_param`).
    pub(super) fn store_in(&mut self, slot: Slot, owner: Option<&Place>, v: &Val) {
        // The object keeping it, when it is one of this function's parameters (`self`).
        let owner = owner.and_then(|o| match o.root {
            Root::Param(p) if o.proj.is_empty() => Some(p),
            _ => None,
        });
        match (&v.deferred, &v.place) {
            (Some(d @ Deferred::Closure(_)), _) => {
                self.keep_deferred(d, Store::Slot(slot), owner.map(Root::Param));
            }
            (
                None,
                Some(Place {
                    root: Root::Param(i),
                    proj,
                }),
            ) if proj.is_empty() => {
                let stores = &mut self.unit().rare_mut().callbacks_mut().stores_param;
                if !stores.contains(&(*i, slot, owner)) {
                    stores.push((*i, slot, owner));
                }
            }
            _ => {}
        }
    }

    /// A closure kept for later in `store`: a unit of its own, walked now with nothing held,
    /// which runs where the code calls what keeps it (`events::callbacks`). Its parameters are
    /// its inputs; what it captures lives on in it, out of reach of names the maker's callers
    /// know.
    pub(super) fn keep_deferred(&mut self, d: &Deferred, store: Store, owner: Option<Root>) {
        let (Deferred::Closure(c), Some(by)) = (d, self.units[0].func) else {
            return;
        };
        let name = format!("{}::{{closure}}", self.units[0].name(self.index));
        let at = self.loc_between(c.or1_token.span, c.body.span());
        let mut unit = Unit::of_closure(name);
        unit.rare_mut().callbacks_mut().kept = Some(Kept {
            store,
            by,
            at,
            params: c.inputs.len() as u16,
            owner: owner.is_some(),
        });
        let owner = owner.map(|root| (root, c.inputs.len() as u16));
        let params = (0..c.inputs.len())
            .map(|i| Val {
                place: Some(Place::new(Root::Param(i as u16))),
                ..Val::default()
            })
            .collect();
        self.walk_for_later(unit, d, params, owner);
    }

    /// A closure handed over to be run later, by code the analysis does not follow (boxed
    /// into a call's argument, a task sent to a worker): a unit of its own, called by nobody
    /// the code shows, which holds nothing when it starts; what it captures is known by its
    /// class.
    fn register_deferred(&mut self, d: &Deferred) {
        let name = format!("{}::{{closure}}", self.units[0].name(self.index));
        self.walk_for_later(Unit::of_closure(name), d, Vec::new(), None);
    }

    /// Walks a closure that runs later into `unit`, seeing what it captures as `captured` says
    /// (`owner`: the object that keeps it); a unit that records nothing is dropped.
    fn walk_for_later(
        &mut self,
        unit: Unit,
        d: &Deferred,
        params: Vec<Val>,
        owner: Option<(Root, u16)>,
    ) {
        let unit = self.walk_apart(unit, |w| {
            let captured = w.bindings.iter().map(|b| b.captured(owner)).collect();
            let outer = std::mem::replace(&mut w.bindings, captured);
            w.run_body(d, params);
            w.bindings = outer;
        });
        if unit + 1 == self.units.len() && self.event_count_of(unit) == 0 {
            self.units.pop();
        }
    }

    /// Walks `body` into `unit`, a unit of its own that runs apart from the current one (on
    /// another thread, or later): it holds none of the guards held here, and is on no path of
    /// a `None` parameter here. Returns its number.
    fn walk_apart(&mut self, unit: Unit, body: impl FnOnce(&mut Self)) -> usize {
        self.units.push(unit);
        let (prev_unit, prev_nesting, absent) = (self.cur, self.closure_nesting, self.if_absent);
        self.cur = self.units.len() - 1;
        self.closure_nesting = 0;
        self.if_absent = None;
        let blocked = self.blocked.take();
        let scope = self.scope.take();
        let saved = self.life.enter_thread();
        body(self);
        self.life.leave_thread(saved);
        let unit = self.cur;
        self.cur = prev_unit;
        self.closure_nesting = prev_nesting;
        self.if_absent = absent;
        self.blocked = blocked;
        self.scope = scope;
        unit
    }

    /// The variables a `move` closure or `async move` block names that own guards, with them:
    /// what it takes along to the thread it runs on.
    fn moved_guards(&self, d: &Deferred) -> Vec<(u32, Vec<GuardId>)> {
        use quote::ToTokens;
        if !self.life.any_owned() {
            return Vec::new();
        }
        let tokens = match d {
            Deferred::Closure(c) if c.capture.is_some() => c.body.to_token_stream(),
            Deferred::Async(a) if a.capture.is_some() => a.block.to_token_stream(),
            _ => return Vec::new(),
        };
        let (mut named, mut bound) = Default::default();
        idents(tokens, &mut named, &mut bound);
        // A name the block binds itself (`let _guard = ..`) is not ours, whatever it shadows.
        named.retain(|n| !bound.contains(n));
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        // Latest first: a name refers to the innermost variable of that name.
        for b in self.bindings.iter().rev() {
            if !named.contains(&b.name) || !seen.insert(b.name.clone()) {
                continue;
            }
            let ids = self.life.owned_by(b.local);
            if !ids.is_empty() {
                out.push((b.local, ids));
            }
        }
        out
    }
}

/// The identifiers in `tokens`, and of those, the ones a `let` binds (`let x`, `let mut x`,
/// `let (a, b)`).
fn idents(
    tokens: proc_macro2::TokenStream,
    out: &mut std::collections::HashSet<String>,
    bound: &mut std::collections::HashSet<String>,
) {
    use proc_macro2::{Spacing, TokenTree};
    let mut after_let = false;
    // The previous token was a punctuation joined to the next (`.` of `..`, `:` of `::`).
    let mut joint: Option<char> = None;
    // The next identifier is a field, a method or a later path segment (`worker.layout`,
    // `Self::layout`): not a variable, whatever variable has that name.
    let mut member = false;
    for tt in tokens {
        let was_joint = joint.take();
        match tt {
            TokenTree::Ident(i) => {
                let name = i.to_string();
                match name.as_str() {
                    _ if std::mem::take(&mut member) => after_let = false,
                    "let" => after_let = true,
                    "mut" | "ref" if after_let => {}
                    _ => {
                        if after_let {
                            bound.insert(name.clone());
                        }
                        after_let = false;
                        out.insert(name);
                    }
                }
            }
            TokenTree::Punct(p) => {
                after_let = false;
                let c = p.as_char();
                member = match p.spacing() {
                    Spacing::Joint => {
                        joint = Some(c);
                        false
                    }
                    // A lone `.` (not the end of `..`), the end of `::`.
                    Spacing::Alone => {
                        (c == '.' && was_joint != Some('.')) || (c == ':' && was_joint == Some(':'))
                    }
                };
            }
            TokenTree::Group(g) => {
                if after_let {
                    let mut inner = std::collections::HashSet::new();
                    idents(g.stream(), &mut inner, bound);
                    bound.extend(inner.iter().cloned());
                    out.extend(inner);
                } else {
                    idents(g.stream(), out, bound);
                }
                after_let = false;
                member = false;
            }
            TokenTree::Literal(_) => {
                after_let = false;
                member = false;
            }
        }
    }
}

fn unparenthesized(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::Paren(p) => unparenthesized(&p.expr),
        syn::Expr::Group(g) => unparenthesized(&g.expr),
        e => e,
    }
}
