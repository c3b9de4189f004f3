//! The dispatch over expressions, in evaluation order: what each kind of expression evaluates
//! first, and what it gives back. Calls, bindings, scopes and branches go to their own files.

use std::rc::Rc;

use super::{index_text, start_span, Deferred, Pending, Val, Walker, MAX_DEPTH};
use crate::events::macros::{self, MacroKind};
use crate::events::{AwaitPoint, Init, Made, Object, Source, Wait};
use crate::index::resolve::Res;
use crate::index::{Def, Ty};
use crate::locks::api::{self, Waitable};
use crate::locks::class::{ClassRef, Place, Root};
use crate::source::Loc;

impl Walker<'_> {
    pub(super) fn expr(&mut self, e: &syn::Expr) -> Val {
        if self.depth > MAX_DEPTH {
            if self.units[0].rare().too_deep.is_none() {
                let at = start_span(e).map(|s| self.loc(s));
                self.units[0].rare_mut().too_deep = Some(at.unwrap_or(self.fn_loc));
            }
            return Val::default();
        }
        self.depth += 1;
        let v = self.expr_inner(e);
        self.depth -= 1;
        v
    }

    pub(super) fn expr_inner(&mut self, e: &syn::Expr) -> Val {
        use syn::Expr as E;
        match e {
            E::Path(p) => self.path_expr(&p.path),
            E::MethodCall(m) => self.method_call(m),
            E::Call(c) => self.call(c),
            E::Field(f) => {
                let base = self.expr(&f.base);
                self.project_member(base, &f.member)
            }
            E::Index(i) => {
                let base = self.expr(&i.expr);
                self.expr(&i.index);
                self.project_index(base, index_text(&i.index))
            }
            E::Unary(u) => {
                let v = self.expr(&u.expr);
                match u.op {
                    syn::UnOp::Deref(_) => self.deref(v),
                    _ => Val::default(),
                }
            }
            E::Reference(r) => {
                let v = self.expr(&r.expr);
                Val {
                    guards: Vec::new(),
                    ..v
                }
            }
            E::Paren(p) => self.expr(&p.expr),
            E::Group(g) => self.expr(&g.expr),
            E::Cast(c) => self.expr(&c.expr),
            E::Try(t) => self.expr(&t.expr),
            E::Await(a) => {
                let v = self.expr(&a.base);
                let loc = self.loc(a.await_token.span);
                self.await_val(v, loc)
            }
            E::Block(b) => self.block(&b.block),
            E::Unsafe(u) => self.block(&u.block),
            E::Const(c) => self.block(&c.block),
            E::TryBlock(t) => self.block(&t.block),
            E::Assign(a) => {
                self.assign(&a.left, &a.right);
                Val::default()
            }
            E::Binary(b) => self.binary(b),
            E::If(i) => self.if_expr(i),
            E::Match(m) => self.match_expr(m),
            E::While(w) => self.while_expr(w),
            E::ForLoop(f) => self.for_expr(f),
            E::Loop(l) => {
                let diverged = self.diverged;
                self.temp_scoped(|w| w.block(&l.body));
                // A loop is left by `break` (or not at all); either way we go on after it.
                self.diverged = diverged;
                Val::default()
            }
            E::Let(l) => {
                let v = self.expr(&l.expr);
                self.bind_pat(&l.pat, v);
                Val::default()
            }
            E::Return(r) => {
                if let Some(x) = &r.expr {
                    let v = self.expr(x);
                    self.record_return(&v);
                }
                self.diverged = true;
                Val::default()
            }
            E::Break(b) => {
                if let Some(x) = &b.expr {
                    self.expr(x);
                }
                self.diverged = true;
                Val::default()
            }
            E::Continue(_) => {
                self.diverged = true;
                Val::default()
            }
            E::Struct(s) => self.struct_literal(s),
            E::Tuple(t) => {
                let parts: Vec<Val> = t.elems.iter().map(|x| self.expr(x)).collect();
                let ty = if parts.is_empty() {
                    Ty::Unknown
                } else {
                    Ty::Tuple(parts.iter().map(|p| p.ty.clone()).collect())
                };
                let guards = parts
                    .iter()
                    .flat_map(|p| p.guards.iter().copied())
                    .collect();
                Val {
                    ty,
                    guards,
                    parts,
                    ..Val::default()
                }
            }
            E::Array(a) => {
                let mut guards = Vec::new();
                for x in &a.elems {
                    guards.extend(self.expr(x).guards);
                }
                Val {
                    guards,
                    ..Val::default()
                }
            }
            E::Repeat(r) => {
                self.expr(&r.expr);
                self.expr(&r.len);
                Val::default()
            }
            E::Range(r) => {
                if let Some(x) = &r.start {
                    self.expr(x);
                }
                if let Some(x) = &r.end {
                    self.expr(x);
                }
                Val::default()
            }
            E::Closure(c) => Val {
                deferred: Some(Deferred::Closure(Rc::new(c.clone()))),
                ..Val::default()
            },
            E::Async(a) => Val {
                deferred: Some(Deferred::Async(Rc::new(a.clone()))),
                ..Val::default()
            },
            E::Macro(m) => self.mac(&m.mac),
            E::Yield(y) => {
                if let Some(x) = &y.expr {
                    self.expr(x);
                }
                Val::default()
            }
            _ => Val::default(),
        }
    }

    /// A struct literal: what each named field is given is recorded (`events::Init`), for
    /// fields that end up holding one lock (`locks::aliases`).
    fn struct_literal(&mut self, s: &syn::ExprStruct) -> Val {
        let t = match self.resolve(&s.path) {
            Some(Res::Def(Def::Type(t))) => Some(t),
            _ => None,
        };
        // Every literal of a type that holds a lock is recorded, even with nothing to say: an
        // alias holds only where every literal agrees.
        let record = t.is_some_and(|t| self.classes.holds_lock(t));
        let mut guards = Vec::new();
        let mut fields = Vec::new();
        for f in &s.fields {
            let v = self.expr(&f.expr);
            guards.extend(v.guards.iter().copied());
            if let (Some(t), syn::Member::Named(name)) = (t, &f.member) {
                // `Handler { on_close: Box::new(move || ..) }`: kept for later.
                if let Some(slot) = self.index.field(t, &name.to_string()).and_then(Ty::slot) {
                    self.store_in(slot, None, &v);
                }
                let given = (v.spawned, permits_given(&f.expr));
                if given != (None, None) {
                    let field = self.index.names.find(&name.to_string());
                    let class = field.and_then(|n| self.classes.field(t, n));
                    if let (Some(u), Some(c)) = (given.0, class) {
                        self.keep(ClassRef::Known(c), u);
                    }
                    if let (Some(n), Some(field)) = (given.1, field) {
                        self.unit().rare_mut().permits.push((t, field, n));
                    }
                }
            }
            let (true, syn::Member::Named(name)) = (record, &f.member) else {
                continue;
            };
            // A field of a crate type has an interned name; another is none of ours.
            let Some(name) = self.index.names.find(&name.to_string()) else {
                continue;
            };
            self.publish(&v, &f.expr);
            let source = match (v.made, v.place) {
                (Some((u, m)), _) if u as usize == self.cur => Source::Made(m),
                (_, Some(p)) if p.root != Root::Unknown => Source::Place(p),
                _ => continue,
            };
            fields.push((name, source));
        }
        if let Some(rest) = &s.rest {
            self.expr(rest);
        }
        let Some(t) = t else {
            return Val {
                guards,
                ..Val::default()
            };
        };
        let mut made = None;
        if record {
            let cur = self.cur;
            let loc = self.loc(
                s.path
                    .segments
                    .first()
                    .map_or_else(|| s.brace_token.span.open(), |seg| seg.ident.span()),
            );
            let rare = self.unit().rare_mut();
            rare.inits.push(Init {
                ty: t,
                loc,
                fields: fields.into_boxed_slice(),
                complete: s.rest.is_none(),
            });
            made = Some((cur as u32, Made::Literal(rare.inits.len() as u32 - 1)));
        }
        let mut v = Val {
            ty: Ty::Adt(t),
            guards,
            made,
            ..Val::default()
        };
        let at = s
            .path
            .segments
            .first()
            .map_or_else(|| s.brace_token.span.open(), |seg| seg.ident.span());
        self.droppable(&mut v, (at, at));
        v
    }

    /// `v.await` at `loc`: what the future does happens here (an async lock is taken, an async
    /// fn's body runs), and the task may be suspended with everything it holds.
    /// The place of a macro call, by its name (`join` of `tokio::join!(..)`).
    pub(super) fn macro_loc(&self, m: &syn::Macro) -> Loc {
        self.loc(
            m.path
                .segments
                .last()
                .map_or_else(proc_macro2::Span::call_site, |s| s.ident.span()),
        )
    }

    /// A future a macro awaits (`join!`, a `select!` branch): an async block given there runs
    /// there, then the future is awaited at `loc`.
    pub(super) fn await_future(&mut self, e: &syn::Expr, loc: Loc) -> Val {
        let v = self.expr(e);
        if let Some(d @ Deferred::Async(_)) = &v.deferred {
            self.run_deferred(d.clone(), Vec::new());
        }
        self.await_val(v, loc)
    }

    pub(super) fn await_val(&mut self, v: Val, loc: Loc) -> Val {
        // What the future gives back when it completes (a guard an async fn returns, an async
        // lock's) is not held while the task is suspended at this await; nor, in a future run
        // to its end by `block_on`, what the thread held before it started to wait.
        let mut held = self.life.held();
        if let Some(outer) = &self.blocked {
            held = held
                .iter()
                .filter(|g| !outer.contains(g))
                .copied()
                .collect();
        }
        let v = self.future_runs(v, loc);
        self.unit().rare_mut().awaits.push(AwaitPoint { loc, held });
        v
    }

    /// What a future does where it runs (is awaited, or run to its end by `block_on`): an
    /// async lock is taken, an async fn's body runs, a receive or a join waits for another
    /// thread or task. The task is suspended there; a thread running the future to its end
    /// blocks, and so does it in the async fns it runs (`Rare::run_to_end`).
    pub(super) fn future_runs(&mut self, v: Val, loc: Loc) -> Val {
        if let Ty::Waitable(w) = v.ty {
            if v.pending.is_none() && api::is_awaitable(w) {
                let object = v.class.map(|class| Object {
                    class,
                    place: v.place.clone().unwrap_or_else(Place::unknown),
                });
                self.awaited_wait(w, object, v.spawned, loc);
                return Val::default();
            }
        }
        let first = self.unit().calls.len() as u32;
        let v = self.run_pending(v, loc);
        if self.blocked.is_some() {
            let last = self.unit().calls.len() as u32;
            self.unit().rare_mut().run_to_end.extend(first..last);
        }
        v
    }

    /// A wait for another thread or task where a future is awaited.
    fn awaited_wait(
        &mut self,
        kind: Waitable,
        object: Option<Object>,
        joins: Option<usize>,
        loc: Loc,
    ) {
        let held = self.life.held();
        let task = self.blocked.is_none();
        self.unit().waits.push(Wait {
            kind,
            object,
            loc,
            held,
            releases: None,
            joins,
            timed: false,
            task,
        });
    }

    /// What a future does when it runs: an async lock is taken, an async fn's body runs, a
    /// receive waits.
    fn run_pending(&mut self, mut v: Val, at: Loc) -> Val {
        if let Some(p) = v.pending.take() {
            v = match &*p {
                Pending::Wait { kind, object } => {
                    self.awaited_wait(*kind, object.clone(), None, at);
                    Val::default()
                }
                Pending::Acquire {
                    recv,
                    lock,
                    acquire,
                    loc,
                } => self.acquire(recv.clone(), lock, *acquire, *loc),
                Pending::Call {
                    callees,
                    via,
                    args,
                    given,
                    loc,
                } => self.record_calls(callees, *via, args.clone(), given.clone(), *loc),
            };
        }
        v
    }

    pub(super) fn binary(&mut self, b: &syn::ExprBinary) -> Val {
        use syn::BinOp as B;
        match b.op {
            // Each operand of a lazy boolean is a temporary scope.
            B::And(_) | B::Or(_) => {
                self.temp_scoped(|w| w.expr(&b.left));
                self.temp_scoped(|w| w.expr(&b.right));
            }
            // Compound assignment on primitives evaluates the right operand first; our locks
            // guard counters and the like, so we follow that order.
            B::AddAssign(_)
            | B::SubAssign(_)
            | B::MulAssign(_)
            | B::DivAssign(_)
            | B::RemAssign(_)
            | B::BitXorAssign(_)
            | B::BitAndAssign(_)
            | B::BitOrAssign(_)
            | B::ShlAssign(_)
            | B::ShrAssign(_) => {
                self.expr(&b.right);
                self.expr(&b.left);
            }
            // `a.id < b.id`: whatever is locked next may be ordered by that key.
            B::Lt(_) | B::Le(_) | B::Gt(_) | B::Ge(_) => {
                let left = self.expr(&b.left);
                let right = self.expr(&b.right);
                self.compared(&left, &right);
            }
            _ => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
        }
        Val::default()
    }

    /// Two values compared by order (`a.id < b.id`, `a.key.cmp(&b.key)`, addresses): a function
    /// that nests locks of the objects they belong to may order them by this key.
    pub(super) fn compared(&mut self, a: &Val, b: &Val) {
        let (Some(pa), Some(pb)) = (&a.place, &b.place) else {
            return;
        };
        if pa.root != pb.root && pa.root != Root::Unknown && pb.root != Root::Unknown {
            let pair = (pa.root, pb.root);
            self.unit().rare_mut().ordered.push(pair);
        }
    }

    pub(super) fn mac(&mut self, m: &syn::Macro) -> Val {
        if let Some(v) = self.expand(m) {
            return v;
        }
        let kind = macros::kind(m);
        if matches!(kind, MacroKind::Selects) {
            return match macros::select_arms(m) {
                Some(arms) => self.select(m, arms),
                None => Val::default(),
            };
        }
        for arg in macros::args(m) {
            match kind {
                MacroKind::Assert => {
                    self.temp_scoped(|w| w.expr(&arg));
                }
                MacroKind::Awaits => {
                    // `join!(a, b)`: each future is awaited there, together with the others.
                    let loc = self.macro_loc(m);
                    self.await_future(&arg, loc);
                }
                MacroKind::Selects => {}
                _ => {
                    self.expr(&arg);
                }
            }
        }
        if matches!(kind, MacroKind::Diverges) {
            self.diverged = true;
        }
        Val::default()
    }
}

/// The permit count of `Semaphore::new(4)` (or `const_new`), also inside `Arc::new(..)`.
fn permits_given(e: &syn::Expr) -> Option<u32> {
    let syn::Expr::Call(c) = e else {
        return match e {
            syn::Expr::Paren(p) => permits_given(&p.expr),
            _ => None,
        };
    };
    let syn::Expr::Path(f) = &*c.func else {
        return None;
    };
    let segs: Vec<String> = f
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let [.., ty, ctor] = &segs[..] else {
        return None;
    };
    let [arg] = c.args.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    if ty == "Semaphore" && (ctor == "new" || ctor == "const_new") {
        match arg {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(i),
                ..
            }) => i.base10_parse().ok(),
            _ => None,
        }
    } else {
        permits_given(arg)
    }
}
