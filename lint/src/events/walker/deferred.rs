//! Closures and async blocks: a value until it runs. Passed to a call, a closure runs in place,
//! under the caller's guards; an async block is a future, which the callee polls somewhere
//! else (an executor), unless the callee blocks until it is done (`block_on`). Handed to a
//! spawner, either is a unit of its own (another thread or task) that holds nothing of its
//! creator's.

use super::{Args, Deferred, FnValue, Val, Walker};
use crate::events::Unit;

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

    /// Arguments of a call that runs its future to completion on this thread (`block_on`).
    pub(super) fn blocking_args(&mut self, args: &Args) -> Vec<Val> {
        self.args_of(args, None, Runs::HereToCompletion)
    }

    /// Arguments of a constructor, which keeps its closures and futures for later.
    pub(super) fn stored_args(&mut self, args: &Args) -> Vec<Val> {
        self.args_of(args, None, Runs::Later)
    }

    fn args_of(&mut self, args: &Args, closure_param: Option<Val>, runs: Runs) -> Vec<Val> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            let v = self.expr(a);
            // Passed by value, a value with a `Drop` impl is the callee's to drop.
            if !matches!(unparenthesized(a), syn::Expr::Reference(_)) {
                self.life.forget_values(&v.guards);
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
                if runs == Runs::Here && !direct {
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
                self.run_deferred(d.clone(), closure_param.clone().into_iter().collect());
            }
            out.push(v);
        }
        out
    }

    /// Runs a closure or async block body inline, as if called here.
    pub(super) fn run_deferred(&mut self, d: Deferred, params: Vec<Val>) {
        if self.closure_nesting >= MAX_CLOSURE_NESTING {
            return;
        }
        self.closure_nesting += 1;
        let diverged = self.diverged;
        self.scoped(|w| match &d {
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
                w.temp_scoped(|w| w.expr(&c.body));
            }
            Deferred::Async(a) => {
                w.temp_scoped(|w| w.block(&a.block));
            }
            Deferred::Fn(f) => match &**f {
                &FnValue::Crate(callee, loc) => {
                    let first = params.into_iter().next();
                    w.call_fn(callee, first, &Args::new(), loc);
                }
                FnValue::Wait(waitable, name, at) => {
                    // `handle.map(JoinHandle::join)`: the receiver is what the closure is given.
                    let recv = params.into_iter().next().unwrap_or_default();
                    w.wait_or_wake(*waitable, &recv, name, &Args::new(), *at);
                }
            },
        });
        self.diverged = diverged;
        self.closure_nesting -= 1;
    }

    /// A closure handed to another thread: a unit of its own, holding nothing of ours.
    pub(super) fn spawn_deferred(&mut self, d: Deferred) -> usize {
        self.units[0].rare_mut().spawns = true;
        let name = format!("{}::{{closure}}", self.units[0].name(self.index));
        let mut unit = Unit::of_closure(name);
        if matches!(d, Deferred::Async(_)) {
            unit.rare_mut().task = true;
        }
        self.units.push(unit);
        let (prev_unit, prev_nesting) = (self.cur, self.closure_nesting);
        self.cur = self.units.len() - 1;
        self.closure_nesting = 0;
        let saved = self.life.enter_thread();
        self.run_deferred(d, Vec::new());
        self.life.leave_thread(saved);
        let unit = self.cur;
        self.cur = prev_unit;
        self.closure_nesting = prev_nesting;
        unit
    }
}

fn unparenthesized(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::Paren(p) => unparenthesized(&p.expr),
        syn::Expr::Group(g) => unparenthesized(&g.expr),
        e => e,
    }
}
