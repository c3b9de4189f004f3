//! Projections of a value: a field, an element, the data behind a guard. A projection keeps
//! the place it is of and, inside a lock-wrapping type, the wrapper's class.

use super::{Val, Walker, MAX_DEREFS};
use crate::index::types::Slot;
use crate::index::Ty;
use crate::locks::class::{has_class, is_lock_like, ClassRef, Place, Proj, Root};

impl Walker<'_> {
    /// The object whose field `slot` is, from a place in that field (`self` of
    /// `self.listeners` and of `self.listeners.<data>.<element>`).
    pub(super) fn slot_owner(&self, place: Option<&Place>, slot: Slot) -> Option<Place> {
        let place = place?;
        let field = self.index.name(slot.field);
        let at = place
            .proj
            .iter()
            .rposition(|p| matches!(p, Proj::Field(f) if &**f == field))?;
        Some(Place::from_parts(place.root, place.proj[..at].iter()))
    }

    pub(super) fn project_member(&mut self, base: Val, member: &syn::Member) -> Val {
        let name = match member {
            syn::Member::Named(i) => i.to_string(),
            syn::Member::Unnamed(i) => i.index.to_string(),
        };
        self.project_field(base, &name)
    }

    /// Field `name` of `base` (`0` for a tuple's first).
    pub(super) fn project_field(&mut self, base: Val, name: &str) -> Val {
        let place = base
            .place
            .as_ref()
            .map(|p| p.with(Proj::Field(name.into())));
        match &base.ty {
            Ty::Guard(_) => {
                let inner = self.deref(base);
                self.project_field(inner, name)
            }
            Ty::Adt(t) => {
                let Some(ty) = self.index.field(*t, name).cloned() else {
                    // Not a field of its own: auto-deref through the type's `Deref` impl.
                    let inner = (self.deref_hops < MAX_DEREFS)
                        .then(|| self.through_deref(&base))
                        .flatten();
                    let Some(inner) = inner else {
                        return Val {
                            place,
                            ..Val::default()
                        };
                    };
                    self.deref_hops += 1;
                    let v = self.project_field(inner, name);
                    self.deref_hops -= 1;
                    return v;
                };
                // Inside a lock-wrapping type the lock is the wrapper's: keep the outer class.
                let class = match base.class {
                    Some(c) => Some(c),
                    None if has_class(self.index, &ty) => {
                        let field = self.index.names.find(name);
                        field
                            .and_then(|n| self.classes.field(*t, n))
                            .map(ClassRef::Known)
                    }
                    None => None,
                };
                let cell = (!self.index.ty(*t).cell_fields.is_empty())
                    .then(|| self.index.names.find(name))
                    .flatten()
                    .and_then(|n| self.classes.field_cell(*t, n));
                Val {
                    ty,
                    place,
                    class,
                    cell,
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
                            Some(self.tuple_class(p, name, is_lock))
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

    pub(super) fn project_index(&mut self, base: Val, text: Option<String>) -> Val {
        // `guard[i]`: the sequence the lock protects, through the guard.
        if matches!(&base.ty, Ty::Guard(inner) if matches!(**inner, Ty::Seq(_))) {
            let data = self.deref(base);
            return self.project_index(data, text);
        }
        let ty = match &base.ty {
            Ty::Seq(elem) => (**elem).clone(),
            _ => Ty::Unknown,
        };
        let place = match (&base.place, text) {
            (Some(p), Some(t)) => Some(p.with(Proj::Index(t.into()))),
            _ => None,
        };
        Val {
            // Elements of a sequence of locks share its class; one that is no lock (a struct
            // that keeps a join handle) is a value of its type, whose fields have their classes.
            class: base.class.filter(|_| has_class(self.index, &ty)),
            ty,
            place,
            ..Val::default()
        }
    }

    /// What a crate type's `Deref` impl gives: the field of the receiver it returns, or a value
    /// of its target type at a place we cannot name.
    pub(super) fn through_deref(&mut self, v: &Val) -> Option<Val> {
        let Ty::Adt(t) = v.ty else { return None };
        let d = self.index.derefs.get(&t)?;
        if d.target == v.ty {
            return None;
        }
        let Some(path) = &d.path else {
            return Some(Val {
                ty: d.target.clone(),
                ..Val::default()
            });
        };
        Some(self.project_path(v, path))
    }

    /// The field at `path` of `v` (`self.inner.deposits` for `["inner", "deposits"]`).
    pub(super) fn project_path(&mut self, v: &Val, path: &[String]) -> Val {
        let mut inner = Val {
            guards: Vec::new(),
            ..v.clone()
        };
        for field in path {
            inner = self.project_field(inner, field);
        }
        inner
    }

    /// `*guard` or auto-deref through a guard: the data the lock protects.
    pub(super) fn deref(&mut self, v: Val) -> Val {
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

    /// What iterating over `v` yields, as far as we can tell: elements of a sequence share its
    /// class but are instances we cannot tell apart; futures made one per element
    /// (`for f in futs { f.await }`) each run where they are awaited.
    pub(super) fn element_of(&self, v: &Val) -> Val {
        if v.pending.is_some() {
            return Val {
                pending: v.pending.clone(),
                ..Val::default()
            };
        }
        match &v.ty {
            Ty::Seq(elem) => Val {
                ty: (**elem).clone(),
                class: v
                    .class
                    .filter(|_| has_class(self.index, elem) || elem.holds_join_handle()),
                // A callback kept in the sequence is called as a field of its owner
                // (`SlotCall::owner`): where the sequence is says whose.
                place: v
                    .place
                    .clone()
                    .filter(|_| matches!(**elem, Ty::Callback(Some(_)))),
                ..Val::default()
            },
            _ => Val::default(),
        }
    }
}
