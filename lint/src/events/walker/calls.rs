//! Calls: acquisitions, waits and wakes on the lock APIs `locks::api` knows, calls into the
//! crate (recorded for the summaries, with the guards held), and external functions that
//! matter (`drop`, spawning, constructors of locks, channels and the wrappers seen through).

use std::rc::Rc;

use proc_macro2::Span;

use super::waits::join_handle;
use super::{start_span, Args, Pending, Val, Walker, MAX_DEREFS};
use crate::events::{
    Acquisition, Arg, Call, EventRef, Fields, GuardSrc, Made, SlotCall, Store, Via,
};
use crate::index::accessors::Accessor;
use crate::index::resolve::Res;
use crate::index::types::{lower, LockTy, LowerCx};
use crate::index::{Def, FnId, Index, Ty, TypeId, TypeKind};
use crate::locks::api::{self, Acquire, Flavor, MethodView, Waitable};
use crate::locks::class::{ClassRef, LockRef, Place, Proj, Root};
use crate::source::Loc;

/// Implementations of a trait a call through it is followed into (`trait_call`).
const MAX_DISPATCH: usize = 4;

/// What an external constructor makes (`locks::api` knows which these are).
#[derive(Clone, Copy)]
enum Ctor {
    Waitable(Waitable),
    Lock(Flavor),
    /// `Some(x)`, `Arc::new(x)`, `MutexGuard::map(x, ..)`: `x`, as far as locks are concerned.
    Wrapper,
}

