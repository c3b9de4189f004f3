//! Fields that hold one lock. Real code shares a lock between structs by cloning one `Arc` into
//! each (`ServerState { db, runner: Runner::new(db.clone()) }`): `state.db` and
//! `state.runner.db` are then one mutex, though they are fields of two types, two classes.
//! Where every struct literal of a type gives two of its field paths one value, the two paths
//! hold the same lock in every instance of the type: taking one while holding the other is a
//! double lock.
//!
//! What a literal gives each field comes from the walker (`events::Init`); a field given the
//! result of a call is followed into what the callee returns (its own literals, re-rooted at
//! the call's arguments).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::events::{Made, Source, Unit};
use crate::index::{FnId, Index, Ty, TypeId};
use crate::locks::class::{ClassId, ClassRef, Classes, LockRef, Place, Proj, Root};
use crate::source::Loc;

/// Calls followed into what they return, in a row.
const MAX_DEPTH: u32 = 4;

type Path = Box<[Box<str>]>;

/// Two field paths of one type that hold the same lock in every instance.
#[derive(Debug)]
pub struct Alias {
    pub ty: TypeId,
    pub a: Path,
    pub b: Path,
    /// A struct literal that gives both one value.
    pub at: Loc,
    classes: (ClassId, ClassId),
}

impl Alias {
    /// `.db` and `.runner.db`.
    pub fn texts(&self) -> (String, String) {
        let text = |p: &Path| p.iter().map(|f| format!(".{f}")).collect::<String>();
        (text(&self.a), text(&self.b))
    }
}

#[derive(Default)]
pub struct Aliases {
    list: Vec<Alias>,
}

impl Aliases {
    pub fn build(index: &Index, classes: &Classes, units: &[Unit]) -> Aliases {
        let mut unit_of = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            if let Some(f) = u.func {
                unit_of.insert(f, i);
            }
        }
        let mut fl = Flattener {
            index,
            units,
            unit_of,
            returned: HashMap::new(),
        };
        // Per type: the pairs every literal so far agrees on (`None`: no literal seen yet).
        let mut by_type: HashMap<TypeId, (HashSet<(Path, Path)>, Loc)> = HashMap::new();
        let mut spoiled = HashSet::new();
        for (u, unit) in units.iter().enumerate() {
            for (i, init) in unit.rare().inits.iter().enumerate() {
                if spoiled.contains(&init.ty) {
                    continue;
                }
                let paths = fl.made(u, Made::Literal(i as u32), 0);
                let pairs = lock_pairs(index, classes, init.ty, &paths);
                match by_type.get_mut(&init.ty) {
                    None => {
                        by_type.insert(init.ty, (pairs, init.loc));
                    }
                    Some((agreed, _)) => agreed.retain(|p| pairs.contains(p)),
                }
                if by_type.get(&init.ty).is_some_and(|(a, _)| a.is_empty()) {
                    by_type.remove(&init.ty);
                    spoiled.insert(init.ty);
                }
            }
        }
        let mut list = Vec::new();
        for (ty, (pairs, at)) in by_type {
            for (a, b) in pairs {
                let (Some(ca), Some(cb)) = (
                    class_of(index, classes, ty, &a),
                    class_of(index, classes, ty, &b),
                ) else {
                    continue;
                };
                list.push(Alias {
                    ty,
                    a,
                    b,
                    at,
                    classes: (ca, cb),
                });
            }
        }
        // Reports name the first alias that applies: the same one every run.
        list.sort_by(|x, y| (x.at, &x.a, &x.b).cmp(&(y.at, &y.a, &y.b)));
        Aliases { list }
    }

    /// The alias by which `x` and `y` are one instance: the same root, the same path up to
    /// where the alias's two paths begin.
    pub fn same(&self, x: &LockRef, y: &LockRef) -> Option<&Alias> {
        let (ClassRef::Known(cx), ClassRef::Known(cy)) = (x.class, y.class) else {
            return None;
        };
        if x.place.root != y.place.root || x.place.root == Root::Unknown {
            return None;
        }
        self.list.iter().find(|al| {
            let (ca, cb) = al.classes;
            (ca == cx && cb == cy && joined(&x.place, &al.a, &y.place, &al.b))
                || (ca == cy && cb == cx && joined(&y.place, &al.a, &x.place, &al.b))
        })
    }
}

/// `x` is `prefix.a` and `y` is `prefix.b`, for one prefix.
fn joined(x: &Place, a: &Path, y: &Place, b: &Path) -> bool {
    let ends_with = |p: &Place, path: &Path| {
        p.proj.len() >= path.len()
            && p.proj[p.proj.len() - path.len()..]
                .iter()
                .zip(path.iter())
                .all(|(proj, f)| matches!(proj, Proj::Field(g) if g == f))
    };
    ends_with(x, a)
        && ends_with(y, b)
        && x.proj[..x.proj.len() - a.len()] == y.proj[..y.proj.len() - b.len()]
}

