//! The types the analysis tracks, lowered from types as written (`TypeExpr`) through name
//! resolution.
//!
//! Only what matters for locks is kept: crate structs (to follow fields), locks with the type
//! they protect, guards, sequences (for element locks) and tuples. Smart pointers, references,
//! `Option`/`Result` and lazy cells are transparent (`locks::api`'s wrappers): `Arc<Mutex<T>>`
//! lowers to the mutex itself.

use super::resolve::Res;
use super::{Def, Index, ModId, TraitId, TypeId, TypeKind};
use crate::locks::api::{self, Family, Flavor, Waitable};
use crate::names::{Name, Segment};
use crate::parse::outline::TypeExpr;

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Ty {
    #[default]
    Unknown,
    Adt(TypeId),
    Lock(LockTy),
    /// A guard, by the type it derefs to.
    Guard(Box<Ty>),
    Seq(Box<Ty>),
    Tuple(Vec<Ty>),
    /// A condition variable, channel end, join handle, barrier or runtime.
    Waitable(Waitable),
    /// A value known only by a trait of the crate it implements (`dyn Store`, `impl Store`,
    /// `S: Store`): a method call may reach any implementing type's.
    Dyn(TraitId),
    /// A closure kept for later (`Box<dyn Fn(Event) + Send>`): calling it runs whatever the code
    /// stored in that field, known by the field once the type is one's (`Slot`).
    Callback(Option<Slot>),
}

/// A field that keeps callbacks, directly or in a collection (`listeners: Mutex<Vec<Box<dyn
/// Fn()>>>`): the closures stored there are the ones a call of an element runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub owner: TypeId,
    pub field: Name,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LockTy {
    pub flavor: Flavor,
    pub inner: Box<Ty>,
}

impl Ty {
    /// The type of field `field` of `owner`: its callbacks are that field's.
    pub fn in_field(self, owner: TypeId, field: Name) -> Ty {
        match self {
            Ty::Callback(None) => Ty::Callback(Some(Slot { owner, field })),
            Ty::Seq(t) => Ty::Seq(Box::new(t.in_field(owner, field))),
            Ty::Lock(l) => Ty::Lock(LockTy {
                flavor: l.flavor,
                inner: Box::new(l.inner.in_field(owner, field)),
            }),
            Ty::Tuple(ts) => Ty::Tuple(ts.into_iter().map(|t| t.in_field(owner, field)).collect()),
            t => t,
        }
    }

    /// The field whose callbacks this value holds or is, through collections and locks.
    pub fn slot(&self) -> Option<Slot> {
        match self {
            Ty::Callback(s) => *s,
            Ty::Seq(t) | Ty::Guard(t) => t.slot(),
            Ty::Lock(l) => l.inner.slot(),
            _ => None,
        }
    }

    pub fn is_lock(&self) -> bool {
        matches!(self, Ty::Lock(_))
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Ty::Unknown)
    }

    /// A join handle, or a tuple with one (`(JoinHandle<()>, Unparker)`): what a collection of
    /// them keeps, known by the collection.
    pub fn holds_join_handle(&self) -> bool {
        match self {
            Ty::Waitable(Waitable::JoinHandle) => true,
            Ty::Tuple(parts) => parts.iter().any(Ty::holds_join_handle),
            _ => false,
        }
    }
}

/// Where a type is written: its module, `Self`, and the generic parameters in scope (which stay
/// unknown: we do not monomorphize).
pub struct LowerCx<'c> {
    pub module: ModId,
    pub self_ty: Option<&'c Ty>,
    pub generics: &'c [Name],
}

/// Aliases may refer to aliases; a cycle among them (an error rustc would report) must not hang us.
const MAX_ALIAS_DEPTH: u32 = 16;

pub fn lower<S: Segment>(index: &Index, cx: &LowerCx, ty: &TypeExpr<S>) -> Ty {
    lower_at(index, cx, ty, &[], 0)
}

/// What a generic alias's parameters stand for where it is used (`type Res<T> = Result<T, E>`
/// used as `Res<MutexGuard<'_, X>>`: `T` is the guard).
type Substs = [(Name, Ty)];

