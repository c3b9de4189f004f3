//! Functions that hand out a lock for the caller to take: `fn deposits(&self) -> &RwLock<T>
//! { &self.inner.deposits }`, `fn registry() -> &'static Mutex<R> { &REGISTRY }`. A call of one
//! is that lock, at the caller's place (`self.deposits().read()` takes `self.inner.deposits`).
//!
//! A `Deref` impl's `deref` that returns a field of its receiver (`&self.inner`) is read the
//! same way, so that a field reached through it is named by its real place, and so is a getter
//! of a field that holds locks (`fn state(&self) -> &SyncState { &self.state }`), kept only
//! when its body is that path.
//!
//! Only the bodies of functions whose signature returns a lock (and of `deref`s) are read. A
//! body that is one path (behind `&`, parentheses, or a method that views its receiver, such
//! as `clone`) names the lock exactly; any other body of a method with no input but `self` is
//! taken to return one lock per receiver, a class of its own; other functions return a lock
//! nobody can name.

use std::collections::HashMap;

use super::{Def, FnId, Index, StaticId, Ty, TypeId};
use crate::locks::api::{self, MethodView};
use crate::names::Name;
use crate::source::SourceDb;

/// Which lock an accessor returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accessor {
    /// A field path of the receiver (`self.inner.deposits`), by field names.
    Field(Box<[String]>),
    Static(StaticId),
    /// A method of no other input whose body is not one path (`match self { A(s) | B(s) => s }`):
    /// for one receiver it is one lock, a class of its own named after the method. A function
    /// of no input at all (`fn config() -> &'static RwLock<C> { CONFIG.get_or_init(..) }`)
    /// returns one lock for the program.
    Opaque,
}

/// Reads the bodies that can be accessors: of functions whose signature returns a lock
/// (`Index::accessors`), and of `Deref` impls' `deref` (`Deref::path`).
pub(super) fn find(index: &mut Index, db: &SourceDb) {
    let derefs: HashMap<FnId, TypeId> = index.derefs.iter().map(|(t, d)| (d.via, *t)).collect();
    let mut accessors = HashMap::new();
    let mut deref_paths = Vec::new();
    for (i, f) in index.fns.iter().enumerate() {
        let id = FnId(i as u32);
        let deref_of = derefs.get(&id);
        let Some((start, end)) = f.text else { continue };
        let takes_self = f.params.first().is_some_and(|p| p.name == Name::SELF_VALUE);
        // A getter of a value that holds locks (`fn state(&self) -> &SyncState { &self.state }`)
        // is read too: the value is that field, whose locks are the receiver's own.
        let getter = takes_self
            && f.params.len() == 1
            && matches!(f.ret, Ty::Adt(t) if index.lock_holders.contains(&t));
        if !matches!(f.ret, Ty::Lock(_)) && deref_of.is_none() && !getter {
            continue;
        }
        let Ok((body, _)) = crate::source::parse_body(db, f.file, start, end) else {
            continue;
        };
        let found = match body.stmts.as_slice() {
            [syn::Stmt::Expr(e, None)] => accessor(index, f.module, e, takes_self),
            _ => None,
        };
        // Only a field path: any other body of a getter makes or finds a value, not a lock.
        if getter && deref_of.is_none() && !matches!(found, Some(Accessor::Field(_))) {
            proc_macro2::extra::invalidate_current_thread_spans();
            continue;
        }
        let found = found.or_else(|| {
            let of_receiver = takes_self && f.params.len() == 1;
            let fresh = body.stmts.last().is_some_and(|s| match s {
                syn::Stmt::Expr(e, None) => makes_lock(index, f.module, e),
                _ => false,
            });
            ((of_receiver || f.params.is_empty()) && deref_of.is_none() && !fresh)
                .then_some(Accessor::Opaque)
        });
        proc_macro2::extra::invalidate_current_thread_spans();
        match (found, deref_of) {
            (Some(Accessor::Field(path)), Some(t)) => deref_paths.push((*t, path)),
            (Some(acc), None) => {
                accessors.insert(id, acc);
            }
            _ => {}
        }
    }
    index.accessors = accessors;
    for (t, path) in deref_paths {
        if let Some(d) = index.derefs.get_mut(&t) {
            d.path = Some(path);
        }
    }
}

/// Whether `e` makes a new lock (`Arc::new(Mutex::new(Self { .. }))`): a constructor returns
/// another lock at each call, not one lock for the program or the receiver.
fn makes_lock(index: &Index, module: super::ModId, e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Paren(p) => makes_lock(index, module, &p.expr),
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = &*c.func else {
                return false;
            };
            let segs = segment_names(&p.path);
            let Some((function, ty)) = segs.split_last() else {
                return false;
            };
            let resolved = match index.resolve_path(module, ty, p.path.leading_colon.is_some()) {
                Some(super::resolve::Res::External(path)) => path,
                _ => return false,
            };
            if api::lock_type(&resolved).is_some() && api::is_lock_ctor(function) {
                return true;
            }
            api::is_wrapping_ctor(&resolved, function)
                && c.args.first().is_some_and(|a| makes_lock(index, module, a))
        }
        _ => false,
    }
}

fn accessor(
    index: &Index,
    module: super::ModId,
    e: &syn::Expr,
    takes_self: bool,
) -> Option<Accessor> {
    let mut fields = Vec::new();
    let mut cur = e;
    loop {
        cur = match cur {
            syn::Expr::Reference(r) => &r.expr,
            syn::Expr::Paren(p) => &p.expr,
            syn::Expr::MethodCall(m)
                if m.args.is_empty()
                    && api::method_view(&m.method.to_string()) == Some(MethodView::Alias) =>
            {
                &m.receiver
            }
            // `Arc::clone(&self.config)`.
            syn::Expr::Call(c)
                if c.args.len() == 1
                    && matches!(&*c.func, syn::Expr::Path(p)
                        if p.path.segments.last().is_some_and(|s| s.ident == "clone")) =>
            {
                &c.args[0]
            }
            syn::Expr::Field(f) => {
                fields.push(match &f.member {
                    syn::Member::Named(i) => i.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                });
                &f.base
            }
            syn::Expr::Path(p) if p.path.is_ident("self") => {
                if !takes_self || fields.is_empty() {
                    return None;
                }
                fields.reverse();
                return Some(Accessor::Field(fields.into_boxed_slice()));
            }
            syn::Expr::Path(p) if fields.is_empty() => {
                let segs = segment_names(&p.path);
                return match index.resolve_path(module, &segs, p.path.leading_colon.is_some())? {
                    super::resolve::Res::Def(Def::Static(s)) => Some(Accessor::Static(s)),
                    _ => None,
                };
            }
            _ => return None,
        };
    }
}

/// The names of a path's segments, for resolution (`Arc::new` is `["Arc", "new"]`).
fn segment_names(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}