impl Walker<'_> {
    pub(super) fn method_call(&mut self, m: &syn::ExprMethodCall) -> Val {
        let mut recv = self.expr(&m.receiver);
        let name = m.method.to_string();
        // Auto-deref through the crate's `Deref` impls, to the first type with such a method.
        for _ in 0..MAX_DEREFS {
            let Ty::Adt(t) = recv.ty else { break };
            if !self.index.derefs.contains_key(&t) || self.index.receiver_method(t, &name).is_some()
            {
                break;
            }
            match self.through_deref(&recv) {
                Some(inner) => recv = inner,
                None => break,
            }
        }
        let start = start_span(&m.receiver).unwrap_or_else(|| m.method.span());
        // Located only where an event needs it: most method calls are not events.
        let at = (start, m.paren_token.span.close());
        let recv_ty = recv.ty.clone();
        // `CELL.get_or_init(|| ..)`: the closure is the cell's initializer, run with the cell
        // held; tokio's `get_or_init(|| async { .. })` runs the async block's body.
        if let Some(class) = recv.cell.filter(|_| api::forces_cell(&name)) {
            let at = self.loc_between(start, m.paren_token.span.close());
            let async_body = m.args.iter().find_map(|a| match a {
                syn::Expr::Closure(c) => match &*c.body {
                    syn::Expr::Async(b) => Some(&b.block),
                    _ => None,
                },
                _ => None,
            });
            self.force_cell(class, &recv, at, |w| match async_body {
                Some(body) => {
                    w.block(body);
                }
                None => {
                    w.args(&m.args, None);
                }
            });
            return Val { cell: None, ..recv };
        }
        if let Ty::Lock(l) = &recv_ty {
            if let Some(acq) = self.index.acquire(l.flavor, &name) {
                self.args(&m.args, None);
                if api::returns_future(l.flavor, &name) {
                    let pending = Pending::Acquire {
                        recv,
                        lock: l.clone(),
                        acquire: acq,
                        loc: self.loc_between(at.0, at.1),
                    };
                    return Val {
                        pending: Some(Rc::new(pending)),
                        ..Val::default()
                    };
                }
                return self.acquire(recv, l, acq, self.loc_between(at.0, at.1));
            }
            let key = (l.flavor.kind.type_name().to_string(), name.clone());
            if let Some(&callee) = self.index.ext_methods.get(&key).and_then(|v| v.first()) {
                return self.call_fn(callee, Some(recv), &m.args, self.loc_between(at.0, at.1));
            }
        }
        if let Ty::Waitable(w) = recv_ty {
            if let Some(v) = self.wait_or_wake(w, &recv, &name, &m.args, at) {
                return v;
            }
        }
        let target = match &recv_ty {
            Ty::Guard(inner) => match &**inner {
                Ty::Adt(t) => Some(*t),
                _ => None,
            },
            Ty::Adt(t) => Some(*t),
            _ => None,
        };
        if let Some(callee) = target.and_then(|t| self.index.receiver_method(t, &name)) {
            let recv = if matches!(recv_ty, Ty::Guard(_)) {
                self.deref(recv)
            } else {
                recv
            };
            return self.call_fn(callee, Some(recv), &m.args, self.loc_between(at.0, at.1));
        }
        if let Some(v) = self.trait_call(&recv_ty, &recv, &name, &m.args, at) {
            return v;
        }
        let crate_spawner = matches!(recv_ty, Ty::Unknown)
            && !self.index.spawner_methods.is_empty()
            && self
                .index
                .names
                .find(&name)
                .is_some_and(|n| self.index.spawner_methods.contains(&n));
        if api::is_spawner(&name)
            || crate_spawner
            || self.index.is_user_spawner(std::slice::from_ref(&name))
        {
            let handle = join_handle(self.spawn_args(&m.args));
            self.spawned_on_scope(&m.receiver, handle.spawned);
            return handle;
        }
        if api::passes_guard(&name) {
            let mut vals = self.args(&m.args, None);
            if !vals.is_empty() {
                return vals.swap_remove(0);
            }
            return Val::default();
        }
        // `guard.take()`: the value inside moves out of the locked `Option`; what it is matters
        // (a runtime, a join handle), not where it was.
        if api::moves_out(&name) {
            let moved = match &recv_ty {
                Ty::Guard(inner) if !matches!(**inner, Ty::Seq(_)) => Some((**inner).clone()),
                Ty::Waitable(_) => Some(recv_ty.clone()),
                _ => None,
            };
            if let Some(ty) = moved {
                self.args(&m.args, None);
                // Still known by where it was kept: the field, or the lock whose data it was. A
                // value of a crate type taken out of a lock is not that lock: its fields have
                // classes of their own.
                let class = match recv_ty {
                    Ty::Guard(_) => self.guarded_class(&recv),
                    _ => recv.class,
                }
                .filter(|_| !matches!(ty, Ty::Adt(_)));
                return Val {
                    ty,
                    class,
                    ..Val::default()
                };
            }
        }
        let view = api::method_view(&name);
        match view {
            Some(MethodView::Unwrapped) => {
                // The fallback runs where the try failed, without the guard the try would have
                // given; the result holds the try's guard or the fallback's.
                let failed = match api::runs_on_failure(&name) {
                    true => self.success_only_guards(&recv),
                    false => Vec::new(),
                };
                let suspended = self.life.suspend(&failed);
                let fallbacks = self.args(&m.args, None);
                self.life.resume(&suspended);
                let mut out = recv;
                if !failed.is_empty() {
                    out.guards
                        .extend(fallbacks.into_iter().flat_map(|v| v.guards));
                }
                return out;
            }
            Some(MethodView::Alias) => {
                self.args(&m.args, None);
                return match recv.ty {
                    Ty::Guard(_) => self.deref(recv),
                    _ => Val {
                        guards: Vec::new(),
                        ..recv
                    },
                };
            }
            _ => {}
        }
        // A sequence behind a guard (`map.write().get_mut(k)`): auto-deref to the sequence; the
        // guard stays with the statement's temporaries.
        let (recv, recv_ty, behind) = match &recv_ty {
            Ty::Guard(inner) if matches!(**inner, Ty::Seq(_)) => {
                let lock = self.guarded_class(&recv);
                let behind = recv.guards.clone();
                let mut data = self.deref(recv);
                // Join handles kept in the data of a lock are known by that lock: pushed there
                // and drained from there, they pair with their threads (`Rare::keeps`).
                if matches!(&data.ty, Ty::Seq(e) if e.holds_join_handle()) {
                    data.class = lock;
                }
                let ty = data.ty.clone();
                (data, ty, behind)
            }
            _ => (recv, recv_ty, Vec::new()),
        };
        let is_seq = matches!(recv_ty, Ty::Seq(_));
        let closure_param = if is_seq {
            self.element_of(&recv)
        } else {
            // `spawn(..).map(|handle| Handle { handle, .. })`: the thread's handle, unwrapped.
            Val {
                ty: recv_ty.clone(),
                class: recv.class,
                place: recv.place.clone(),
                spawned: recv.spawned,
                ..Val::default()
            }
        };
        // `self.listeners.push(Box::new(move |e| ..))`: kept in the field, run where it is called.
        let keeps = match &recv_ty {
            Ty::Seq(elem) => elem.slot().filter(|_| api::inserts(&name)),
            _ => None,
        };
        // `map.insert(k, fresh.clone())` with `map` a guard: handed on when the guard goes.
        let outer = std::mem::replace(&mut self.publish_behind, behind);
        let vals = match (keeps, &recv_ty) {
            (Some(slot), _) => {
                let vals = self.stored_args(&m.args);
                let owner = self.slot_owner(recv.place.as_ref(), slot);
                for v in &vals {
                    self.store_in(slot, owner.as_ref(), v);
                }
                vals
            }
            (None, Ty::Unknown) => self.unknown_method_args(&m.args, Some(closure_param), &name),
            (None, _) => self.args(&m.args, Some(closure_param)),
        };
        self.publish_behind = outer;
        if api::compares_order(&name) {
            if let Some(other) = vals.first() {
                self.compared(&recv, other);
            }
        }
        // `self.workers.push(handle)`, `push((handle, unparker))`: the collection keeps the
        // thread's handle.
        if let Some(class) = recv.class {
            let parts = vals.iter().flat_map(|v| std::iter::once(v).chain(&v.parts));
            for u in parts.filter_map(|v| v.spawned).collect::<Vec<_>>() {
                self.keep(class, u);
            }
        }
        // Futures made one per element (`.map(|id| self.fetch(id))`), carried through the
        // adapters and `collect()` to where they are awaited together (`join_all(..).await`).
        let futures = match api::makes_futures(&name) {
            true => vals.iter().find_map(|v| v.pending.clone()),
            false => recv.pending.clone().filter(|_| api::keeps_futures(&name)),
        };
        if futures.is_some() {
            return Val {
                pending: futures,
                ..Val::default()
            };
        }
        match view {
            // `v.iter()` is still the sequence; `v.get(i)` one of its elements.
            // It is no place of its own, but a sequence of callbacks is still known by where
            // it is kept (`SlotCall::owner`).
            Some(MethodView::Sequence) if is_seq => Val {
                guards: Vec::new(),
                place: recv.place.clone().filter(
                    |_| matches!(&recv_ty, Ty::Seq(e) if matches!(**e, Ty::Callback(Some(_)))),
                ),
                ..recv
            },
            Some(MethodView::Element) if is_seq => self.element_of(&recv),
            _ => Val::default(),
        }
    }

    pub(super) fn call(&mut self, c: &syn::ExprCall) -> Val {
        let start = start_span(&c.func).unwrap_or_else(|| c.paren_token.span.open());
        let at = (start, c.paren_token.span.close());
        let syn::Expr::Path(fp) = &*c.func else {
            let f = self.expr(&c.func);
            let args = self.args(&c.args, None);
            return self.call_value(f, args, self.loc_between(at.0, at.1));
        };
        if let Some(ident) = fp.path.get_ident() {
            if let Some(b) = self.lookup(&ident.to_string()) {
                let f = Val {
                    ty: b.val.ty.clone(),
                    deferred: b.val.deferred.clone(),
                    place: b.val.place.clone(),
                    ..Val::default()
                };
                let args = self.args(&c.args, None);
                return self.call_value(f, args, self.loc_between(at.0, at.1));
            }
        }
        match self.resolve(&fp.path) {
            Some(Res::Def(Def::Fn(callee))) => {
                self.call_fn(callee, None, &c.args, self.loc_between(at.0, at.1))
            }
            Some(Res::Assoc(t, name)) => match self.index.method(t, &name) {
                Some(callee) => self.call_fn(callee, None, &c.args, self.loc_between(at.0, at.1)),
                // `Mutex::new(..)` where the crate says `type Mutex<T> = parking_lot::Mutex<T>`.
                None => match self.alias_ctor(t, &name) {
                    Some(ctor) => self.construct(Some(ctor), &c.args, &name),
                    None => self.opaque_call(&c.args),
                },
            },
            Some(Res::Def(Def::Type(t))) => {
                let vals = self.stored_args(&c.args);
                let mut v = Val {
                    ty: Ty::Adt(t),
                    guards: vals.into_iter().flat_map(|v| v.guards).collect(),
                    ..Val::default()
                };
                self.droppable(&mut v, at);
                v
            }
            Some(Res::External(path)) => self.external_call(&path, &c.args, at),
            _ => self.opaque_call(&c.args),
        }
    }

    /// Calls outside the crate that matter: `drop`, spawning, constructors of locks and of the
    /// wrappers we see through.
    pub(super) fn external_call(&mut self, path: &[String], args: &Args, at: (Span, Span)) -> Val {
        let last = path.last().map_or("", String::as_str);
        if api::releases_guard(&path[..path.len().saturating_sub(1)], last) {
            return self.released_guard(args, at);
        }
        if api::is_identity_check(path) {
            self.unit().rare_mut().checks_identity = true;
        }
        if api::is_dropping(last) {
            let loc = self.loc_between(at.0, at.1);
            for (v, a) in self.args(args, None).into_iter().zip(args) {
                self.life.drop_now(&v.guards);
                self.drop_unowned(&v, loc);
                // Dropped by value, a runtime waits for its tasks here.
                let by_value = !matches!(a, syn::Expr::Reference(_));
                if let (Ty::Waitable(w), true) = (&v.ty, by_value) {
                    if let Some(kind) = api::drop_waits(*w) {
                        self.blocks_here(kind, loc, false);
                    }
                }
            }
            self.run_drops(Some(loc));
            return Val::default();
        }
        if api::is_spawner(last) || self.index.is_user_spawner(path) {
            return join_handle(self.spawn_args(args));
        }
        if let Some(swaps) = api::mem_exchange(path) {
            return self.mem_exchange(args, swaps);
        }
        // `join_all(futures)`: one future that runs them all where it is awaited.
        if api::joins_futures(last) {
            let vals = self.args(args, None);
            return Val {
                pending: vals.into_iter().find_map(|v| v.pending),
                ..Val::default()
            };
        }
        if api::joins_scope(path) {
            return self.joining_scope(args, at);
        }
        if api::runs_future_fn(path) {
            let vals = self.blocking_args(args);
            return self.run_to_end(vals, self.loc_between(at.0, at.1));
        }
        let blocking = match api::is_blocking_fn(path) {
            true => Some(Waitable::Park),
            false => self
                .index
                .is_user_blocking(path)
                .then_some(Waitable::Configured),
        };
        if let Some(kind) = blocking {
            self.args(args, None);
            self.blocks_here(kind, self.loc_between(at.0, at.1), api::is_timed_wait(last));
            return Val::default();
        }
        if let Some((sender, receiver)) = api::channel_ctor(path) {
            self.args(args, None);
            // Both ends of one channel share a class: what a receiver waits for, a sender wakes.
            let name = format!("channel@{}", self.loc_between(at.0, at.1).line);
            let class = Some(self.local_class(&name, Span::call_site(), false));
            let end = |w| Val {
                ty: Ty::Waitable(w),
                class,
                ..Val::default()
            };
            let parts = vec![end(sender), end(receiver)];
            let ty = Ty::Tuple(parts.iter().map(|p| p.ty.clone()).collect());
            return Val {
                ty,
                parts,
                ..Val::default()
            };
        }
        let owner_path = &path[..path.len().saturating_sub(1)];
        let ctor = if let Some(w) =
            api::waitable_type(owner_path).filter(|_| api::is_waitable_ctor(last))
        {
            Some(Ctor::Waitable(w))
        } else if let Some(f) = api::lock_type(owner_path).filter(|_| api::is_lock_ctor(last)) {
            Some(Ctor::Lock(f))
        } else if api::variant(last).is_some_and(|v| v.carries)
            || api::is_wrapping_ctor(owner_path, last)
            || api::maps_guard(owner_path, last)
        {
            Some(Ctor::Wrapper)
        } else {
            None
        };
        self.construct(ctor, args, last)
    }

    /// A call of an external constructor (`ctor`), or of another external function (`None`).
    fn construct(&mut self, ctor: Option<Ctor>, args: &Args, last: &str) -> Val {
        // What a constructor is given, it keeps: a closure or future in it runs where it is
        // called later, not here.
        let mut vals = match ctor {
            Some(_) => self.stored_args(args),
            None => self.unknown_method_args(args, None, last),
        };
        let first = if vals.is_empty() {
            Val::default()
        } else {
            vals.swap_remove(0)
        };
        match ctor {
            Some(Ctor::Waitable(w)) => Val {
                ty: Ty::Waitable(w),
                ..Val::default()
            },
            Some(Ctor::Lock(flavor)) => Val {
                ty: Ty::Lock(LockTy {
                    flavor,
                    inner: Box::new(first.ty),
                }),
                // `Mutex::new(Some(thread::spawn(..)))`: the lock keeps the thread's handle.
                spawned: first.spawned,
                ..Val::default()
            },
            Some(Ctor::Wrapper) => first,
            None => {
                self.life.move_away(&first.guards);
                Val::default()
            }
        }
    }

    /// The constructor `name` of a crate's alias of a lock or waitable type.
    fn alias_ctor(&self, t: TypeId, name: &str) -> Option<Ctor> {
        let def = self.index.ty(t);
        let TypeKind::Alias(target) = &def.kind else {
            return None;
        };
        let cx = LowerCx {
            module: def.module,
            self_ty: None,
            generics: &def.generics,
        };
        match lower(self.index, &cx, target) {
            Ty::Lock(l) if api::is_lock_ctor(name) => Some(Ctor::Lock(l.flavor)),
            Ty::Waitable(w) if api::is_waitable_ctor(name) => Some(Ctor::Waitable(w)),
            _ => None,
        }
    }

    /// `MutexGuard::unlocked(&mut guard, || ..)`: the closure runs without the guard's lock,
    /// which is taken again when it returns, under whatever else is held then.
    fn released_guard(&mut self, args: &Args, at: (Span, Span)) -> Val {
        let Some(first) = args.first() else {
            return Val::default();
        };
        self.expr(first);
        // `&mut guard`: the guards the variable owns.
        let mut e = first;
        while let syn::Expr::Reference(syn::ExprReference { expr, .. })
        | syn::Expr::Paren(syn::ExprParen { expr, .. }) = e
        {
            e = expr;
        }
        let owned = match e {
            syn::Expr::Path(p) => p
                .path
                .get_ident()
                .and_then(|i| self.lookup(&i.to_string()))
                .map(|b| self.life.owned_by(b.local)),
            _ => None,
        };
        let released = self.life.suspend(&owned.unwrap_or_default());
        let rest: Args = args.iter().skip(1).cloned().collect();
        self.args(&rest, None);
        let loc = self.loc_between(at.0, at.1);
        for &g in &released {
            let lock = self.life.src(g).and_then(|src| self.guard_lock(src));
            if let Some((lock, _)) = lock {
                let held = self.life.held();
                self.unit()
                    .acquisitions
                    .push(Acquisition { lock, loc, held });
            }
        }
        self.life.resume(&released);
        Val::default()
    }

    pub(super) fn opaque_call(&mut self, args: &Args) -> Val {
        for v in self.args(args, None) {
            self.life.move_away(&v.guards);
        }
        Val::default()
    }

    /// A call of a closure value (`f()`, `(self.callback)()`): its body runs here.
    pub(super) fn call_value(&mut self, f: Val, args: Vec<Val>, loc: Loc) -> Val {
        if let Some(d) = f.deferred {
            self.run_deferred(d, args);
        } else if let Ty::Callback(Some(slot)) = f.ty {
            // `(self.on_event)(e)`: whatever closures that field keeps run here.
            let call = SlotCall {
                slot,
                owner: self.slot_owner(f.place.as_ref(), slot),
                args: args
                    .iter()
                    .map(|v| Arg {
                        place: v.place.clone(),
                        class: v.class,
                        present: false,
                        ..Arg::default()
                    })
                    .collect(),
                loc,
                held: self.life.held(),
            };
            for v in &args {
                self.life.move_away(&v.guards);
            }
            self.unit().rare_mut().callbacks_mut().slot_calls.push(call);
        }
        Val::default()
    }

    pub(super) fn acquire(&mut self, recv: Val, lock: &LockTy, acquire: Acquire, loc: Loc) -> Val {
        let inner = Ty::Guard(lock.inner.clone());
        // A lock we cannot name (the result of an unknown call, say) cannot be compared with
        // anything: stay silent rather than guess.
        let Some(class) = recv.class else {
            return Val {
                ty: inner,
                ..Val::default()
            };
        };
        // A lock we cannot place (an element a lookup found) is still one instance while its
        // guard lives: what is reached through that guard's data lies inside it.
        let place = match recv.place {
            Some(p) if p.root != Root::Unknown => p,
            _ => Place::new(Root::Local(self.fresh_local())),
        };
        let held = self.life.held();
        let absent = self.if_absent;
        let unit = self.unit();
        unit.acquisitions.push(Acquisition {
            lock: LockRef {
                class,
                place: place.clone(),
                flavor: lock.flavor,
                acquire,
            },
            loc,
            held,
        });
        let k = unit.acquisitions.len() as u32 - 1;
        if let Some(p) = absent {
            unit.rare_mut()
                .if_absent
                .push((EventRef::Acquisition(k), p));
        }
        let src = GuardSrc::Acquired(k);
        let g = self.life.new_guard(src);
        Val {
            ty: inner,
            place: Some(place),
            guards: vec![g],
            ..Val::default()
        }
    }

    /// A call into the crate. Arguments move into the callee; a guard it returns is held here.
    pub(super) fn call_fn(
        &mut self,
        callee: FnId,
        recv: Option<Val>,
        args: &Args,
        loc: Loc,
    ) -> Val {
        self.call_fns(&[callee], Via::Direct, recv, args, loc)
    }

    /// A call that reaches one of `callees`: one function, or, through a trait, each
    /// implementing type's method.
    pub(super) fn call_fns(
        &mut self,
        callees: &[FnId],
        via: Via,
        recv: Option<Val>,
        args: &Args,
        loc: Loc,
    ) -> Val {
        let mut vals: Vec<Val> = recv.into_iter().collect();
        if !self.index.user_blocking.is_empty() {
            for &callee in callees {
                let display = self.index.fn_display(callee);
                let path: Vec<String> = display.split("::").map(str::to_string).collect();
                if self.index.is_user_blocking(&path) {
                    self.blocks_here(Waitable::Configured, loc, false);
                }
            }
        }
        let Some(&first) = callees.first() else {
            return Val::default();
        };
        let configured = !self.index.user_spawners.is_empty() && {
            let display = self.index.fn_display(first);
            let path: Vec<String> = display.split("::").map(str::to_string).collect();
            self.index.is_user_spawner(&path)
        };
        if api::is_spawner(self.index.name(self.index.func(first).name))
            || self.index.spawners.contains(&first)
            || configured
        {
            vals.extend(self.spawn_args(args));
        } else if callees.iter().all(|c| self.index.keepers.contains(c)) {
            // A callback registered: it runs where it is called later, not here.
            let before = vals.len();
            vals.extend(self.stored_args(args));
            if let [keeper] = callees {
                // `self.listen(move |e| ..)`: kept in a field of what the keeper is called on.
                let owner = vals
                    .first()
                    .and_then(|v| v.place.as_ref())
                    .filter(|p| p.proj.is_empty() && matches!(p.root, Root::Param(_)))
                    .map(|p| p.root);
                for (i, v) in vals.iter().enumerate().skip(before) {
                    if let Some(d) = &v.deferred {
                        self.keep_deferred(d, Store::Param(*keeper, i as u16), owner);
                    }
                }
            }
        } else {
            vals.extend(self.args(args, None));
        }
        // The receiver, if any, comes before the arguments written in parentheses.
        let written = vals.len().saturating_sub(args.len());
        let written_arg = |i: usize| i.checked_sub(written).and_then(|k| args.iter().nth(k));
        // A guard passed by value where the callee takes one is the callee's: it holds it until
        // it drops it (`GuardSrc::Param`), not this statement.
        let params = &self.index.func(first).params;
        let mut passed: Vec<Option<(LockRef, Loc)>> = Vec::with_capacity(vals.len());
        let mut gives: Vec<Option<GuardSrc>> = Vec::with_capacity(vals.len());
        for (i, v) in vals.iter().enumerate() {
            let by_value = written_arg(i).is_some_and(|a| !matches!(a, syn::Expr::Reference(_)));
            let takes_guard = params.get(i).is_some_and(|p| matches!(p.ty, Ty::Guard(_)));
            let given = match (callees.len(), by_value && takes_guard) {
                (1, true) => v.guards.iter().find_map(|g| self.life.src(*g)),
                _ => None,
            };
            // A guard whose lock a callee names (`GuardSrc::Returned`) stays this statement's:
            // the acquisitions of what it is handed to pair with it here.
            let lock = given.and_then(|g| self.guard_lock(g));
            if lock.is_some() {
                self.life.kill(&v.guards);
            } else {
                self.life.move_away(&v.guards);
            }
            passed.push(lock);
            gives.push(given);
        }
        let accessed = match callees {
            [one] => self.accessed_lock(*one, vals.first()),
            _ => None,
        };
        let args: Box<[Arg]> = vals
            .iter()
            .zip(passed.iter().zip(gives))
            .enumerate()
            .map(|(i, (v, (guard, gives)))| Arg {
                place: v.place.clone(),
                class: v.class.or(guard.as_ref().map(|(l, _)| l.class)),
                present: written_arg(i).is_some_and(is_present),
                guard: guard.as_ref().map(|(l, at)| (l.flavor, l.acquire, *at)),
                gives,
            })
            .collect();
        let given: Given = vals
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((i as u16, self.given_fields(v)?)))
            .collect();
        if self.index.func(first).is_async {
            let call = Pending::Call {
                callees: callees.into(),
                via,
                args,
                given,
                loc,
            };
            return Val {
                pending: Some(Rc::new(call)),
                ..Val::default()
            };
        }
        let ret = self.record_calls(callees, via, args, given, loc);
        accessed.unwrap_or(ret)
    }

    /// A spawned thread (unit `u`) whose handle is kept in a container of `class`.
    pub(super) fn keep(&mut self, class: ClassRef, u: usize) {
        self.unit().rare_mut().keeps.push((class, u));
    }

    /// The class of the lock a guard value holds, from the acquisition that made it.
    pub(super) fn guarded_class(&self, guard: &Val) -> Option<ClassRef> {
        guard
            .guards
            .iter()
            .find_map(|g| Some(self.guard_lock(self.life.src(*g)?)?.0.class))
    }

    /// The lock a guard of the current unit holds, and where it was taken, when the unit knows
    /// it (a guard a call returned is its callee's to say).
    pub(super) fn guard_lock(&self, src: GuardSrc) -> Option<(LockRef, Loc)> {
        let unit = &self.units[self.cur];
        match src {
            GuardSrc::Acquired(i) => unit
                .acquisitions
                .get(i as usize)
                .map(|a| (a.lock.clone(), a.loc)),
            GuardSrc::Inherited(i) => unit.rare().inherited.get(i as usize).cloned(),
            // The caller's lock: named where the caller took it.
            GuardSrc::Param(_) => None,
            GuardSrc::Returned(_) => None,
        }
    }

    /// `drop(x)` of a value of a type with a `Drop` impl that was not made here (a parameter,
    /// a field taken out): its `drop` runs now.
    fn drop_unowned(&mut self, v: &Val, loc: Loc) {
        let Ty::Adt(t) = v.ty else { return };
        let Some(&drop) = self.index.drops.get(&t) else {
            return;
        };
        if v.guards.iter().any(|g| self.life.is_value(*g)) {
            return;
        }
        let held = self.life.held();
        let fields = self.given_fields(v);
        self.record_drop(drop, v.place.clone(), fields, loc, held);
    }

    /// A method call on a value known by a trait of the crate: it reaches the method of each
    /// implementing type that has one (its own, or the trait's default as that type gets it),
    /// but the caller's own type.
    /// A trait with many implementations says little about which runs here: past
    /// `MAX_DISPATCH` of them the call is not followed.
    fn trait_call(
        &mut self,
        recv_ty: &Ty,
        recv: &Val,
        name: &str,
        args: &Args,
        at: (Span, Span),
    ) -> Option<Val> {
        let tr = match recv_ty {
            Ty::Dyn(tr) => *tr,
            Ty::Guard(inner) => match **inner {
                Ty::Dyn(tr) => tr,
                _ => return None,
            },
            _ => return None,
        };
        // Inside an implementation of the trait, a call through it is a wrapper delegating to
        // what it wraps (a proxy to its segment): not to another instance of its own type. Nor,
        // from a wrapper that keeps one, to another wrapper of the same trait: decorators stack
        // in one order (an overlay over the pane it shows), and two that reached each other
        // would each be wrapped in the other.
        let me = match self.self_ty {
            Ty::Adt(t) => Some(t),
            _ => None,
        };
        let impls = &self.index.trait_(tr).impls;
        let wraps = |t: TypeId| {
            self.index
                .ty(t)
                .fields
                .iter()
                .any(|(_, ty)| *ty == Ty::Dyn(tr))
        };
        let decorator = me.is_some_and(|m| impls.contains(&m) && wraps(m));
        let mut callees: Vec<FnId> = impls
            .iter()
            .filter(|&&t| Some(t) != me && !(decorator && wraps(t)))
            .filter_map(|&t| self.index.receiver_method(t, name))
            .collect();
        callees.sort_unstable();
        callees.dedup();
        if callees.is_empty() || callees.len() > MAX_DISPATCH {
            return None;
        }
        let recv = if matches!(recv_ty, Ty::Guard(_)) {
            self.deref(recv.clone())
        } else {
            recv.clone()
        };
        let loc = self.loc_between(at.0, at.1);
        Some(self.call_fns(&callees, Via::Trait(tr), Some(recv), args, loc))
    }

    /// The lock an accessor returns (`self.deposits()` is `self.inner.deposits`), named at the
    /// caller's place: the receiver's field path, or the static.
    fn accessed_lock(&mut self, callee: FnId, recv: Option<&Val>) -> Option<Val> {
        match self.index.accessors.get(&callee)? {
            Accessor::Field(path) => Some(self.project_path(recv?, path)),
            &Accessor::Static(s) => Some(self.static_val(s)),
            Accessor::Opaque => {
                let name = format!("{}()", self.index.name(self.index.func(callee).name));
                let place = match recv {
                    Some(recv) => recv
                        .place
                        .as_ref()
                        .map(|p| p.with(Proj::Field(name.into()))),
                    None => Some(Place::new(Root::Global(callee))),
                };
                Some(Val {
                    ty: self.index.func(callee).ret.clone(),
                    place,
                    class: self.classes.accessor(callee).map(ClassRef::Known),
                    ..Val::default()
                })
            }
        }
    }

    /// The call event of a call into the crate (one per function it may reach), under the
    /// guards held now; a guard a callee returns is held here.
    pub(super) fn record_calls(
        &mut self,
        callees: &[FnId],
        via: Via,
        args: Box<[Arg]>,
        given: Given,
        loc: Loc,
    ) -> Val {
        let held = self.life.held();
        let Some(&first) = callees.first() else {
            return Val::default();
        };
        let mut guards = Vec::new();
        let mut made = None;
        let (mut args, mut held) = (Some(args), Some(held));
        for (i, &callee) in callees.iter().enumerate() {
            // The last call takes what the others copy.
            let last = i + 1 == callees.len();
            let (args, held) = (last_or_copy(&mut args, last), last_or_copy(&mut held, last));
            let call = Call {
                callee,
                args,
                loc,
                held,
            };
            let call = self.push_call(call, via, given.clone());
            if callees.len() == 1 {
                made = Some((self.cur as u32, Made::Call(call)));
            }
            if carries_guard(self.index, &self.index.func(callee).ret) {
                guards.push(self.life.new_guard(GuardSrc::Returned(call)));
            }
        }
        Val {
            ty: self.index.func(first).ret.clone(),
            place: (!guards.is_empty()).then(Place::unknown),
            guards,
            made,
            ..Val::default()
        }
    }
}

