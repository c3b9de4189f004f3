//! The types the analysis tracks, lowered from `syn::Type` through name resolution.
//!
//! Only what matters for locks is kept: crate structs (to follow fields), locks with the type
//! they protect, guards, sequences (for element locks) and tuples. Smart pointers, references,
//! `Option`/`Result` and lazy cells are transparent: `Arc<Mutex<T>>` lowers to the mutex itself,
//! because method calls auto-deref through them and `.unwrap()` sees through the rest.

use super::resolve::Res;
use super::{Def, Index, ModId, TypeId, TypeKind};
use crate::locks::api::{self, Family, Flavor, Waitable};

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
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LockTy {
    pub flavor: Flavor,
    pub inner: Box<Ty>,
}

impl Ty {
    pub fn is_lock(&self) -> bool {
        matches!(self, Ty::Lock(_))
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Ty::Unknown)
    }
}

/// Where a type is written: its module, `Self`, and the generic parameters in scope (which stay
/// unknown: we do not monomorphize).
pub struct LowerCx<'c> {
    pub module: ModId,
    pub self_ty: Option<&'c Ty>,
    pub generics: &'c [String],
}

const TRANSPARENT: &[&str] = &[
    "Arc",
    "Rc",
    "Box",
    "Option",
    "Result",
    "LockResult",
    "TryLockResult",
    "Pin",
    "Lazy",
    "LazyLock",
    "LazyCell",
    "OnceLock",
    "OnceCell",
    "CachePadded",
    "ManuallyDrop",
    "Cow",
    "AssertUnwindSafe",
];

const SEQUENCES: &[&str] = &[
    "Vec",
    "VecDeque",
    "LinkedList",
    "HashMap",
    "BTreeMap",
    "IndexMap",
    "SmallVec",
    "Slab",
    "DashMap",
];

/// Aliases may refer to aliases; a cycle among them (an error rustc would report) must not hang us.
const MAX_ALIAS_DEPTH: u32 = 16;

pub fn lower(index: &Index, cx: &LowerCx, ty: &syn::Type) -> Ty {
    lower_at(index, cx, ty, 0)
}

fn lower_at(index: &Index, cx: &LowerCx, ty: &syn::Type, depth: u32) -> Ty {
    if depth > MAX_ALIAS_DEPTH {
        return Ty::Unknown;
    }
    match ty {
        syn::Type::Reference(r) => lower_at(index, cx, &r.elem, depth),
        syn::Type::Ptr(p) => lower_at(index, cx, &p.elem, depth),
        syn::Type::Paren(p) => lower_at(index, cx, &p.elem, depth),
        syn::Type::Group(g) => lower_at(index, cx, &g.elem, depth),
        syn::Type::Array(a) => Ty::Seq(Box::new(lower_at(index, cx, &a.elem, depth))),
        syn::Type::Slice(s) => Ty::Seq(Box::new(lower_at(index, cx, &s.elem, depth))),
        syn::Type::Tuple(t) if t.elems.is_empty() => Ty::Unknown,
        syn::Type::Tuple(t) => Ty::Tuple(
            t.elems
                .iter()
                .map(|e| lower_at(index, cx, e, depth))
                .collect(),
        ),
        syn::Type::Path(p) if p.qself.is_none() => lower_path(index, cx, &p.path, depth),
        _ => Ty::Unknown,
    }
}

fn type_args(seg: &syn::PathSegment) -> Vec<&syn::Type> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn lower_path(index: &Index, cx: &LowerCx, path: &syn::Path, depth: u32) -> Ty {
    let Some(last) = path.segments.last() else {
        return Ty::Unknown;
    };
    if path.segments.len() == 1 {
        let name = last.ident.to_string();
        if name == "Self" {
            return cx.self_ty.cloned().unwrap_or(Ty::Unknown);
        }
        if cx.generics.contains(&name) {
            return Ty::Unknown;
        }
    }
    let segs: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let args = type_args(last);
    let arg = |i: usize| {
        args.get(i)
            .map_or(Ty::Unknown, |t| lower_at(index, cx, t, depth))
    };
    let last_arg = || {
        args.last()
            .map_or(Ty::Unknown, |t| lower_at(index, cx, t, depth))
    };
    let resolved = index.resolve_path(cx.module, &segs, path.leading_colon.is_some());
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
                lower_at(index, &acx, target, depth + 1)
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
            } else if TRANSPARENT.contains(&name) {
                arg(0)
            } else if SEQUENCES.contains(&name) {
                Ty::Seq(Box::new(last_arg()))
            } else {
                Ty::Unknown
            }
        }
        _ => Ty::Unknown,
    }
}
