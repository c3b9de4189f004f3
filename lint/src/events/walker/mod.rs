//! The expression walker: visits a function body in Rust's evaluation order, tracking local
//! variables (their types, the places they alias, the lock classes they are) and recording lock
//! events into [`Unit`]s. When guards die is delegated to [`Lifetimes`]; the walker only decides
//! where temporary scopes begin and end, which is syntax.
//!
//! One concern a file, all methods of [`Walker`]:
//! - `exprs.rs`: the dispatch over expressions, operators and macros;
//! - `bindings.rs`: variables, patterns, assignments, and the classes of locks made locally;
//! - `places.rs`: field, index and deref projections of a value;
//! - `scopes.rs`: blocks, statements, `let`, and the temporary scopes of each (with the
//!   Reference rule cited where a scope begins or ends);
//! - `control.rs`: branches, loops, let-chains and try-lock patterns, and how they merge;
//! - `calls.rs`: calls and method calls: acquisitions, calls into the crate, external
//!   functions (from `locks::api`'s tables);
//! - `waits.rs`: waits and wakes (condvars, channels, joins, barriers, a scope's end,
//!   `block_on`);
//! - `deferred.rs`: closures and async blocks, run in place or handed to another thread;
//! - `expand.rs`: calls of the crate's own `macro_rules!` macros, expanded in place.

mod bindings;
mod calls;
mod control;
mod deferred;
pub mod expand;
mod exprs;
mod places;
mod scopes;
mod waits;

use std::rc::Rc;

use proc_macro2::Span;

use super::guards::{GuardId, Lifetimes};
use super::{Arg, Call, EventRef, Fields, GuardSrc, Made, Object, Source, Unit, Via};
use crate::discover::Edition;
use crate::index::resolve::Res;
use crate::index::types::{lower, LockTy, LowerCx};
use crate::index::{Def, FnId, Index, ModId, Ty};
use crate::locks::api::{self, Acquire, Waitable};
use crate::locks::class::{ClassId, ClassRef, Classes, Place, Root};
use crate::names::Name;
use crate::parse::outline::type_expr;
use crate::source::{FileId, Loc, Origin, SourceDb};
use bindings::Binding;

/// Deeper expressions than this are not followed (syn already parsed them; our recursion must
/// not be the one to overflow).
pub const MAX_DEPTH: u32 = 512;
/// `Deref` impls followed in a row (a cycle among them is rustc's error, not a hang of ours).
const MAX_DEREFS: u32 = 4;

#[derive(Clone)]
enum Deferred {
    Closure(Rc<syn::ExprClosure>),
    Async(Rc<syn::ExprAsync>),
    /// A function named as a value (`.map(JoinHandle::join)`, `spawn(Self::run)`): it runs
    /// where it is called, as a closure would.
    Fn(Rc<FnValue>),
}

/// What a function named as a value calls, and where it is named.
enum FnValue {
    /// A function of the crate.
    Crate(FnId, Loc),
    /// A method of a type a thread waits on that waits (`JoinHandle::join`).
    Wait(api::Waitable, String, (Span, Span)),
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
    /// A future whose effect happens where it is awaited.
    pending: Option<Rc<Pending>>,
    /// Made in unit `.0` by a struct literal or a call of the crate: what its fields hold
    /// follows from there (`locks::aliases`).
    made: Option<(u32, Made)>,
    /// A one-time-initialization cell given its initializer by a call (`get_or_init`): the
    /// class forcing it acquires.
    cell: Option<ClassId>,
}

/// What a future made here does when it is awaited (if it is not, it does nothing here).
enum Pending {
    /// An async lock's `lock()`: the lock is taken at the `.await`.
    Acquire {
        recv: Val,
        lock: LockTy,
        acquire: Acquire,
        loc: Loc,
    },
    /// A call of an `async fn`: its body runs at the `.await`, under what is held there.
    Call {
        callees: Box<[FnId]>,
        via: Via,
        args: Box<[Arg]>,
        given: calls::Given,
        loc: Loc,
    },
    /// A receive, a bounded send (`rx.recv()`): it waits for another thread or task where it
    /// is awaited.
    Wait {
        kind: Waitable,
        object: Option<Object>,
    },
}

type Args = syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>;

