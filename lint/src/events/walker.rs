//! The expression walker: visits a function body in Rust's evaluation order, tracking local
//! variables (their types, the places they alias, the lock classes they are) and recording lock
//! events into [`Unit`]s. When guards die is delegated to [`Lifetimes`]; this file only decides
//! where temporary scopes begin and end, which is syntax.

use std::rc::Rc;

use proc_macro2::Span;

use super::guards::{GuardId, Lifetimes, Snapshot};
use super::macros::{self, MacroKind};
use super::{Acquisition, Arg, AwaitPoint, Call, GuardSrc, LocalLock, Object, Unit, Wait, Wake};
use crate::discover::Edition;
use crate::index::resolve::Res;
use crate::index::types::{lower, LockTy, LowerCx};
use crate::index::{Def, FnId, Index, ModId, Ty};
use crate::locks::api::{self, Acquire, Waitable};
use crate::locks::class::{has_class, is_lock_like, ClassRef, Classes, LockRef, Place, Proj, Root};
use crate::names::Name;
use crate::parse::outline::type_expr;
use crate::source::{FileId, Loc, Origin, SourceDb};

/// Deeper expressions than this are not followed (syn already parsed them; our recursion must
/// not be the one to overflow).
pub const MAX_DEPTH: u32 = 512;
/// Closures stored in variables and called from closures stored in variables...
const MAX_CLOSURE_NESTING: u32 = 8;

/// Functions that run their closure argument on another thread or task.
const SPAWNERS: &[&str] = &[
    "spawn",
    "spawn_blocking",
    "spawn_local",
    "spawn_fifo",
    "spawn_broadcast",
    "spawn_ok",
    "spawn_scoped",
    "execute",
];

/// Methods whose result is their receiver unwrapped: same lock, same guards
/// (`m.lock().unwrap()`, `.expect(..)`, `PoisonError::into_inner`).
const UNWRAPPING: &[&str] = &[
    "unwrap",
    "expect",
    "unwrap_or_else",
    "unwrap_or_default",
    "unwrap_unchecked",
    "ok",
    "map_err",
    "into_inner",
];

/// Methods whose result is another view of the receiver: the same lock or place (an `Arc`
/// clone, `as_ref`), but never its guards: cloning a guard clones the data behind it.
const ALIASING: &[&str] = &[
    "clone",
    "as_ref",
    "as_mut",
    "as_deref",
    "as_deref_mut",
    "borrow",
    "borrow_mut",
    "deref",
    "deref_mut",
    "by_ref",
];

/// Iterator and collection methods over a sequence: their closures see elements.
const SEQ_VIEWS: &[&str] = &[
    "iter",
    "iter_mut",
    "into_iter",
    "values",
    "values_mut",
    "drain",
    "rev",
    "skip",
    "take",
    "filter",
    "chain",
];
const SEQ_ELEMENT: &[&str] = &[
    "get",
    "get_mut",
    "first",
    "last",
    "first_mut",
    "last_mut",
    "get_unchecked",
    "get_unchecked_mut",
    "next",
];

#[derive(Clone)]
enum Deferred {
    Closure(Rc<syn::ExprClosure>),
    Async(Rc<syn::ExprAsync>),
}

/// What an expression evaluates to, as far as locks are concerned.
#[derive(Clone, Default)]
struct Val {
    ty: Ty,
    /// The instance this value is, when it is a place we can name.
    place: Option<Place>,
    /// Its lock class, when the value is a lock (or a lock-wrapping type).
    class: Option<ClassRef>,
    /// Guards this value owns; whoever consumes the value takes them.
    guards: Vec<GuardId>,
    deferred: Option<Deferred>,
    /// The elements of a tuple expression, so `let (a, b) = (x.clone(), y.clone())` keeps
    /// what each element aliases.
    parts: Vec<Val>,
    /// A join handle: the unit of the thread it joins.
    spawned: Option<usize>,
    /// An async lock's `lock()` future: the lock is taken where this is awaited.
    pending: Option<Rc<PendingAcquire>>,
}

/// An async acquisition waiting for its `.await`.
struct PendingAcquire {
    recv: Val,
    lock: LockTy,
    acquire: Acquire,
    loc: Loc,
}

type Args = syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>;

/// One branch of an `if`, `match` or loop, producing the branch's value.
type Arm<'r, 'i> = Box<dyn FnOnce(&mut Walker<'i>) -> Val + 'r>;

struct Binding {
    name: String,
    /// Number for `Root::Local` and guard ownership; never reused within a function.
    local: u32,
    ty: Ty,
    place: Place,
    class: Option<ClassRef>,
    deferred: Option<Deferred>,
    spawned: Option<usize>,
    pending: Option<Rc<PendingAcquire>>,
}

struct Walker<'i> {
    index: &'i Index,
    classes: &'i Classes,
    db: &'i SourceDb,
    file: FileId,
    /// Of the body's own parse (`source::parse_body`), which the spans being walked come from.
    origin: Origin,
    module: ModId,
    edition: Edition,
    self_ty: Ty,
    generics: &'i [Name],
    fn_loc: Loc,
    units: Vec<Unit>,
    cur: usize,
    life: Lifetimes,
    bindings: Vec<Binding>,
    next_local: u32,
    diverged: bool,
    depth: u32,
    closure_nesting: u32,
    /// Classes of the lock elements of local tuples, by place.
    tuple_classes: std::collections::HashMap<Place, ClassRef>,
}

