//! Control flow: `if`, `match`, `select!`, loops and let-chains are branches walked from one
//! state and merged (a guard is held after the merge only if every branch that gets there holds
//! it); a try-lock's guard exists only in the branches where the try succeeded.

use super::{Args, Arm, Val, Walker};
use crate::events::guards::{GuardId, Snapshot};
use crate::events::macros;
use crate::index::Ty;
use crate::locks::api::{self, Waitable};
use crate::locks::class::Root;

impl<'i> Walker<'i> {
    /// Walks branches from the same state and merges them. The construct's value is what the
    /// branches that reach the merge produce: guards they all still hold, a type they agree on.
    pub(super) fn branches(&mut self, arms: Vec<Arm<'_, 'i>>) -> Val {
        let snap = self.life.snapshot();
        let start = self.diverged;
        let mut ends: Vec<Snapshot> = Vec::new();
        let mut values: Vec<Val> = Vec::new();
        let n = arms.len();
        for arm in arms {
            self.life.restore(&snap);
            self.diverged = start;
            let v = arm(self);
            if !self.diverged {
                ends.push(self.life.snapshot());
                values.push(v);
            }
        }
        self.diverged = n > 0 && ends.is_empty();
        self.life.merge(&ends);
        let mut out = values.pop().unwrap_or_default();
        for v in &values {
            if v.ty != out.ty {
                out.ty = Ty::Unknown;
            }
            if v.place != out.place || v.class != out.class {
                out.place = None;
                out.class = None;
            }
            for g in &v.guards {
                if !out.guards.contains(g) {
                    out.guards.push(*g);
                }
            }
        }
        out.guards.retain(|g| self.life.is_alive(*g));
        out
    }

    /// Evaluates an `if`/`while` condition that binds (`let` or a let chain). Scrutinee
    /// temporaries stay in the current temporary scope; other operands get their own.
    pub(super) fn let_chain<'e>(&mut self, e: &'e syn::Expr, lets: &mut Vec<(&'e syn::Pat, Val)>) {
        match e {
            syn::Expr::Let(l) => {
                let v = self.expr(&l.expr);
                lets.push((&l.pat, v));
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.let_chain(&b.left, lets);
                self.let_chain(&b.right, lets);
            }
            syn::Expr::Paren(p) => self.let_chain(&p.expr, lets),
            other => {
                self.temp_scoped(|w| w.expr(other));
            }
        }
    }

    pub(super) fn if_expr(&mut self, i: &syn::ExprIf) -> Val {
        let mut lets = Vec::new();
        let binding = contains_let(&i.cond);
        // 2024: the pattern-matching condition and the body form one temporary scope that ends
        // before `else`. Before 2024 the scrutinee's temporaries belong to the enclosing
        // statement and live through `else` too.
        let narrow = binding && self.edition.narrow_temporaries();
        let cond_scope = narrow.then(|| self.life.push_temp_scope());
        if binding {
            self.let_chain(&i.cond, &mut lets);
        } else {
            self.temp_scoped(|w| w.expr(&i.cond));
        }
        // `else` after `if let Ok(g) = m.try_lock()`: the try failed, there is no guard.
        let failed_tries: Vec<GuardId> = lets
            .iter()
            .filter(|(pat, _)| is_success_pattern(pat))
            .flat_map(|(_, v)| self.success_only_guards(v))
            .collect();
        // `if let Some(s) = state { .. } else { HERE }`, `if let None = state { HERE }`.
        let (mut then_absent, mut else_absent) = (None, None);
        if let [(pat, v)] = lets.as_slice() {
            let param = absent_param(v);
            if is_success_pattern(pat) {
                else_absent = param;
            } else if is_failure_pattern(pat) {
                then_absent = param;
            }
        }
        let then_arm: Arm = Box::new(move |w: &mut Self| {
            w.scoped(|w| {
                for (pat, v) in lets {
                    w.bind_pat(pat, v);
                }
                w.if_absent_of(then_absent, |w| w.value_scoped(|w| w.block(&i.then_branch)))
            })
        });
        let else_arm: Arm = Box::new(move |w: &mut Self| {
            if let Some(depth) = cond_scope {
                w.life.kill_temps_from(depth);
            }
            w.life.kill(&failed_tries);
            match &i.else_branch {
                Some((_, e)) => w.if_absent_of(else_absent, |w| w.value_scoped(|w| w.expr(e))),
                None => Val::default(),
            }
        });
        let v = self.branches(vec![then_arm, else_arm]);
        if cond_scope.is_some() {
            self.life.hand_up(&v.guards);
            self.life.pop_temp_scope();
        }
        v
    }

