//! Lock identity. A lock is named, as lockdep names classes, by where it lives: a struct field
//! (`Bank::accounts`), a static (`PRINTER`), or a function-local lock (`main::printer`). Which
//! *instance* of a class is meant is a [`Place`]: `self.accounts` and `other.accounts` are one
//! class, two places. Two acquisitions of one place are a re-lock; of one class at different
//! places, a nesting of instances that needs an order.

use std::collections::{HashMap, HashSet};

use crate::index::accessors::Accessor;
use crate::index::{FnId, Index, StaticId, Ty, TypeId};
use crate::locks::api::{Acquire, Flavor, Waitable};
use crate::names::Name;
use crate::source::Loc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClassId(pub u32);

#[derive(Clone, Debug)]
pub struct LockClass {
    /// Full path inside its crate (`net::Conn::state`) until `shorten_names` picks the shortest
    /// unambiguous suffix (`Conn::state`).
    pub name: String,
    pub decl: Loc,
    /// Fewest `::` segments a shortened name keeps: `Type::field` and `function::variable` need
    /// two to read as what they are, a static one.
    pub min_segments: usize,
    /// A lock, as opposed to a condvar or channel (which have classes to pair waiters with
    /// wakers).
    pub is_lock: bool,
}

/// Where an instance lives, relative to the function that touches it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Root {
    /// The i-th input of the function, `self` being input 0 of a method.
    Param(u16),
    /// A local variable of the function, by binding number.
    Local(u32),
    Static(StaticId),
    /// The lock a function of no input hands out (`fn config() -> &'static RwLock<C>` with a
    /// `OnceLock` behind it): one for the program, like a static.
    Global(FnId),
    /// Something we cannot name (a call's result, a callee's local): never the same instance
    /// as anything else.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Proj {
    Field(Box<str>),
    /// Through a guard into the data a lock protects.
    Deref,
    /// `[i]`, by the index expression's text.
    Index(Box<str>),
    /// Some place further down, through fields, guards or indexes: what a place keeps past
    /// `MAX_PROJ` projections. Always last.
    Deeper,
}

/// Projections a place keeps. Recursive calls that walk a recursive structure
/// (`self.group.ioapic.lock().group...`) would otherwise make a longer place in every round of
/// a summary's fixpoint, each a lock reference of its own, until the summary's cap: an access
/// path cut at a fixed length (k-limiting) ends the growth. Past it, a place is never certainly
/// one instance with another, and counts as reached through a guard.
const MAX_PROJ: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub root: Root,
    /// Boxed: places live in every call's arguments, for the whole run.
    pub proj: Box<[Proj]>,
}

impl Place {
    pub fn new(root: Root) -> Place {
        Place {
            root,
            proj: Box::default(),
        }
    }

    pub fn unknown() -> Place {
        Place::new(Root::Unknown)
    }

    /// `root` followed by `proj`, cut after `MAX_PROJ` projections.
    pub fn from_parts<'p>(root: Root, proj: impl Iterator<Item = &'p Proj>) -> Place {
        let mut kept = Vec::with_capacity(proj.size_hint().0.min(MAX_PROJ + 1));
        for p in proj {
            if kept.len() == MAX_PROJ || *p == Proj::Deeper {
                kept.push(Proj::Deeper);
                break;
            }
            kept.push(p.clone());
        }
        Place {
            root,
            proj: kept.into_boxed_slice(),
        }
    }

    pub fn with(&self, p: Proj) -> Place {
        Place::from_parts(self.root, self.proj.iter().chain([&p]))
    }

    /// Certainly the same instance: the same named root, the same path. An index we cannot
    /// read as a literal or a plain variable makes two places incomparable, and so does a path
    /// cut short.
    pub fn same_instance(&self, other: &Place) -> bool {
        self.root != Root::Unknown && self == other && self.proj.last() != Some(&Proj::Deeper)
    }

    /// Two instances told apart by a field name (`self.data.m` and `self.backup.m`): whoever
    /// nests them names them, in an order written in the code, not one decided at run time
    /// (`from.m` and `to.m`, `shards[i]` and `shards[j]` are not).
    pub fn apart_by_field(&self, other: &Place) -> bool {
        if self.root != other.root || self.root == Root::Unknown {
            return false;
        }
        let first_difference = self
            .proj
            .iter()
            .zip(other.proj.iter())
            .find(|(a, b)| a != b);
        matches!(first_difference, Some((Proj::Field(_), Proj::Field(_))))
    }

    /// `self` lives in the data `outer` protects (`outer.lock().inner`): whoever locks both
    /// has to go through `outer` first, in the order the data structure holds them.
    pub fn inside(&self, outer: &Place) -> bool {
        self.root == outer.root
            && self.root != Root::Unknown
            && self.proj.len() > outer.proj.len()
            && self.proj[..outer.proj.len()] == outer.proj[..]
            && self.proj[outer.proj.len()..]
                .iter()
                .any(|p| matches!(p, Proj::Deref | Proj::Deeper))
    }

    pub fn through_guard(&self) -> bool {
        self.proj
            .iter()
            .any(|p| matches!(p, Proj::Deref | Proj::Deeper))
    }

    /// The place as Rust would write it, given how its root is named: `self.inner[0]`, `(*g).x`.
    pub fn text(&self, root: String) -> String {
        let mut s = root;
        for p in self.proj.iter() {
            match p {
                Proj::Field(f) => {
                    s.push('.');
                    s.push_str(f);
                }
                Proj::Deref => s = format!("(*{s})"),
                Proj::Index(i) => s = format!("{s}[{i}]"),
                Proj::Deeper => s.push_str(".."),
            }
        }
        s
    }
}