/// Of a call's arguments, those a struct literal made here, with what it gave their fields.
pub(super) type Given = Vec<(u16, Box<Fields>)>;

/// The value for the last of several uses, a copy for the others.
fn last_or_copy<T: Clone>(slot: &mut Option<Box<[T]>>, last: bool) -> Box<[T]> {
    if last {
        slot.take().unwrap_or_default()
    } else {
        slot.clone().unwrap_or_default()
    }
}

/// Whether a value of this type can carry a guard out of a function: a guard, or a tuple or
/// struct with one inside.
pub(super) fn carries_guard(index: &Index, ty: &Ty) -> bool {
    match ty {
        Ty::Guard(_) => true,
        Ty::Tuple(ts) => ts.iter().any(|t| carries_guard(index, t)),
        Ty::Adt(t) => index
            .ty(*t)
            .fields
            .iter()
            .any(|(_, f)| matches!(f, Ty::Guard(_))),
        _ => false,
    }
}

/// `Some(x)`, `Ok(x)`: an argument that certainly holds a value.
fn is_present(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Paren(p) => is_present(&p.expr),
        syn::Expr::Call(c) => matches!(&*c.func, syn::Expr::Path(p)
        if p.path.segments.last().is_some_and(|s| {
            api::variant_named(|n| s.ident == n).is_some_and(|v| v.success && v.carries)
        })),
        _ => false,
    }
}