    pub(super) fn match_expr(&mut self, m: &syn::ExprMatch) -> Val {
        // The scrutinee is not a temporary scope: its guards live through every arm, to the end
        // of the enclosing statement.
        let scrutinee = self.expr(&m.expr);
        // A try-lock's guard exists only where the match found success: not in `Err(..)` or
        // `None` arms, nor in a catch-all after the success arm.
        let tries = self.success_only_guards(&scrutinee);
        let param = absent_param(&scrutinee);
        let mut success_seen = false;
        let arms: Vec<Arm> = m
            .arms
            .iter()
            .map(|arm| {
                let v = scrutinee.clone();
                let failed =
                    is_failure_pattern(&arm.pat) || (success_seen && is_catch_all(&arm.pat));
                success_seen |= is_success_pattern(&arm.pat);
                let dead = if failed { tries.clone() } else { Vec::new() };
                let absent = param.filter(|_| failed);
                Box::new(move |w: &mut Self| {
                    w.life.kill(&dead);
                    w.scoped(|w| {
                        w.bind_pat(&arm.pat, v);
                        if let Some((_, guard)) = &arm.guard {
                            w.temp_scoped(|w| w.expr(guard));
                        }
                        w.if_absent_of(absent, |w| w.value_scoped(|w| w.expr(&arm.body)))
                    })
                }) as Arm
            })
            .collect();
        self.branches(arms)
    }

    /// `select! { v = fut => handler, .. }`: the branches' conditions are evaluated, their
    /// futures polled together (each awaited there: an async fn's body runs, an async lock is
    /// taken), then the handler of the one that is ready runs: a match over the branches, in
    /// which only that branch's future delivered anything (the others are dropped).
    pub(super) fn select(&mut self, m: &syn::Macro, arms: Vec<macros::SelectArm>) -> Val {
        let loc = self.macro_loc(m);
        for cond in arms.iter().filter_map(|a| a.cond.as_ref()) {
            self.temp_scoped(|w| w.expr(cond));
        }
        let mut outputs = Vec::with_capacity(arms.len());
        let waits = self.unit().waits.len();
        for arm in &arms {
            let out = match &arm.future {
                Some(future) => self.await_future(future, loc),
                None => Val::default(),
            };
            outputs.push(out);
        }
        // A receive in one branch is not waited for alone: another branch (a timer, a
        // shutdown signal) may end the wait, as a timeout would.
        if arms.len() > 1 {
            for w in &mut self.unit().waits[waits..] {
                w.timed = true;
            }
        }
        let delivered: Vec<_> = outputs.iter().map(|v| v.guards.clone()).collect();
        let branches: Vec<Arm> = arms
            .iter()
            .zip(outputs)
            .enumerate()
            .map(|(i, (arm, out))| {
                let dropped: Vec<_> = delivered
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .flat_map(|(_, g)| g.iter().copied())
                    .collect();
                Box::new(move |w: &mut Self| {
                    w.life.kill(&dropped);
                    w.scoped(|w| {
                        if let Some(pat) = &arm.pat {
                            w.bind_pat(pat, out);
                        }
                        w.value_scoped(|w| w.expr(&arm.handler))
                    })
                }) as Arm
            })
            .collect();
        self.branches(branches)
    }