/// A class as the function that acquires the lock sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ClassRef {
    Known(ClassId),
    /// The i-th function-local lock of the unit being walked; becomes `Known` once the run's
    /// classes are numbered (`events::register_locals`).
    Local(u32),
    /// The lock *is* a parameter (`fn f(m: &Mutex<T>)`): its class is whatever the caller passes.
    FromRoot,
}

/// One lock as acquired: which class, which instance, what kind, and how.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LockRef {
    pub class: ClassRef,
    pub place: Place,
    pub flavor: Flavor,
    pub acquire: Acquire,
}

/// What declares a lock class that `#[lock_order]` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassOwner {
    Field(TypeId, Name),
    Static(StaticId),
}

/// Every class of the run. Field and static classes are known from the index before any body
/// is read; function-local ones are added as bodies are summarized.
pub struct Classes {
    pub list: Vec<LockClass>,
    fields: HashMap<(TypeId, Name), ClassId>,
    statics: HashMap<StaticId, ClassId>,
    /// Of methods that return a lock their body does not name (`index::accessors`).
    accessors: HashMap<FnId, ClassId>,
    /// Crate types with a lock in a field, or in a field of a field (`locks::aliases` cares
    /// about their struct literals only).
    holders: HashSet<TypeId>,
    /// Semaphores whose permit count the code states (`Semaphore::new(4)` in a struct literal).
    permits: HashMap<ClassId, u32>,
    /// Of statics that are one-time-initialization cells: the class forcing one acquires.
    cells: HashMap<StaticId, ClassId>,
    /// The same, of fields (`cache: OnceLock<T>`).
    field_cells: HashMap<(TypeId, Name), ClassId>,
    /// Classes of a function's own locks, condvars and channels (`let (tx, rx) = channel()`):
    /// only what the function hands them to can use them.
    locals: HashSet<ClassId>,
}

/// A field or static is a lock when its type is one, or a crate type that wraps one, or a
/// collection of either (each element then belongs to the field's class).
pub fn is_lock_like(index: &Index, ty: &Ty) -> bool {
    match ty {
        Ty::Lock(_) => true,
        Ty::Adt(t) => index.lock_wrappers.contains(t),
        Ty::Seq(elem) => is_lock_like(index, elem),
        _ => false,
    }
}

/// Whether values of this type get a class: locks, and the things threads wait on (condition
/// variables, channels, ...), whose identity pairs a waiter with the thread that wakes it.
pub fn has_class(index: &Index, ty: &Ty) -> bool {
    match ty {
        // A join handle is known by where it is kept (the thread it joins is kept there); a
        // runtime needs no identity.
        Ty::Waitable(w) => !matches!(
            w,
            Waitable::Runtime
                | Waitable::RuntimeHandle
                | Waitable::Tasks
                | Waitable::Park
                | Waitable::Configured
                | Waitable::ScopeEnd
        ),
        Ty::Seq(elem) => has_class(index, elem),
        _ => is_lock_like(index, ty),
    }
}