pub fn walk_fn(index: &Index, classes: &Classes, db: &SourceDb, id: FnId) -> Vec<Unit> {
    let units = parse_and_walk(index, classes, db, id);
    // The function's tree is gone, and proc-macro2's copy of its text can go too: positions are
    // ours (`source`); nothing of this parse is looked up again.
    proc_macro2::extra::invalidate_current_thread_spans();
    units
}

fn parse_and_walk(index: &Index, classes: &Classes, db: &SourceDb, id: FnId) -> Vec<Unit> {
    let def = index.func(id);
    let Some((start, end)) = def.text else {
        return Vec::new();
    };
    let mut unit = Unit::of_fn(id);
    let (body, origin) = match crate::source::parse_body(db, def.file, start, end) {
        Ok(parsed) => parsed,
        Err((at, why)) => {
            unit.rare_mut().unparsed = Some((at.unwrap_or(def.loc), why));
            return vec![unit];
        }
    };
    let mut w = Walker {
        index,
        classes,
        db,
        file: def.file,
        origin,
        module: def.module,
        edition: index.edition_of(def.module),
        self_ty: def.self_ty.clone(),
        generics: &def.generics,
        fn_loc: def.loc,
        units: vec![unit],
        cur: 0,
        life: Lifetimes::default(),
        bindings: Vec::new(),
        next_local: 0,
        diverged: false,
        depth: 0,
        closure_nesting: 0,
        tuple_classes: std::collections::HashMap::new(),
    };
    w.life.push_temp_scope();
    w.bind_params(&def.params);
    let v = w.block(&body);
    w.record_return(&v);
    w.life.pop_temp_scope();
    w.units
}

fn contains_let(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Let(_) => true,
        syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
            contains_let(&b.left) || contains_let(&b.right)
        }
        syn::Expr::Paren(p) => contains_let(&p.expr),
        _ => false,
    }
}

/// The leftmost token of an expression, to underline whole calls like `self.a.lock()`.
/// (Not `Spanned::span`, which joins the span of every token of the expression.)
fn start_span(e: &syn::Expr) -> Option<Span> {
    match e {
        syn::Expr::MethodCall(m) => start_span(&m.receiver),
        syn::Expr::Field(f) => start_span(&f.base),
        syn::Expr::Call(c) => start_span(&c.func),
        syn::Expr::Index(i) => start_span(&i.expr),
        syn::Expr::Try(t) => start_span(&t.expr),
        syn::Expr::Await(a) => start_span(&a.base),
        syn::Expr::Paren(p) => Some(p.paren_token.span.open()),
        syn::Expr::Path(p) => p.path.segments.first().map(|s| s.ident.span()),
        syn::Expr::Reference(r) => Some(r.and_token.span),
        syn::Expr::Unary(u) => start_span(&u.expr),
        syn::Expr::Macro(m) => m.mac.path.segments.first().map(|s| s.ident.span()),
        _ => None,
    }
}

fn index_text(e: &syn::Expr) -> Option<String> {
    match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => Some(i.base10_digits().to_string()),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(format!("{:?}", s.value())),
        syn::Expr::Path(p) if p.path.segments.len() == 1 => {
            Some(p.path.segments[0].ident.to_string())
        }
        _ => None,
    }
}

fn path_segments(p: &syn::Path) -> Vec<String> {
    p.segments.iter().map(|s| s.ident.to_string()).collect()
}

impl<'i> Walker<'i> {
    fn unit(&mut self) -> &mut Unit {
        &mut self.units[self.cur]
    }

    fn loc(&self, span: Span) -> Loc {
        self.db.loc_in(self.file, self.origin, span)
    }

    fn loc_between(&self, from: Span, to: Span) -> Loc {
        self.db.loc_between_in(self.file, self.origin, from, to)
    }

    fn lower(&self, ty: &syn::Type) -> Ty {
        let cx = LowerCx {
            module: self.module,
            self_ty: Some(&self.self_ty),
            generics: self.generics,
        };
        lower(self.index, &cx, &type_expr(ty, &ToString::to_string))
    }

    fn resolve(&self, path: &syn::Path) -> Option<Res> {
        let segs = path_segments(path);
        if segs.first().is_some_and(|s| s == "Self") {
            return match (&self.self_ty, segs.get(1)) {
                (Ty::Adt(t), Some(name)) => Some(Res::Assoc(*t, name.clone())),
                (Ty::Adt(t), None) => Some(Res::Def(Def::Type(*t))),
                _ => None,
            };
        }
        self.index
            .resolve_path(self.module, &segs, path.leading_colon.is_some())
    }

    // ---- variables -------------------------------------------------------------------------

    fn lookup(&self, name: &str) -> Option<&Binding> {
        self.bindings.iter().rev().find(|b| b.name == name)
    }

    fn fresh_local(&mut self) -> u32 {
        self.next_local += 1;
        self.next_local - 1
    }