    pub(super) fn while_expr(&mut self, wh: &syn::ExprWhile) -> Val {
        let body: Arm = Box::new(|w: &mut Self| {
            if contains_let(&wh.cond) {
                // `while let`: condition and body are one temporary scope per iteration.
                w.temp_scoped(|w| {
                    let mut lets = Vec::new();
                    w.let_chain(&wh.cond, &mut lets);
                    w.scoped(|w| {
                        for (pat, v) in lets {
                            w.bind_pat(pat, v);
                        }
                        w.block(&wh.body);
                    });
                });
            } else {
                w.temp_scoped(|w| w.expr(&wh.cond));
                w.temp_scoped(|w| w.block(&wh.body));
            }
            w.diverged = false;
            Val::default()
        });
        self.branches(vec![body, Box::new(|_| Val::default())]);
        Val::default()
    }

    pub(super) fn for_expr(&mut self, f: &syn::ExprForLoop) -> Val {
        // The iterator expression's temporaries live for the whole loop (it is a match
        // scrutinee in the desugaring).
        let head = self.expr(&f.expr);
        if let Ty::Waitable(Waitable::Receiver) = head.ty {
            // `for msg in rx`: every iteration is a blocking receive.
            let at = (f.for_token.span, f.for_token.span);
            self.wait_or_wake(Waitable::Receiver, &head, "recv", &Args::new(), at);
        }
        let elem = self.element_of(&head);
        let body: Arm = Box::new(move |w: &mut Self| {
            w.scoped(|w| {
                w.bind_pat(&f.pat, elem);
                w.temp_scoped(|w| w.block(&f.body));
            });
            w.diverged = false;
            Val::default()
        });
        self.branches(vec![body, Box::new(|_| Val::default())]);
        Val::default()
    }
}

pub(super) fn contains_let(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Let(_) => true,
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            contains_let(&b.left) || contains_let(&b.right)
        }
        syn::Expr::Paren(p) => contains_let(&p.expr),
        _ => false,
    }
}

impl Walker<'_> {
    /// Walks `f` on a path where parameter `param` (if any) holds `None` or `Err(..)`.
    fn if_absent_of<R>(&mut self, param: Option<u16>, f: impl FnOnce(&mut Self) -> R) -> R {
        let outer = self.if_absent;
        self.if_absent = outer.or(param);
        let r = f(self);
        self.if_absent = outer;
        r
    }
}

/// The parameter `v` is, as it was given (not a field of it, not a reborrow of a part).
fn absent_param(v: &Val) -> Option<u16> {
    let place = v.place.as_ref()?;
    match place.root {
        Root::Param(i) if place.proj.is_empty() => Some(i),
        _ => None,
    }
}

/// The `Option`/`Result` variant a pattern matches (`Ok(..)`, `None`), if it is one.
fn pattern_variant(pat: &syn::Pat) -> Option<api::Variant> {
    let named = |ident: &syn::Ident| api::variant_named(|n| ident == n);
    match pat {
        syn::Pat::TupleStruct(p) => named(&p.path.segments.last()?.ident),
        syn::Pat::Path(p) => named(&p.path.segments.last()?.ident),
        // A bare identifier is a binding, unless it names a variant without a value (`None`).
        syn::Pat::Ident(p) if p.subpat.is_none() => named(&p.ident).filter(|v| !v.carries),
        _ => None,
    }
}

/// `Ok(..)` / `Some(..)`: the pattern a successful try-lock matches.
pub(super) fn is_success_pattern(pat: &syn::Pat) -> bool {
    pattern_variant(pat).is_some_and(|v| v.success)
}

fn is_failure_pattern(pat: &syn::Pat) -> bool {
    pattern_variant(pat).is_some_and(|v| !v.success)
}

fn is_catch_all(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(p) => p.subpat.is_none() && pattern_variant(pat).is_none(),
        _ => false,
    }
}