/// The crate types that hold a lock in a field, or in a field of a crate type that does.
pub fn lock_holders(index: &Index) -> HashSet<TypeId> {
    let mut holders = HashSet::new();
    // Each round adds the types one level further out.
    loop {
        let before = holders.len();
        for (i, def) in index.types.iter().enumerate() {
            let t = TypeId(i as u32);
            let holds = |ty: &Ty| match ty {
                Ty::Adt(inner) => holders.contains(inner),
                Ty::Seq(elem) => {
                    matches!(&**elem, Ty::Adt(inner) if holders.contains(inner))
                        || is_lock_like(index, ty)
                }
                _ => is_lock_like(index, ty),
            };
            if !holders.contains(&t) && def.fields.iter().any(|(_, ty)| holds(ty)) {
                holders.insert(t);
            }
        }
        if holders.len() == before {
            return holders;
        }
    }
}

impl Classes {
    pub fn build(index: &Index) -> Classes {
        let mut c = Classes {
            list: Vec::new(),
            fields: HashMap::new(),
            statics: HashMap::new(),
            accessors: HashMap::new(),
            holders: HashSet::new(),
            permits: HashMap::new(),
            cells: HashMap::new(),
            field_cells: HashMap::new(),
            locals: HashSet::new(),
        };
        for (i, def) in index.types.iter().enumerate() {
            for (name, ty) in &def.fields {
                if has_class(index, ty) {
                    let id = c.add(LockClass {
                        name: format!("{}::{}", def.display, index.name(*name)),
                        decl: def.loc,
                        min_segments: 2,
                        is_lock: is_lock_like(index, ty),
                    });
                    c.fields.insert((TypeId(i as u32), *name), id);
                }
            }
        }
        for (i, s) in index.statics.iter().enumerate() {
            if has_class(index, &s.ty) {
                let id = c.add(LockClass {
                    name: s.display.clone(),
                    decl: s.loc,
                    min_segments: 1,
                    is_lock: is_lock_like(index, &s.ty),
                });
                c.statics.insert(StaticId(i as u32), id);
            }
        }
        for (i, s) in index.statics.iter().enumerate() {
            if s.cell.is_none() {
                continue;
            }
            let id = StaticId(i as u32);
            // A cell that is itself a lock (`LazyLock<Mutex<T>>`) is named for the lock; its
            // initialization is a class of its own.
            let name = match c.statics.contains_key(&id) {
                true => format!("{}::{{init}}", s.display),
                false => s.display.clone(),
            };
            let class = c.add(LockClass {
                min_segments: if name.ends_with("::{init}") { 2 } else { 1 },
                name,
                decl: s.loc,
                is_lock: true,
            });
            c.cells.insert(id, class);
        }
        for (i, def) in index.types.iter().enumerate() {
            let t = TypeId(i as u32);
            for &f in &def.cell_fields {
                let base = format!("{}::{}", def.display, index.name(f));
                // A cell around a lock (`OnceLock<Mutex<T>>`) is named for the lock already.
                let name = match c.fields.contains_key(&(t, f)) {
                    true => format!("{base}::{{init}}"),
                    false => base,
                };
                let class = c.add(LockClass {
                    min_segments: if name.ends_with("::{init}") { 3 } else { 2 },
                    name,
                    decl: def.loc,
                    is_lock: true,
                });
                c.field_cells.insert((t, f), class);
            }
        }
        c.holders = index.lock_holders.clone();
        let mut opaque: Vec<FnId> = index
            .accessors
            .iter()
            .filter(|(_, a)| **a == Accessor::Opaque)
            .map(|(f, _)| *f)
            .collect();
        // In function order, so that every run numbers classes the same.
        opaque.sort_unstable();
        for f in opaque {
            let id = c.add(LockClass {
                name: format!("{}()", index.fn_display(f)),
                decl: index.func(f).loc,
                min_segments: 2,
                is_lock: true,
            });
            c.accessors.insert(f, id);
        }
        c
    }

    /// The class of forcing a one-time-initialized static.
    pub fn cell(&self, s: StaticId) -> Option<ClassId> {
        self.cells.get(&s).copied()
    }

    /// The class of forcing a one-time-initialized field.
    /// The type and field a field's class is of (a slow lookup: for the few findings that ask).
    pub fn field_of(&self, c: ClassId) -> Option<(TypeId, Name)> {
        self.fields
            .iter()
            .find(|(_, &id)| id == c)
            .map(|(&key, _)| key)
    }