/// The class of the lock at a field path of a type: each step but the last a field of a crate
/// type, the last a lock field.
fn class_of(index: &Index, classes: &Classes, ty: TypeId, path: &[Box<str>]) -> Option<ClassId> {
    let (last, steps) = path.split_last()?;
    let mut t = ty;
    for f in steps {
        match index.field(t, f)? {
            Ty::Adt(next) => t = *next,
            _ => return None,
        }
    }
    let id = classes.field(t, index.names.find(last)?)?;
    classes.list[id.0 as usize].is_lock.then_some(id)
}

/// Pairs of paths given one instance, both of which hold a lock.
fn lock_pairs(
    index: &Index,
    classes: &Classes,
    ty: TypeId,
    paths: &[(Path, Place)],
) -> HashSet<(Path, Path)> {
    let mut pairs = HashSet::new();
    for (i, (a, pa)) in paths.iter().enumerate() {
        for (b, pb) in &paths[i + 1..] {
            let prefix = |x: &Path, y: &Path| x.len() <= y.len() && x[..] == y[..x.len()];
            if !pa.same_instance(pb) || prefix(a, b) || prefix(b, a) {
                continue;
            }
            if class_of(index, classes, ty, a).is_some()
                && class_of(index, classes, ty, b).is_some()
            {
                let pair = if a <= b {
                    (a.clone(), b.clone())
                } else {
                    (b.clone(), a.clone())
                };
                pairs.insert(pair);
            }
        }
    }
    pairs
}

/// What the fields of a made value hold, as paths to places of the unit that made it.
struct Flattener<'u> {
    index: &'u Index,
    units: &'u [Unit],
    unit_of: HashMap<FnId, usize>,
    /// What each function returns, relative to its parameters.
    returned: HashMap<FnId, Rc<Vec<(Path, Place)>>>,
}

impl Flattener<'_> {
    fn made(&mut self, u: usize, m: Made, depth: u32) -> Vec<(Path, Place)> {
        let (units, index) = (self.units, self.index);
        match m {
            Made::Literal(i) => {
                let Some(init) = units[u].rare().inits.get(i as usize) else {
                    return Vec::new();
                };
                let mut out = Vec::new();
                for (name, source) in init.fields.iter() {
                    let field: Box<str> = index.name(*name).into();
                    match source {
                        Source::Place(p) => out.push((Box::from([field.clone()]), p.clone())),
                        Source::Made(inner) => {
                            for (path, p) in self.made(u, *inner, depth) {
                                let full: Path = std::iter::once(field.clone())
                                    .chain(path.into_vec())
                                    .collect();
                                out.push((full, p));
                            }
                        }
                    }
                }
                out
            }
            Made::Call(c) => {
                let Some(call) = units[u].calls.get(c as usize) else {
                    return Vec::new();
                };
                if depth >= MAX_DEPTH {
                    return Vec::new();
                }
                let ret = self.returned(call.callee, depth + 1);
                ret.iter()
                    .filter_map(|(path, p)| {
                        let place = match p.root {
                            Root::Param(i) => {
                                let arg = call.args.get(i as usize)?.place.as_ref()?;
                                Place::from_parts(arg.root, arg.proj.iter().chain(&p.proj))
                            }
                            Root::Static(_) | Root::Global(_) => p.clone(),
                            // The callee's own values: nothing the caller can name.
                            Root::Local(_) | Root::Unknown => return None,
                        };
                        Some((path.clone(), place))
                    })
                    .collect()
            }
        }
    }

    /// The paths every value the function returns agrees on.
    fn returned(&mut self, f: FnId, depth: u32) -> Rc<Vec<(Path, Place)>> {
        if let Some(r) = self.returned.get(&f) {
            return r.clone();
        }
        // A recursive function returns what its other paths return; until known, nothing.
        self.returned.insert(f, Rc::default());
        let result = match self.unit_of.get(&f) {
            Some(&u) if !self.units[u].rare().returns_other => {
                let mut agreed: Option<Vec<(Path, Place)>> = None;
                for &m in &self.units[u].rare().returns_made {
                    let paths = self.made(u, m, depth);
                    agreed = Some(match agreed {
                        None => paths,
                        Some(prev) => prev.into_iter().filter(|x| paths.contains(x)).collect(),
                    });
                }
                agreed.unwrap_or_default()
            }
            _ => Vec::new(),
        };
        let result = Rc::new(result);
        self.returned.insert(f, result.clone());
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(fields: &[&str]) -> Place {
        Place {
            root: Root::Param(0),
            proj: fields.iter().map(|f| Proj::Field((*f).into())).collect(),
        }
    }

    fn path(fields: &[&str]) -> Path {
        fields.iter().map(|f| Box::from(*f)).collect()
    }

    #[test]
    fn an_alias_joins_places_with_one_prefix_before_its_paths() {
        let (a, b) = (path(&["db"]), path(&["runner", "db"]));
        assert!(joined(&place(&["db"]), &a, &place(&["runner", "db"]), &b));
        assert!(joined(
            &place(&["app", "state", "db"]),
            &a,
            &place(&["app", "state", "runner", "db"]),
            &b
        ));
        // Two states: `x.db` and `y.runner.db` are not one lock.
        assert!(!joined(
            &place(&["x", "db"]),
            &a,
            &place(&["y", "runner", "db"]),
            &b
        ));
        assert!(!joined(&place(&["db"]), &a, &place(&["db"]), &b));
    }
}
