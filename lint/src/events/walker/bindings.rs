//! Variables: binding values to names and patterns, reading and assigning them, and the
//! classes of locks made in the function.

use proc_macro2::Span;
use syn::spanned::Spanned;

use std::rc::Rc;

use super::{start_span, Deferred, FnValue, Val, Walker};
use crate::events::guards::GuardId;
use crate::events::{GuardSrc, LocalLock, Via};
use crate::index::resolve::Res;
use crate::index::types::LockTy;
use crate::index::Ty;
use crate::index::{Cell, Def, StaticId};
use crate::locks::api::{self, Acquire, Mode, Waitable};
use crate::locks::class::{has_class, is_lock_like, ClassId, ClassRef, Place, Root};
use crate::source::Loc;

pub(super) struct Binding {
    pub name: String,
    /// Number for `Root::Local` and guard ownership; never reused within a function.
    pub local: u32,
    /// What reading the variable gives: its place is always known (the variable's own when the
    /// value had none); its guards are not here but in `Lifetimes`, owned by `local`.
    pub val: Val,
}

impl Binding {
    /// The variable as a closure kept for later sees it: the same value, but not one that the
    /// maker's callers name (their arguments are not the closure's inputs), so rooted at the
    /// variable itself; or, when it is part of the object that keeps the closure (`owner`), at
    /// the closure's parameter for that object (`Kept::owner`).
    pub(super) fn captured(&self, owner: Option<(Root, u16)>) -> Binding {
        let mut val = self.val.clone();
        if let Some(p) = val
            .place
            .as_mut()
            .filter(|p| matches!(p.root, Root::Param(_)))
        {
            p.root = match owner {
                Some((root, param)) if root == p.root => Root::Param(param),
                _ => Root::Local(self.local),
            };
            if val.class == Some(ClassRef::FromRoot) {
                val.class = None;
            }
        }
        Binding {
            name: self.name.clone(),
            local: self.local,
            val,
        }
    }
}