/// One branch of an `if`, `match` or loop, producing the branch's value.
type Arm<'r, 'i> = Box<dyn FnOnce(&mut Walker<'i>) -> Val + 'r>;

struct Walker<'i> {
    index: &'i Index,
    classes: &'i Classes,
    db: &'i SourceDb,
    file: FileId,
    /// Of the body's own parse (`source::parse_body`), which the spans being walked come from.
    origin: Origin,
    module: ModId,
    edition: Edition,
    /// Statements under `#[cfg(test)]` are walked (`CrateInfo::test_code`).
    test_code: bool,
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
    /// The parameter that holds `None` (or `Err`) on the path being walked: in an arm of a
    /// match on it that `Some(..)` does not reach (`Rare::if_absent`).
    if_absent: Option<u16>,
    /// `Deref` impls being followed for one field access.
    deref_hops: u32,
    /// Inside a macro's expansion: where its call is, which everything in it is located at
    /// (the expansion's tokens have no place in the file).
    loc_override: Option<Loc>,
    /// Expansions inside expansions.
    expansion_depth: u32,
    /// Classes of the lock elements of local tuples, by place.
    tuple_classes: std::collections::HashMap<Place, ClassRef>,
    /// Values made here whose type has a `Drop` impl, by the number their guard carries.
    drop_values: Vec<DropValue>,
    /// While the arguments of a method of a guard's data are walked (`map.insert(k, v)`): that
    /// guard. A fresh value put there is handed on only when it dies (`published_behind`).
    publish_behind: Vec<GuardId>,
    /// Fresh variables (`Rare::fresh`) put in the data of guards still alive: by unit, with
    /// those guards.
    published_behind: Vec<(usize, u32, Vec<GuardId>)>,
    /// While the closure of `thread::scope(|s| ..)` runs: what the scope joins when it ends.
    scope: Option<ScopeJoins>,
    /// While a future is run to its end on this thread (`block_on`): the guards the thread held
    /// when it started to wait. They are the thread's, not the future's, and what the future
    /// waits for, the thread waits for.
    blocked: Option<Box<[GuardSrc]>>,
}

/// The threads spawned on a scope (`s.spawn(..)` in `thread::scope(|s| ..)`), which the scope
/// joins before it returns.
struct ScopeJoins {
    /// The unit whose code spawns on it: the scope's closure runs in place.
    unit: usize,
    /// The closure's parameter: the scope.
    handle: Option<String>,
    spawned: Vec<usize>,
}