fn lower_at<S: Segment>(
    index: &Index,
    cx: &LowerCx,
    ty: &TypeExpr<S>,
    substs: &Substs,
    depth: u32,
) -> Ty {
    if depth > MAX_ALIAS_DEPTH {
        return Ty::Unknown;
    }
    match ty {
        TypeExpr::Seq(elem) => Ty::Seq(Box::new(lower_at(index, cx, elem, substs, depth))),
        TypeExpr::Tuple(elems) => Ty::Tuple(
            elems
                .iter()
                .map(|e| lower_at(index, cx, e, substs, depth))
                .collect(),
        ),
        TypeExpr::Path { global, segs, args } => {
            lower_path(index, cx, (*global, segs), args, substs, depth)
        }
        TypeExpr::Dyn { global, segs } => match index.resolve_path(cx.module, segs, *global) {
            Some(Res::Def(Def::Trait(t))) => Ty::Dyn(t),
            _ if segs
                .last()
                .is_some_and(|s| api::is_closure_trait(s.text(&index.names))) =>
            {
                Ty::Callback(None)
            }
            _ => Ty::Unknown,
        },
        TypeExpr::Other => Ty::Unknown,
    }
}

fn lower_path<S: Segment>(
    index: &Index,
    cx: &LowerCx,
    (global, segs): (bool, &[S]),
    args: &[TypeExpr<S>],
    substs: &Substs,
    depth: u32,
) -> Ty {
    if let [name] = segs {
        match name.name(&index.names) {
            Some(Name::SELF_TYPE) => return cx.self_ty.cloned().unwrap_or(Ty::Unknown),
            Some(name) if cx.generics.contains(&name) => {
                let given = substs.iter().find(|(n, _)| *n == name);
                return given.map_or(Ty::Unknown, |(_, t)| t.clone());
            }
            _ => {}
        }
    }
    let arg = |i: usize| {
        args.get(i)
            .map_or(Ty::Unknown, |t| lower_at(index, cx, t, substs, depth))
    };
    let last_arg = || {
        args.last()
            .map_or(Ty::Unknown, |t| lower_at(index, cx, t, substs, depth))
    };
    let resolved = index.resolve_path(cx.module, segs, global);
    let resolved_path: Option<Vec<String>> = match &resolved {
        Some(Res::Def(Def::Type(id))) => Some(
            index
                .ty(*id)
                .display
                .split("::")
                .map(str::to_string)
                .collect(),
        ),
        Some(Res::External(full)) => Some(full.clone()),
        _ => None,
    };
    if let Some((i, t)) = resolved_path.as_deref().and_then(|p| index.user_lock(p)) {
        let flavor = Flavor {
            family: Family::User(i),
            kind: t.lock_kind(),
        };
        return Ty::Lock(LockTy {
            flavor,
            inner: Box::new(last_arg()),
        });
    }
    match resolved {
        Some(Res::Def(Def::Type(id))) => match &index.ty(id).kind {
            TypeKind::Alias(target) => {
                let def = index.ty(id);
                let acx = LowerCx {
                    module: def.module,
                    self_ty: cx.self_ty,
                    generics: &def.generics,
                };
                let given: Vec<(Name, Ty)> = def
                    .generics
                    .iter()
                    .enumerate()
                    .map(|(i, &g)| (g, arg(i)))
                    .collect();
                lower_at(index, &acx, target, &given, depth + 1)
            }
            _ => Ty::Adt(id),
        },
        Some(Res::External(full)) => {
            let name = full.last().map_or("", String::as_str);
            if let Some(flavor) = api::lock_type(&full) {
                // `lock_api::Mutex<R, T>` puts the protected type last.
                Ty::Lock(LockTy {
                    flavor,
                    inner: Box::new(last_arg()),
                })
            } else if api::is_guard_type(&full) {
                Ty::Guard(Box::new(last_arg()))
            } else if let Some(w) = api::waitable_type(&full) {
                Ty::Waitable(w)
            } else if api::is_transparent_type(&full) {
                arg(0)
            } else if api::is_sequence(name) {
                Ty::Seq(Box::new(last_arg()))
            } else {
                Ty::Unknown
            }
        }
        _ => Ty::Unknown,
    }
}