impl Walker<'_> {
    pub(super) fn lookup(&self, name: &str) -> Option<&Binding> {
        self.bindings.iter().rev().find(|b| b.name == name)
    }

    pub(super) fn fresh_local(&mut self) -> u32 {
        self.next_local += 1;
        self.next_local - 1
    }

    /// Binds `name` to `v`. A lock created here (`Mutex::new`, `Arc::new(RwLock::new(..))`)
    /// gets a function-local class named after the variable.
    pub(super) fn bind_name(&mut self, ident: &syn::Ident, v: Val) {
        let local = self.fresh_local();
        let name = ident.to_string();
        let mut made_lock = false;
        let class = match (&v.class, &v.ty) {
            (Some(c), _) => Some(*c),
            (None, ty) if has_class(self.index, ty) && v.place.is_none() => {
                let is_lock = is_lock_like(self.index, ty);
                // `Arc::new(Mutex::new(..))`: a lock of no other thread's yet.
                made_lock = is_lock && v.made.is_none();
                Some(self.local_class(&name, ident.span(), is_lock))
            }
            _ => None,
        };
        self.life.give_to_binding(&v.guards, local);
        let fresh = v.place.is_none()
            && (made_lock
                || v.made.is_some_and(|(u, _)| u as usize == self.cur)
                    && matches!(v.ty, Ty::Adt(t) if self.classes.holds_lock(t)));
        if fresh {
            let made = v.made.map(|(_, m)| m);
            self.unit().rare_mut().fresh.push((local, made));
        }
        let place = v.place.unwrap_or_else(|| Place::new(Root::Local(local)));
        let val = Val {
            place: Some(place),
            class,
            guards: Vec::new(),
            parts: Vec::new(),
            ..v
        };
        self.bindings.push(Binding { name, local, val });
    }

    /// The class of element `field` of a local tuple at `place` (`pair.0`), made on first use.
    pub(super) fn tuple_class(&mut self, place: &Place, field: &str, is_lock: bool) -> ClassRef {
        if let Some(&c) = self.tuple_classes.get(place) {
            return c;
        }
        let owner = match place.root {
            Root::Local(local) => self
                .bindings
                .iter()
                .find(|b| b.local == local)
                .map(|b| b.name.clone()),
            _ => None,
        };
        let name = format!("{}.{field}", owner.as_deref().unwrap_or("tuple"));
        let c = self.local_class(&name, Span::call_site(), is_lock);
        self.tuple_classes.insert(place.clone(), c);
        c
    }

    /// A class for a lock (or condvar, channel) created in this function, named after it.
    pub(super) fn local_class(&mut self, name: &str, span: Span, is_lock: bool) -> ClassRef {
        let unit_name = self.units[0].name(self.index);
        let decl = self.loc(span);
        // Local locks belong to the function, whichever of its threads uses them.
        let locals = &mut self.units[0].rare_mut().locals;
        locals.push(LocalLock {
            name: format!("{unit_name}::{name}"),
            decl,
            is_lock,
        });
        ClassRef::Local(locals.len() as u32 - 1)
    }

    /// Binds a pattern. Guards the value owns go to the first variable the pattern binds; with
    /// none (`_`), they stay temporaries and die with the statement.
    pub(super) fn bind_pat(&mut self, pat: &syn::Pat, v: Val) {
        match pat {
            syn::Pat::Ident(p) => match &p.subpat {
                Some((_, sub)) => {
                    self.bind_name(
                        &p.ident,
                        Val {
                            guards: Vec::new(),
                            ..v.clone()
                        },
                    );
                    self.bind_pat(sub, v);
                }
                None => self.bind_name(&p.ident, v),
            },
            syn::Pat::Type(p) => {
                let declared = self.lower(&p.ty);
                let v = if declared.is_known() {
                    Val { ty: declared, ..v }
                } else {
                    v
                };
                self.bind_pat(&p.pat, v);
            }
            syn::Pat::Paren(p) => self.bind_pat(&p.pat, v),
            syn::Pat::Reference(p) => self.bind_pat(
                &p.pat,
                Val {
                    guards: Vec::new(),
                    ..v
                },
            ),
            syn::Pat::Or(p) => {
                if let Some(first) = p.cases.first() {
                    self.bind_pat(first, v);
                }
            }
            // `Ok(g)`, `Some(g)`: the wrappers are transparent to us.
            syn::Pat::TupleStruct(p) if p.elems.len() == 1 && is_wrapper_ctor(&p.path) => {
                self.bind_pat(&p.elems[0], v);
            }
            syn::Pat::Tuple(p) if p.elems.len() == v.parts.len() => {
                for (elem, part) in p.elems.iter().zip(v.parts) {
                    self.bind_pat(elem, part);
                }
            }
            syn::Pat::Tuple(p) => {
                let tys = match &v.ty {
                    Ty::Tuple(ts) => ts.clone(),
                    _ => Vec::new(),
                };
                let mut guards = v.guards;
                for (i, elem) in p.elems.iter().enumerate() {
                    let ty = tys.get(i).cloned().unwrap_or_default();
                    // A handle in a tuple taken from where handles are kept is known by it.
                    let class = v.class.filter(|_| ty == Ty::Waitable(Waitable::JoinHandle));
                    let sub = Val {
                        ty,
                        class,
                        guards: std::mem::take(&mut guards),
                        ..Val::default()
                    };
                    self.bind_pat(elem, sub);
                }
            }
            syn::Pat::TupleStruct(p) => self.bind_all_unknown(p.elems.iter(), v.guards),
            syn::Pat::Slice(p) => self.bind_all_unknown(p.elems.iter(), v.guards),
            syn::Pat::Struct(p) => {
                self.bind_all_unknown(p.fields.iter().map(|f| &*f.pat), v.guards)
            }
            _ => {}
        }
    }

    pub(super) fn bind_all_unknown<'p>(
        &mut self,
        pats: impl Iterator<Item = &'p syn::Pat>,
        mut guards: Vec<GuardId>,
    ) {
        for p in pats {
            let sub = Val {
                guards: std::mem::take(&mut guards),
                ..Val::default()
            };
            self.bind_pat(p, sub);
        }
    }

    pub(super) fn bind_params(&mut self, params: &[crate::index::Param]) {
        for (i, p) in params.iter().enumerate() {
            if let Some(names) = &p.pattern {
                // As `bind_pat` binds a pattern without a value.
                for name in names {
                    let local = self.fresh_local();
                    let val = Val {
                        place: Some(Place::new(Root::Local(local))),
                        ..Val::default()
                    };
                    let name = self.index.name(*name).to_string();
                    self.bindings.push(Binding { name, local, val });
                }
                continue;
            }
            let local = self.fresh_local();
            let val = Val {
                ty: p.ty.clone(),
                place: Some(Place::new(Root::Param(i as u16))),
                class: has_class(self.index, &p.ty).then_some(ClassRef::FromRoot),
                ..Val::default()
            };
            // A guard given by value: held here until dropped here.
            if matches!(p.ty, Ty::Guard(_)) {
                let g = self.life.new_guard(GuardSrc::Param(i as u16));
                self.life.give_to_binding(&[g], local);
                let at = self.fn_loc;
                self.unit().rare_mut().param_guards.push((i as u16, at));
            }
            let name = self.index.name(p.name).to_string();
            self.bindings.push(Binding { name, local, val });
        }
    }

    pub(super) fn path_expr(&mut self, path: &syn::Path) -> Val {
        if let Some(ident) = path.get_ident() {
            if let Some(b) = self.lookup(&ident.to_string()) {
                let guards = self.life.owned_by(b.local);
                return Val {
                    guards,
                    ..b.val.clone()
                };
            }
        }
        let fn_value = |f| Val {
            deferred: Some(Deferred::Fn(Rc::new(f))),
            ..Val::default()
        };
        let loc = || {
            let first = path.segments.first().map(|s| s.ident.span());
            let last = path.segments.last().map(|s| s.ident.span());
            (
                first.unwrap_or_else(Span::call_site),
                last.unwrap_or_else(Span::call_site),
            )
        };
        match self.resolve(path) {
            Some(Res::Def(Def::Static(s))) => {
                if let Some(Cell::Lazy(init)) = self.index.static_(s).cell {
                    let (from, to) = loc();
                    let at = self.loc_between(from, to);
                    self.force(s, at, |w| {
                        if let Some(f) = init {
                            w.record_calls(&[f], Via::Init, Box::default(), Vec::new(), at);
                        }
                    });
                }
                self.static_val(s)
            }
            Some(Res::Def(Def::Fn(f))) => {
                let (from, to) = loc();
                fn_value(FnValue::Crate(f, self.loc_between(from, to)))
            }
            Some(Res::Assoc(t, name)) => match self.index.method(t, &name) {
                Some(f) => {
                    let (from, to) = loc();
                    fn_value(FnValue::Crate(f, self.loc_between(from, to)))
                }
                None => Val::default(),
            },
            Some(Res::External(full)) => {
                let (owner, name) = full.split_at(full.len().saturating_sub(1));
                match (api::waitable_type(owner), name.first()) {
                    (Some(w), Some(name)) if api::is_wait(w, name) => {
                        fn_value(FnValue::Wait(w, name.clone(), loc()))
                    }
                    _ => Val::default(),
                }
            }
            _ => Val::default(),
        }
    }

    /// A static, read by name.
    /// A use of one-time-initialized static `s` that may run its initializer (`init`).
    pub(super) fn force(&mut self, s: StaticId, at: Loc, init: impl FnOnce(&mut Self)) {
        let Some(class) = self.classes.cell(s) else {
            init(self);
            return;
        };
        let cell = Val {
            place: Some(Place::new(Root::Static(s))),
            ty: self.index.static_(s).ty.clone(),
            ..Val::default()
        };
        self.force_cell(class, &cell, at, init);
    }

    /// Forcing the cell `cell` of `class`, which may run its initializer (`init`): the
    /// initializer runs with the cell "held", which any other thread forcing it waits for;
    /// afterwards the cell is held by nobody.
    pub(super) fn force_cell(
        &mut self,
        class: ClassId,
        cell: &Val,
        at: Loc,
        init: impl FnOnce(&mut Self),
    ) {
        let lock = LockTy {
            flavor: api::once_flavor(),
            inner: Box::new(cell.ty.clone()),
        };
        let cell = Val {
            place: cell.place.clone(),
            class: Some(ClassRef::Known(class)),
            ..Val::default()
        };
        let acquire = Acquire {
            mode: Mode::Exclusive,
            waits: true,
        };
        let held = self.acquire(cell, &lock, acquire, at);
        init(self);
        self.life.kill(&held.guards);
    }

    pub(super) fn static_val(&self, s: StaticId) -> Val {
        let def = self.index.static_(s);
        Val {
            ty: def.ty.clone(),
            place: Some(Place::new(Root::Static(s))),
            class: self.classes.static_(s).map(ClassRef::Known),
            cell: (def.cell == Some(Cell::Given))
                .then(|| self.classes.cell(s))
                .flatten(),
            ..Val::default()
        }
    }

    /// A value handed on at `e` (moved into a call, a struct literal or a place): a
    /// lock-holding value made here (`Rare::fresh`) may be reached by other threads from there.
    pub(super) fn publish(&mut self, v: &Val, e: &syn::Expr) {
        // Data read out through one of its guards (`*fresh.inner.read()`) is a copy, not it.
        let Some(Root::Local(k)) = v
            .place
            .as_ref()
            .filter(|p| !p.through_guard())
            .map(|p| p.root)
        else {
            return;
        };
        if !self.units[self.cur].rare().is_fresh(k) {
            return;
        }
        if self.publish_behind.is_empty() {
            let at = self.loc(e.span());
            self.unit().rare_mut().published.push((k, at));
        } else {
            let behind = self.publish_behind.clone();
            self.published_behind.push((self.cur, k, behind));
        }
    }

    /// Values put in the data of guards that have died by `at` are handed on there: until the
    /// lock is let go, no other thread can reach them through it.
    pub(super) fn settle_published(&mut self, at: Loc) {
        let cur = self.cur;
        let (gone, alive): (Vec<_>, Vec<_>) = std::mem::take(&mut self.published_behind)
            .into_iter()
            .partition(|(unit, _, guards)| {
                *unit == cur && guards.iter().all(|&g| !self.life.is_alive(g))
            });
        self.published_behind = alive;
        for (_, k, _) in gone {
            self.unit().rare_mut().published.push((k, at));
        }
    }

    pub(super) fn assign(&mut self, left: &syn::Expr, right: &syn::Expr) {
        // The right operand is evaluated first: in `a.write().x = b.read().len()`, `b` is locked
        // before `a`.
        let v = self.expr(right);
        self.publish(&v, right);
        if let Some(u) = v.spawned {
            // `self.handle = Some(thread::spawn(..))`, `*guard = Some(handle)`: kept there.
            let kept = match left {
                syn::Expr::Unary(syn::ExprUnary {
                    op: syn::UnOp::Deref(_),
                    expr,
                    ..
                }) => {
                    let g = self.expr(expr);
                    let returned = g.guards.iter().find_map(|&id| match self.life.src(id) {
                        Some(GuardSrc::Returned(k)) => Some(k),
                        _ => None,
                    });
                    match (self.guarded_class(&g), returned) {
                        (None, Some(k)) => {
                            self.unit().rare_mut().keeps_returned.push((k, u));
                            self.life.move_away(&v.guards);
                            return;
                        }
                        (class, _) => class,
                    }
                }
                syn::Expr::Field(_) => self.expr(left).class,
                _ => None,
            };
            if let Some(class) = kept {
                self.keep(class, u);
                self.life.move_away(&v.guards);
                return;
            }
        }
        if let syn::Expr::Path(p) = left {
            if let Some(ident) = p.path.get_ident() {
                if let Some(b) = self.lookup(&ident.to_string()) {
                    let local = b.local;
                    // The old value drops after the new one exists.
                    let old = self.life.owned_by(local);
                    self.life.kill(&old);
                    self.run_drops_at(|w| start_span(left).map(|s| w.loc(s)));
                    self.life.give_to_binding(&v.guards, local);
                    return;
                }
            }
        }
        // `self.on_close = Some(Box::new(move || ..))`: kept for later.
        let target = self.expr(left);
        if let Some(slot) = target.ty.slot() {
            let owner = self.slot_owner(target.place.as_ref(), slot);
            self.store_in(slot, owner.as_ref(), &v);
        }
        self.life.move_away(&v.guards);
    }

    /// `mem::take(&mut *guard)`, `mem::replace(&mut slot, v)`: the value moved out is what the
    /// place held (a join handle kept in a lock's data is known by that lock). `mem::swap(&mut
    /// local, &mut guard)` (`swaps`): the local now holds what the guard's data held.
    pub(super) fn mem_exchange(&mut self, args: &super::Args, swaps: bool) -> Val {
        let vals = self.args(args, None);
        let place = if swaps {
            args.iter().nth(1)
        } else {
            args.first()
        };
        let (Some(v), Some(place)) = (vals.get(usize::from(swaps)), place) else {
            return Val::default();
        };
        // Only where it is kept is known: a handle of no known origin would be a wait whose
        // other side the code never shows.
        let Some(class) = self.kept_in(place).or(v.class) else {
            return Val::default();
        };
        let held = Val {
            ty: match &v.ty {
                Ty::Guard(data) => (**data).clone(),
                ty => ty.clone(),
            },
            class: Some(class),
            ..Val::default()
        };
        if !swaps {
            return held;
        }
        if let Some(syn::Expr::Reference(r)) = args.first() {
            if let syn::Expr::Path(p) = &*r.expr {
                let name = p.path.get_ident().map(ToString::to_string);
                let b = name.and_then(|n| self.bindings.iter_mut().rev().find(|b| b.name == n));
                if let Some(b) = b {
                    b.val.ty = held.ty;
                    b.val.class = held.class;
                }
            }
        }
        Val::default()
    }

    /// The lock whose data `&mut guard` or `&mut *guard` names: a variable that owns a guard.
    fn kept_in(&self, e: &syn::Expr) -> Option<ClassRef> {
        match e {
            syn::Expr::Reference(r) => self.kept_in(&r.expr),
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => self.kept_in(&u.expr),
            syn::Expr::Paren(p) => self.kept_in(&p.expr),
            syn::Expr::Path(p) => {
                let b = self.lookup(&p.path.get_ident()?.to_string())?;
                self.life
                    .owned_by(b.local)
                    .iter()
                    .find_map(|&g| Some(self.guard_lock(self.life.src(g)?)?.0.class))
            }
            _ => None,
        }
    }
}

/// `Ok(g)`, `Some(g)`: a pattern that unwraps its value, transparent to us.
fn is_wrapper_ctor(path: &syn::Path) -> bool {
    path.segments
        .last()
        .and_then(|s| api::variant_named(|n| s.ident == n))
        .is_some_and(|v| v.success && v.carries)
}