    /// Binds `name` to `v`. A lock created here (`Mutex::new`, `Arc::new(RwLock::new(..))`)
    /// gets a function-local class named after the variable.
    fn bind_name(&mut self, ident: &syn::Ident, v: Val) {
        let local = self.fresh_local();
        let name = ident.to_string();
        let class = match (&v.class, &v.ty) {
            (Some(c), _) => Some(*c),
            (None, ty) if has_class(self.index, ty) && v.place.is_none() => {
                let is_lock = is_lock_like(self.index, ty);
                Some(self.local_class(&name, ident.span(), is_lock))
            }
            _ => None,
        };
        self.life.give_to_binding(&v.guards, local);
        self.bindings.push(Binding {
            name,
            local,
            ty: v.ty,
            place: v.place.unwrap_or_else(|| Place::new(Root::Local(local))),
            class,
            deferred: v.deferred,
            spawned: v.spawned,
            pending: v.pending,
        });
    }

    /// The class of element `field` of a local tuple at `place` (`pair.0`), made on first use.
    fn tuple_class(&mut self, place: &Place, field: &str, is_lock: bool) -> ClassRef {
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
    fn local_class(&mut self, name: &str, span: Span, is_lock: bool) -> ClassRef {
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
    fn bind_pat(&mut self, pat: &syn::Pat, v: Val) {
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
                    let sub = Val {
                        ty,
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

    fn bind_all_unknown<'p>(
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

    fn bind_params(&mut self, params: &[crate::index::Param]) {
        for (i, p) in params.iter().enumerate() {
            if let Some(names) = &p.pattern {
                // As `bind_pat` binds a pattern without a value.
                for name in names {
                    let local = self.fresh_local();
                    self.bindings.push(Binding {
                        name: self.index.name(*name).to_string(),
                        local,
                        ty: Ty::Unknown,
                        place: Place::new(Root::Local(local)),
                        class: None,
                        deferred: None,
                        spawned: None,
                        pending: None,
                    });
                }
                continue;
            }
            let class = has_class(self.index, &p.ty).then_some(ClassRef::FromRoot);
            let local = self.fresh_local();
            self.bindings.push(Binding {
                name: self.index.name(p.name).to_string(),
                local,
                ty: p.ty.clone(),
                place: Place::new(Root::Param(i as u16)),
                class,
                deferred: None,
                spawned: None,
                pending: None,
            });
        }
    }

    /// Runs `f` in a block scope: variables declared inside drop at its end.
    fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let (len, first) = (self.bindings.len(), self.next_local);
        let out = f(self);
        self.bindings.truncate(len);
        self.life.release_bindings_from(first);
        out
    }

    /// Runs `f` in a temporary scope of its own.
    fn temp_scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.life.push_temp_scope();
        let out = f(self);
        self.life.pop_temp_scope();
        out
    }

    /// Runs `f` in a temporary scope whose result is the value of the construct: the result's
    /// guards survive the scope (and leave any variable that owned them); other temporaries die.
    fn value_scoped(&mut self, f: impl FnOnce(&mut Self) -> Val) -> Val {
        self.life.push_temp_scope();
        let v = f(self);
        self.life.hand_up(&v.guards);
        self.life.pop_temp_scope();
        v
    }

    /// The guards of `v` that come from a `try_*` acquisition (which may have failed).
    fn try_guards(&self, v: &Val) -> Vec<GuardId> {
        let unit = &self.units[self.cur];
        v.guards
            .iter()
            .copied()
            .filter(|g| match self.life.src(*g) {
                Some(GuardSrc::Acquired(i)) => unit
                    .acquisitions
                    .get(i as usize)
                    .is_some_and(|a| !a.lock.acquire.waits),
                _ => false,
            })
            .collect()
    }

    fn record_return(&mut self, v: &Val) {
        if self.closure_nesting > 0 {
            return;
        }
        let srcs: Vec<GuardSrc> = v.guards.iter().filter_map(|g| self.life.src(*g)).collect();
        self.units[self.cur].rare_mut().returns.extend(srcs);
    }

    // ---- statements and blocks ---------------------------------------------------------------

    fn block(&mut self, b: &syn::Block) -> Val {
        self.scoped(|w| {
            let mut value = Val::default();
            let last = b.stmts.len().saturating_sub(1);
            for (i, stmt) in b.stmts.iter().enumerate() {
                if w.diverged {
                    break;
                }
                // `#[cfg(P)] stmt; #[cfg(not(P))] stmt;` are alternatives: only one is compiled,
                // so only the first is walked (we analyze one configuration, not both at once).
                if i > 0 && complementary_cfg(&b.stmts[i - 1], stmt) {
                    continue;
                }
                match stmt {
                    syn::Stmt::Expr(e, None) if i == last => value = w.tail(e),
                    _ => w.stmt(stmt),
                }
            }
            // The value leaves the block: guards it owns are no longer its variables'.
            w.life.make_temporary(&value.guards);
            value
        })
    }

    /// A block's tail expression. Edition 2024 drops its temporaries right after it; before,
    /// they live on into the enclosing statement.
    fn tail(&mut self, e: &syn::Expr) -> Val {
        if !self.edition.narrow_temporaries() {
            return self.expr(e);
        }
        self.value_scoped(|w| w.expr(e))
    }

    fn stmt(&mut self, s: &syn::Stmt) {
        match s {
            syn::Stmt::Local(l) => self.local(l),
            syn::Stmt::Expr(e, _) => {
                self.temp_scoped(|w| w.expr(e));
            }
            syn::Stmt::Macro(m) => {
                self.temp_scoped(|w| w.mac(&m.mac));
            }
            syn::Stmt::Item(_) => {}
        }
    }

    fn local(&mut self, l: &syn::Local) {
        self.life.push_temp_scope();
        let v = match &l.init {
            Some(init) => {
                let v = self.initializer(&init.expr);
                if let Some((_, else_block)) = &init.diverge {
                    // `let P = e else { .. }`: the else block runs (and diverges) when P does not
                    // match, with the initializer's temporaries still alive.
                    let snap = self.life.snapshot();
                    let diverged = self.diverged;
                    if is_success_pattern(&l.pat) {
                        let failed = self.try_guards(&v);
                        self.life.kill(&failed);
                    }
                    self.expr(else_block);
                    self.life.restore(&snap);
                    self.diverged = diverged;
                }
                v
            }
            None => Val::default(),
        };
        self.bind_pat(&l.pat, v);
        self.life.pop_temp_scope();
    }

    /// A `let` initializer, with temporary lifetime extension: in `let x = &temp().field;` the
    /// temporary lives as long as `x` (Reference, destructors.scope.lifetime-extension).
    fn initializer(&mut self, e: &syn::Expr) -> Val {
        match e {
            syn::Expr::Reference(r) => {
                let v = self.extended_operand(&r.expr);
                Val {
                    guards: Vec::new(),
                    ..v
                }
            }
            syn::Expr::Cast(c) => self.initializer(&c.expr),
            syn::Expr::Paren(p) => self.initializer(&p.expr),
            _ => self.expr(e),
        }
    }

    fn extended_operand(&mut self, e: &syn::Expr) -> Val {
        match e {
            syn::Expr::Field(f) => {
                let base = self.extended_operand(&f.base);
                self.project_field(base, &f.member)
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                let v = self.extended_operand(&u.expr);
                self.deref(v)
            }
            syn::Expr::Index(i) => {
                let base = self.extended_operand(&i.expr);
                self.expr(&i.index);
                self.project_index(base, index_text(&i.index))
            }
            syn::Expr::Paren(p) => self.extended_operand(&p.expr),
            syn::Expr::Reference(r) => {
                let v = self.extended_operand(&r.expr);
                Val {
                    guards: Vec::new(),
                    ..v
                }
            }
            _ => {
                let v = self.expr(e);
                // Owned by a variable number reserved for the extension: it drops with the
                // block, like the variable it is extended for.
                let ext = self.fresh_local();
                self.life.give_to_binding(&v.guards, ext);
                v
            }
        }
    }

    // ---- expressions -------------------------------------------------------------------------

    fn expr(&mut self, e: &syn::Expr) -> Val {
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

    fn expr_inner(&mut self, e: &syn::Expr) -> Val {
        use syn::Expr as E;
        match e {
            E::Path(p) => self.path_expr(&p.path),
            E::MethodCall(m) => self.method_call(m),
            E::Call(c) => self.call(c),
            E::Field(f) => {
                let base = self.expr(&f.base);
                self.project_field(base, &f.member)
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
                let mut v = self.expr(&a.base);
                if let Some(p) = v.pending.take() {
                    v = self.acquire(p.recv.clone(), &p.lock, p.acquire, p.loc);
                }
                // The task may be suspended here with everything it holds.
                let loc = self.loc(a.await_token.span);
                let held = self.life.held();
                self.unit().rare_mut().awaits.push(AwaitPoint { loc, held });
                v
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
            E::Struct(s) => {
                let ty = match self.resolve(&s.path) {
                    Some(Res::Def(Def::Type(t))) => Ty::Adt(t),
                    _ => Ty::Unknown,
                };
                let mut guards = Vec::new();
                for f in &s.fields {
                    guards.extend(self.expr(&f.expr).guards);
                }
                if let Some(rest) = &s.rest {
                    self.expr(rest);
                }
                Val {
                    ty,
                    guards,
                    ..Val::default()
                }
            }
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

    fn path_expr(&mut self, path: &syn::Path) -> Val {
        if let Some(ident) = path.get_ident() {
            if let Some(b) = self.lookup(&ident.to_string()) {
                let v = Val {
                    ty: b.ty.clone(),
                    place: Some(b.place.clone()),
                    class: b.class,
                    deferred: b.deferred.clone(),
                    spawned: b.spawned,
                    pending: b.pending.clone(),
                    ..Val::default()
                };
                let guards = self.life.owned_by(b.local);
                return Val { guards, ..v };
            }
        }
        match self.resolve(path) {
            Some(Res::Def(Def::Static(s))) => Val {
                ty: self.index.static_(s).ty.clone(),
                place: Some(Place::new(Root::Static(s))),
                class: self.classes.static_(s).map(ClassRef::Known),
                ..Val::default()
            },
            _ => Val::default(),
        }
    }

    fn project_field(&mut self, base: Val, member: &syn::Member) -> Val {
        let name = match member {
            syn::Member::Named(i) => i.to_string(),
            syn::Member::Unnamed(i) => i.index.to_string(),
        };
        let place = base
            .place
            .as_ref()
            .map(|p| p.with(Proj::Field(name.as_str().into())));
        match &base.ty {
            Ty::Guard(_) => {
                let inner = self.deref(base);
                self.project_field(inner, member)
            }
            Ty::Adt(t) => {
                let ty = self.index.field(*t, &name).cloned().unwrap_or_default();
                // Inside a lock-wrapping type the lock is the wrapper's: keep the outer class.
                let class = match base.class {
                    Some(c) => Some(c),
                    None if has_class(self.index, &ty) => {
                        let field = self.index.names.find(&name);
                        field
                            .and_then(|n| self.classes.field(*t, n))
                            .map(ClassRef::Known)
                    }
                    None => None,
                };
                Val {
                    ty,
                    place,
                    class,
                    ..Val::default()
                }
            }
            Ty::Tuple(ts) => {
                let ty = name
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| ts.get(i).cloned())
                    .unwrap_or_default();
                // `let pair = Arc::new((Mutex::new(..), Condvar::new()))`: each element of a
                // local tuple is a lock (or condvar) of its own, named `pair.0`, `pair.1`.
                let class = match &place {
                    Some(p) if has_class(self.index, &ty) => match p.root {
                        Root::Local(_) => {
                            let is_lock = is_lock_like(self.index, &ty);
                            Some(self.tuple_class(p, &name, is_lock))
                        }
                        _ => None,
                    },
                    _ => None,
                };
                Val {
                    ty,
                    place,
                    class,
                    ..Val::default()
                }
            }
            _ => Val {
                place,
                ..Val::default()
            },
        }
    }

    fn project_index(&mut self, base: Val, text: Option<String>) -> Val {
        let ty = match &base.ty {
            Ty::Seq(elem) => (**elem).clone(),
            _ => Ty::Unknown,
        };
        let place = match (&base.place, text) {
            (Some(p), Some(t)) => Some(p.with(Proj::Index(t.into()))),
            _ => None,
        };
        Val {
            ty,
            place,
            class: base.class,
            ..Val::default()
        }
    }

    /// `*guard` or auto-deref through a guard: the data the lock protects.
    fn deref(&mut self, v: Val) -> Val {
        match v.ty {
            Ty::Guard(inner) => Val {
                ty: *inner,
                place: v.place.map(|p| p.with(Proj::Deref)),
                ..Val::default()
            },
            ty => Val {
                ty,
                place: v.place,
                class: v.class,
                ..Val::default()
            },
        }
    }

    fn assign(&mut self, left: &syn::Expr, right: &syn::Expr) {
        // The right operand is evaluated first: in `a.write().x = b.read().len()`, `b` is locked
        // before `a`.
        let v = self.expr(right);
        if let syn::Expr::Path(p) = left {
            if let Some(ident) = p.path.get_ident() {
                if let Some(b) = self.lookup(&ident.to_string()) {
                    let local = b.local;
                    // The old value drops after the new one exists.
                    let old = self.life.owned_by(local);
                    self.life.kill(&old);
                    self.life.give_to_binding(&v.guards, local);
                    return;
                }
            }
        }
        self.expr(left);
        self.life.make_temporary(&v.guards);
    }

    fn binary(&mut self, b: &syn::ExprBinary) -> Val {
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
            _ => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
        }
        Val::default()
    }

    // ---- control flow --------------------------------------------------------------------------

    /// Walks branches from the same state and merges them. The construct's value is what the
    /// branches that reach the merge produce: guards they all still hold, a type they agree on.
    fn branches(&mut self, arms: Vec<Arm<'_, 'i>>) -> Val {
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
    fn let_chain<'e>(&mut self, e: &'e syn::Expr, lets: &mut Vec<(&'e syn::Pat, Val)>) {
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

    fn if_expr(&mut self, i: &syn::ExprIf) -> Val {
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
            .flat_map(|(_, v)| self.try_guards(v))
            .collect();
        let then_arm: Arm = Box::new(|w: &mut Self| {
            w.scoped(|w| {
                for (pat, v) in lets {
                    w.bind_pat(pat, v);
                }
                w.value_scoped(|w| w.block(&i.then_branch))
            })
        });
        let else_arm: Arm = Box::new(|w: &mut Self| {
            if let Some(depth) = cond_scope {
                w.life.kill_temps_from(depth);
            }
            w.life.kill(&failed_tries);
            match &i.else_branch {
                Some((_, e)) => w.value_scoped(|w| w.expr(e)),
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

    fn match_expr(&mut self, m: &syn::ExprMatch) -> Val {
        // The scrutinee is not a temporary scope: its guards live through every arm, to the end
        // of the enclosing statement.
        let scrutinee = self.expr(&m.expr);
        // A try-lock's guard exists only where the match found success: not in `Err(..)` or
        // `None` arms, nor in a catch-all after the success arm.
        let tries = self.try_guards(&scrutinee);
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
                Box::new(move |w: &mut Self| {
                    w.life.kill(&dead);
                    w.scoped(|w| {
                        w.bind_pat(&arm.pat, v);
                        if let Some((_, guard)) = &arm.guard {
                            w.temp_scoped(|w| w.expr(guard));
                        }
                        w.value_scoped(|w| w.expr(&arm.body))
                    })
                }) as Arm
            })
            .collect();
        self.branches(arms)
    }

    fn while_expr(&mut self, wh: &syn::ExprWhile) -> Val {
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

    fn for_expr(&mut self, f: &syn::ExprForLoop) -> Val {
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

    /// What iterating over `v` yields, as far as we can tell: elements of a sequence share its
    /// class but are instances we cannot tell apart.
    fn element_of(&self, v: &Val) -> Val {
        match &v.ty {
            Ty::Seq(elem) => Val {
                ty: (**elem).clone(),
                class: v.class,
                ..Val::default()
            },
            _ => Val::default(),
        }
    }

    // ---- macros ------------------------------------------------------------------------------

    fn mac(&mut self, m: &syn::Macro) -> Val {
        let kind = macros::kind(m);
        for arg in macros::args(m) {
            match kind {
                MacroKind::Assert => {
                    self.temp_scoped(|w| w.expr(&arg));
                }
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

    // ---- calls -----------------------------------------------------------------------------

    fn method_call(&mut self, m: &syn::ExprMethodCall) -> Val {
        let recv = self.expr(&m.receiver);
        let name = m.method.to_string();
        let start = start_span(&m.receiver).unwrap_or_else(|| m.method.span());
        // Located only where an event needs it: most method calls are not events.
        let at = (start, m.paren_token.span.close());
        let recv_ty = recv.ty.clone();
        if let Ty::Lock(l) = &recv_ty {
            if let Some(acq) = self.index.acquire(l.flavor, &name) {
                self.args(&m.args, None);
                if api::returns_future(l.flavor, &name) {
                    let lock = l.clone();
                    let pending = PendingAcquire {
                        recv,
                        lock,
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
        if let Some(callee) = target.and_then(|t| self.index.method(t, &name)) {
            let recv = if matches!(recv_ty, Ty::Guard(_)) {
                self.deref(recv)
            } else {
                recv
            };
            return self.call_fn(callee, Some(recv), &m.args, self.loc_between(at.0, at.1));
        }
        if SPAWNERS.contains(&name.as_str()) {
            return join_handle(self.spawn_args(&m.args));
        }
        if api::GUARD_PASSING.contains(&name.as_str()) {
            let mut vals = self.args(&m.args, None);
            if !vals.is_empty() {
                return vals.swap_remove(0);
            }
            return Val::default();
        }
        if UNWRAPPING.contains(&name.as_str()) {
            self.args(&m.args, None);
            return recv;
        }
        if ALIASING.contains(&name.as_str()) {
            self.args(&m.args, None);
            return match recv.ty {
                Ty::Guard(_) => self.deref(recv),
                _ => Val {
                    guards: Vec::new(),
                    ..recv
                },
            };
        }
        let is_seq = matches!(recv_ty, Ty::Seq(_));
        let closure_param = if is_seq {
            self.element_of(&recv)
        } else {
            Val {
                ty: recv_ty.clone(),
                class: recv.class,
                place: recv.place.clone(),
                ..Val::default()
            }
        };
        self.args(&m.args, Some(closure_param));
        match name.as_str() {
            // `v.iter()` is still the sequence; `v.get(i)` one of its elements.
            n if is_seq && SEQ_VIEWS.contains(&n) => Val {
                guards: Vec::new(),
                place: None,
                ..recv
            },
            n if is_seq && SEQ_ELEMENT.contains(&n) => self.element_of(&recv),
            _ => Val::default(),
        }
    }

    /// A call that blocks the thread with nothing to name (`thread::park`, `block_on`, a
    /// configured blocking function).
    fn blocks_here(&mut self, loc: Loc) {
        let held = self.life.held();
        let wait = Wait {
            kind: Waitable::Park,
            object: None,
            loc,
            held,
            releases: None,
            joins: None,
        };
        self.unit().waits.push(wait);
    }

    /// A method of a condvar, channel end, join handle...: a wait (the thread blocks) or a wake
    /// (it lets a waiter go). `None` for other methods.
    fn wait_or_wake(
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
        if api::is_wait(w, name) {
            let mut vals = self.args(args, None);
            // A condvar sleeps without the mutex whose guard it is given, and hands it back.
            let releases = match w {
                Waitable::Condvar => vals.first().and_then(|v| v.place.clone()),
                _ => None,
            };
            let held = self.life.held();
            let loc = self.loc_between(at.0, at.1);
            self.unit().waits.push(Wait {
                kind: w,
                object,
                loc,
                held,
                releases,
                joins: recv.spawned,
            });
            return Some(match w {
                Waitable::Condvar if !vals.is_empty() => vals.swap_remove(0),
                _ => Val::default(),
            });
        }
        if api::is_wake(w, name) {
            self.args(args, None);
            let held = self.life.held();
            let loc = self.loc_between(at.0, at.1);
            self.unit().rare_mut().wakes.push(Wake {
                kind: w,
                object,
                loc,
                held,
            });
            return Some(Val::default());
        }
        None
    }

    fn call(&mut self, c: &syn::ExprCall) -> Val {
        let start = start_span(&c.func).unwrap_or_else(|| c.paren_token.span.open());
        let at = (start, c.paren_token.span.close());
        let syn::Expr::Path(fp) = &*c.func else {
            let f = self.expr(&c.func);
            let args = self.args(&c.args, None);
            return self.call_value(f, args);
        };
        if let Some(ident) = fp.path.get_ident() {
            if let Some(b) = self.lookup(&ident.to_string()) {
                let f = Val {
                    deferred: b.deferred.clone(),
                    ..Val::default()
                };
                let args = self.args(&c.args, None);
                return self.call_value(f, args);
            }
        }
        match self.resolve(&fp.path) {
            Some(Res::Def(Def::Fn(callee))) => {
                self.call_fn(callee, None, &c.args, self.loc_between(at.0, at.1))
            }
            Some(Res::Assoc(t, name)) => match self.index.method(t, &name) {
                Some(callee) => self.call_fn(callee, None, &c.args, self.loc_between(at.0, at.1)),
                None => self.opaque_call(&c.args),
            },
            Some(Res::Def(Def::Type(t))) => {
                let vals = self.args(&c.args, None);
                Val {
                    ty: Ty::Adt(t),
                    guards: vals.into_iter().flat_map(|v| v.guards).collect(),
                    ..Val::default()
                }
            }
            Some(Res::External(path)) => self.external_call(&path, &c.args, at),
            _ => self.opaque_call(&c.args),
        }
    }

    /// Calls outside the crate that matter: `drop`, spawning, constructors of locks and of the
    /// wrappers we see through.
    fn external_call(&mut self, path: &[String], args: &Args, at: (Span, Span)) -> Val {
        let last = path.last().map_or("", String::as_str);
        let owner = path.len().checked_sub(2).map(|i| path[i].as_str());
        if matches!(last, "drop" | "forget") {
            for v in self.args(args, None) {
                self.life.kill(&v.guards);
            }
            return Val::default();
        }
        if SPAWNERS.contains(&last) {
            return join_handle(self.spawn_args(args));
        }
        if api::is_blocking_fn(path) || self.index.is_user_blocking(path) {
            self.args(args, None);
            self.blocks_here(self.loc_between(at.0, at.1));
            return Val::default();
        }
        if let Some(sender) = api::channel_ctor(path) {
            self.args(args, None);
            // Both ends of one channel share a class: what a receiver waits for, a sender wakes.
            let name = format!("channel@{}", self.loc_between(at.0, at.1).line);
            let class = Some(self.local_class(&name, Span::call_site(), false));
            let end = |w| Val {
                ty: Ty::Waitable(w),
                class,
                ..Val::default()
            };
            let parts = vec![end(sender), end(Waitable::Receiver)];
            let ty = Ty::Tuple(parts.iter().map(|p| p.ty.clone()).collect());
            return Val {
                ty,
                parts,
                ..Val::default()
            };
        }
        let mut vals = self.args(args, None);
        let first = if vals.is_empty() {
            Val::default()
        } else {
            vals.swap_remove(0)
        };
        let owner_path = &path[..path.len().saturating_sub(1)];
        if let Some(w) =
            api::waitable_type(owner_path).filter(|_| last == "new" || last == "default")
        {
            return Val {
                ty: Ty::Waitable(w),
                ..Val::default()
            };
        }
        if let Some(flavor) = api::lock_type(owner_path) {
            if matches!(last, "new" | "from" | "default" | "const_new") {
                let inner = Box::new(first.ty);
                return Val {
                    ty: Ty::Lock(LockTy { flavor, inner }),
                    ..Val::default()
                };
            }
        }
        let transparent_ctor = matches!(last, "Some" | "Ok" | "Err")
            || (matches!(
                owner,
                Some("Arc" | "Rc" | "Box" | "Pin" | "Mutex" | "RwLock")
            ) && matches!(last, "new" | "from" | "clone" | "pin"));
        if transparent_ctor {
            return first;
        }
        self.life.make_temporary(&first.guards);
        Val::default()
    }

    fn opaque_call(&mut self, args: &Args) -> Val {
        for v in self.args(args, None) {
            self.life.make_temporary(&v.guards);
        }
        Val::default()
    }

    /// Evaluates arguments left to right. A closure argument runs here, with whatever the caller
    /// holds (iterator adapters, `Option::map`, callbacks); `closure_param` types its first
    /// parameter when we know what it receives.
    fn args(&mut self, args: &Args, closure_param: Option<Val>) -> Vec<Val> {
        self.args_of(args, closure_param, false)
    }

    /// Arguments of a call that hands closures to another thread (`spawn`, `execute`, ...),
    /// whether the spawner is std's, a runtime's or the crate's own.
    fn spawn_args(&mut self, args: &Args) -> Vec<Val> {
        self.args_of(args, None, true)
    }

    fn args_of(&mut self, args: &Args, closure_param: Option<Val>, spawn: bool) -> Vec<Val> {
        let mut out = Vec::with_capacity(args.len());
        for a in args {
            let v = self.expr(a);
            if let Some(d) = &v.deferred {
                if spawn {
                    let unit = self.spawn_deferred(d.clone());
                    out.push(Val {
                        spawned: Some(unit),
                        ..v
                    });
                    continue;
                } else {
                    self.run_deferred(d.clone(), closure_param.clone().into_iter().collect());
                }
            }
            out.push(v);
        }
        out
    }

    fn call_value(&mut self, f: Val, args: Vec<Val>) -> Val {
        if let Some(d) = f.deferred {
            self.run_deferred(d, args);
        }
        Val::default()
    }

    /// Runs a closure or async block body inline, as if called here.
    fn run_deferred(&mut self, d: Deferred, params: Vec<Val>) {
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
        });
        self.diverged = diverged;
        self.closure_nesting -= 1;
    }

    /// A closure handed to another thread: a unit of its own, holding nothing of ours.
    fn spawn_deferred(&mut self, d: Deferred) -> usize {
        let name = format!("{}::{{closure}}", self.units[0].name(self.index));
        self.units.push(Unit::of_closure(name));
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

    fn acquire(&mut self, recv: Val, lock: &LockTy, acquire: Acquire, loc: Loc) -> Val {
        let inner = Ty::Guard(lock.inner.clone());
        // A lock we cannot name (the result of an unknown call, say) cannot be compared with
        // anything: stay silent rather than guess.
        let Some(class) = recv.class else {
            return Val {
                ty: inner,
                ..Val::default()
            };
        };
        let place = recv.place.unwrap_or_else(Place::unknown);
        let held = self.life.held();
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
        let src = GuardSrc::Acquired(unit.acquisitions.len() as u32 - 1);
        let g = self.life.new_guard(src);
        Val {
            ty: inner,
            place: Some(place),
            guards: vec![g],
            ..Val::default()
        }
    }

    /// A call into the crate. Arguments move into the callee; a guard it returns is held here.
    fn call_fn(&mut self, callee: FnId, recv: Option<Val>, args: &Args, loc: Loc) -> Val {
        let mut vals: Vec<Val> = recv.into_iter().collect();
        if !self.index.user_blocking.is_empty() {
            let display = self.index.fn_display(callee);
            let path: Vec<String> = display.split("::").map(str::to_string).collect();
            if self.index.is_user_blocking(&path) {
                self.blocks_here(loc);
            }
        }
        if SPAWNERS.contains(&self.index.name(self.index.func(callee).name)) {
            vals.extend(self.spawn_args(args));
        } else {
            vals.extend(self.args(args, None));
        }
        let held = self.life.held();
        for v in &vals {
            self.life.make_temporary(&v.guards);
        }
        let args = vals
            .iter()
            .map(|v| Arg {
                place: v.place.clone(),
                class: v.class,
            })
            .collect();
        let unit = self.unit();
        unit.calls.push(Call {
            callee,
            args,
            loc,
            held,
        });
        let call = unit.calls.len() as u32 - 1;
        let ret = self.index.func(callee).ret.clone();
        if carries_guard(self.index, &ret) {
            let g = self.life.new_guard(GuardSrc::Returned(call));
            return Val {
                ty: ret,
                place: Some(Place::unknown()),
                guards: vec![g],
                ..Val::default()
            };
        }
        Val {
            ty: ret,
            ..Val::default()
        }
    }
}

/// Whether a value of this type can carry a guard out of a function: a guard, or a tuple or
/// struct with one inside.
fn carries_guard(index: &Index, ty: &Ty) -> bool {
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

/// What a spawning call returns: a handle that joins the thread of its closure argument.
fn join_handle(args: Vec<Val>) -> Val {
    Val {
        ty: Ty::Waitable(Waitable::JoinHandle),
        spawned: args.iter().find_map(|a| a.spawned),
        ..Val::default()
    }
}

/// The predicate of a statement's `#[cfg(..)]`, as text.
fn cfg_of(stmt: &syn::Stmt) -> Option<String> {
    let attrs = match stmt {
        syn::Stmt::Local(l) => &l.attrs,
        syn::Stmt::Macro(m) => &m.attrs,
        _ => return None,
    };
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::List(l) if l.path.is_ident("cfg") => Some(l.tokens.to_string()),
        _ => None,
    })
}

/// Whether two statements are `#[cfg(P)]` and `#[cfg(not(P))]`, in either order.
fn complementary_cfg(a: &syn::Stmt, b: &syn::Stmt) -> bool {
    let (Some(p), Some(q)) = (cfg_of(a), cfg_of(b)) else {
        return false;
    };
    let negation = |x: &str, y: &str| {
        y.strip_prefix("not")
            .map(|r| {
                r.trim()
                    .trim_start_matches('(')
                    .trim_end_matches(')')
                    .trim()
                    == x.trim()
            })
            .unwrap_or(false)
    };
    negation(&p, &q) || negation(&q, &p)
}

fn pattern_ctor(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::TupleStruct(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Pat::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Pat::Ident(p) if p.ident == "None" => Some("None".into()),
        _ => None,
    }
}

/// `Ok(..)` / `Some(..)`: the pattern a successful try-lock matches.
fn is_success_pattern(pat: &syn::Pat) -> bool {
    matches!(pattern_ctor(pat).as_deref(), Some("Ok" | "Some"))
}

fn is_failure_pattern(pat: &syn::Pat) -> bool {
    matches!(pattern_ctor(pat).as_deref(), Some("Err" | "None"))
}

fn is_catch_all(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(p) => p.subpat.is_none() && p.ident != "None",
        _ => false,
    }
}

fn is_wrapper_ctor(path: &syn::Path) -> bool {
    path.segments
        .last()
        .is_some_and(|s| matches!(s.ident.to_string().as_str(), "Some" | "Ok"))
}