    pub fn field_cell(&self, t: TypeId, f: Name) -> Option<ClassId> {
        self.field_cells.get(&(t, f)).copied()
    }

    pub fn permits(&self, c: ClassId) -> Option<u32> {
        self.permits.get(&c).copied()
    }

    /// A semaphore made with `n` permits; where the code makes it with several counts, the
    /// smallest is the one a deadlock needs.
    pub fn set_permits(&mut self, c: ClassId, n: u32) {
        let slot = self.permits.entry(c).or_insert(n);
        *slot = (*slot).min(n);
    }

    /// Whether values of the type hold a lock, in a field or deeper.
    pub fn holds_lock(&self, t: TypeId) -> bool {
        self.holders.contains(&t)
    }

    /// The class of the lock a method returns, when its body does not say which.
    pub fn accessor(&self, f: FnId) -> Option<ClassId> {
        self.accessors.get(&f).copied()
    }

    fn add(&mut self, class: LockClass) -> ClassId {
        self.list.push(class);
        ClassId(self.list.len() as u32 - 1)
    }

    /// A function-local lock, condvar or channel's class (`events::register_locals`).
    pub fn add_local(&mut self, class: LockClass) -> ClassId {
        let id = self.add(class);
        self.locals.insert(id);
        id
    }

    pub fn is_local(&self, id: ClassId) -> bool {
        self.locals.contains(&id)
    }

    pub fn field(&self, ty: TypeId, name: Name) -> Option<ClassId> {
        self.fields.get(&(ty, name)).copied()
    }

    pub fn static_(&self, s: StaticId) -> Option<ClassId> {
        self.statics.get(&s).copied()
    }

    /// The field or static each such class is, by class.
    pub fn owners(&self) -> HashMap<ClassId, ClassOwner> {
        let fields = self
            .fields
            .iter()
            .map(|(&(t, f), &c)| (c, ClassOwner::Field(t, f)));
        let statics = self
            .statics
            .iter()
            .map(|(&s, &c)| (c, ClassOwner::Static(s)));
        fields.chain(statics).collect()
    }

    pub fn name(&self, id: ClassId) -> &str {
        &self.list[id.0 as usize].name
    }

    /// Shows every class by the shortest suffix of its path that no other class shares.
    pub fn shorten_names(&mut self) {
        let segments: Vec<Vec<&str>> = self
            .list
            .iter()
            .map(|c| c.name.split("::").collect())
            .collect();
        let depth = segments.iter().map(Vec::len).max().unwrap_or(0);
        let suffix = |segs: &[&str], k: usize| segs[segs.len().saturating_sub(k)..].join("::");
        let mut counts: Vec<HashMap<String, usize>> = vec![HashMap::new(); depth + 1];
        for segs in &segments {
            for (k, count) in counts.iter_mut().enumerate().skip(1) {
                *count.entry(suffix(segs, k)).or_default() += 1;
            }
        }
        let short: Vec<String> = self
            .list
            .iter()
            .zip(&segments)
            .map(|(c, segs)| {
                (c.min_segments..segs.len())
                    .find(|&k| counts[k].get(&suffix(segs, k)) == Some(&1))
                    .map_or_else(|| c.name.clone(), |k| suffix(segs, k))
            })
            .collect();
        for (c, name) in self.list.iter_mut().zip(short) {
            c.name = name;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn names_are_shortened_only_as_far_as_they_stay_unique() {
        let loc = Loc {
            file: FileId(0),
            line: 1,
            column: 1,
            start: 0,
            end: 0,
        };
        let mut c = Classes {
            list: Vec::new(),
            fields: HashMap::new(),
            statics: HashMap::new(),
            accessors: HashMap::new(),
            holders: HashSet::new(),
            permits: HashMap::new(),
            cells: HashMap::new(),
            field_cells: HashMap::new(),
            locals: HashSet::new(),
        };
        for (name, min) in [
            ("a::buggy::Res::x", 2),
            ("a::fixed::Res::x", 2),
            ("net::Conn::state", 2),
            ("db::POOL", 1),
        ] {
            c.add(LockClass {
                name: name.into(),
                decl: loc,
                min_segments: min,
                is_lock: true,
            });
        }
        c.shorten_names();
        let names: Vec<&str> = c.list.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["buggy::Res::x", "fixed::Res::x", "Conn::state", "POOL"]
        );
    }
}