/// A value whose `drop` runs where it dies: which `drop`, what its fields were given (when a
/// literal made it), and where it was made (where a drop at an unnamed place is shown).
#[derive(Clone)]
struct DropValue {
    drop: FnId,
    fields: Option<Box<Fields>>,
    made_at: Loc,
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
        test_code: index.crates[index.module(def.module).krate].test_code,
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
        if_absent: None,
        deref_hops: 0,
        loc_override: None,
        expansion_depth: 0,
        tuple_classes: std::collections::HashMap::new(),
        drop_values: Vec::new(),
        publish_behind: Vec::new(),
        published_behind: Vec::new(),
        blocked: None,
        scope: None,
    };
    w.life.push_temp_scope();
    w.bind_params(&def.params);
    let mut v = w.block(&body);
    // `fn f() -> impl Future { async move { .. } }`: the block is the function's asynchronous
    // body (calls of `f` are awaited like an `async fn`'s).
    if let (true, Some(d @ Deferred::Async(_))) = (def.is_async, v.deferred.take()) {
        w.run_deferred(d, Vec::new());
    }
    w.record_return(&v);
    w.life.pop_temp_scope();
    w.run_drops(None);
    w.units
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
        match self.loc_override {
            Some(loc) => loc,
            None => self.db.loc_in(self.file, self.origin, span),
        }
    }

    fn loc_between(&self, from: Span, to: Span) -> Loc {
        match self.loc_override {
            Some(loc) => loc,
            None => self.db.loc_between_in(self.file, self.origin, from, to),
        }
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

    /// The guards of `v` that exist only in its success variant: from a `try_*` acquisition
    /// (which may have failed), or returned by a function that returns `Option`/`Result`.
    fn success_only_guards(&self, v: &Val) -> Vec<GuardId> {
        let unit = &self.units[self.cur];
        v.guards
            .iter()
            .copied()
            .filter(|g| match self.life.src(*g) {
                Some(GuardSrc::Acquired(i)) => unit
                    .acquisitions
                    .get(i as usize)
                    .is_some_and(|a| !a.lock.acquire.waits),
                // `fn get(&self) -> Result<Guard<'_, T>, InitPermit>`: no guard in `Err`.
                Some(GuardSrc::Returned(k)) => unit
                    .calls
                    .get(k as usize)
                    .is_some_and(|c| self.index.func(c.callee).fallible),
                _ => false,
            })
            .collect()
    }

    /// A value of a type with a `Drop` impl is made here: its `drop` will run where it dies.
    fn droppable(&mut self, v: &mut Val, at: (Span, Span)) {
        let Ty::Adt(t) = v.ty else { return };
        if self.index.drops.is_empty() {
            return;
        }
        let Some(&drop) = self.index.drops.get(&t) else {
            return;
        };
        self.drop_values.push(DropValue {
            drop,
            fields: self.given_fields(v),
            made_at: self.loc_between(at.0, at.1),
        });
        let g = self.life.new_value(self.drop_values.len() as u32 - 1);
        v.guards.push(g);
    }

    /// Records a call of `drop` for each value that died since the last time, under the locks
    /// held when it did; at `at`, or where the value was made.
    fn run_drops(&mut self, at: Option<Loc>) {
        self.run_drops_at(|_| at);
    }

    /// `run_drops`, with the place computed only when a value did die (most scopes end with
    /// none, and a position costs a lookup).
    fn run_drops_at(&mut self, at: impl FnOnce(&Self) -> Option<Loc>) {
        let dropped = self.life.take_dropped();
        if dropped.is_empty() {
            return;
        }
        let at = at(self);
        for (value, held) in dropped {
            let Some(d) = self.drop_values.get(value as usize).cloned() else {
                continue;
            };
            self.record_drop(d.drop, None, d.fields, at.unwrap_or(d.made_at), held);
        }
    }

    /// A call of `drop` (a `Drop` impl's) on the value at `place`, whose fields a literal here
    /// may have given (`fields`), under `held`.
    fn record_drop(
        &mut self,
        drop: FnId,
        place: Option<Place>,
        fields: Option<Box<Fields>>,
        loc: Loc,
        held: Box<[GuardSrc]>,
    ) {
        let call = Call {
            callee: drop,
            args: Box::new([Arg {
                place,
                class: None,
                present: false,
                ..Arg::default()
            }]),
            loc,
            held,
        };
        self.push_call(
            call,
            Via::Direct,
            fields.map(|f| (0, f)).into_iter().collect(),
        );
    }

    /// Records a call event of the current unit; how it reaches its callee and what struct
    /// literals among its arguments gave, where there is anything to say, out of line.
    fn push_call(&mut self, call: Call, via: Via, given: calls::Given) -> u32 {
        let unit = &mut self.units[self.cur];
        unit.calls.push(call);
        let k = unit.calls.len() as u32 - 1;
        if let Some(p) = self.if_absent {
            unit.rare_mut().if_absent.push((EventRef::Call(k), p));
        }
        if via != Via::Direct {
            unit.rare_mut().vias.push((k, via));
        }
        if !given.is_empty() {
            let rare = unit.rare_mut();
            rare.given.extend(given.into_iter().map(|(a, f)| (k, a, f)));
        }
        k
    }

    /// For a value a struct literal here made: the places it gave its fields.
    fn given_fields(&self, v: &Val) -> Option<Box<Fields>> {
        let (u, Made::Literal(i)) = v.made? else {
            return None;
        };
        let init = self.units.get(u as usize)?.rare().inits.get(i as usize)?;
        let fields: Fields = init
            .fields
            .iter()
            .filter_map(|(name, source)| match source {
                Source::Place(p) => Some((self.index.name(*name).into(), p.clone())),
                Source::Made(_) => None,
            })
            .collect();
        (!fields.is_empty()).then(|| Box::new(fields))
    }

    fn record_return(&mut self, v: &Val) {
        // What leaves the function is not dropped here.
        self.life.move_away(&v.guards);
        if self.closure_nesting > 0 {
            return;
        }
        let srcs: Vec<GuardSrc> = v.guards.iter().filter_map(|g| self.life.src(*g)).collect();
        // What it returns matters to `locks::aliases` only for a value that holds a lock.
        let holder = matches!(v.ty, Ty::Adt(t) if self.classes.holds_lock(t));
        let made = v
            .made
            .filter(|(u, _)| holder && *u as usize == self.cur)
            .map(|(_, m)| m);
        let other =
            holder && made.is_none() && v.place.as_ref().is_some_and(|p| p.root != Root::Unknown);
        if srcs.is_empty() && made.is_none() && !other {
            return;
        }
        let rare = self.units[self.cur].rare_mut();
        rare.returns.extend(srcs);
        rare.returns_made.extend(made);
        rare.returns_other |= other;
    }
}
