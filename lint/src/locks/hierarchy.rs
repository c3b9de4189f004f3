//! Declared lock hierarchies: the `#[lock_order]` declarations of the index, resolved to lock
//! classes. "A before B" means a thread holding B must not wait for A; levels must strictly
//! increase along every nesting; `nested` promises that instances of one class nest in a fixed
//! order (taken on trust).

use std::collections::{HashMap, HashSet, VecDeque};

use crate::index::resolve::Res;
use crate::index::{DeclBody, DeclOwner, DeclRef, Declaration, Def, Index, ModId, TypeId};
use crate::locks::class::{ClassId, Classes};
use crate::report::Problem;
use crate::source::{Loc, SourceDb};

#[derive(Default)]
pub struct Hierarchy {
    /// `(a, b, at)`: `a` is declared before `b`, at `at`.
    pub before: Vec<(ClassId, ClassId, Loc)>,
    pub levels: HashMap<ClassId, (u32, Loc)>,
    /// Classes whose instances are declared to nest in a fixed order, with the stated order.
    pub nested: HashMap<ClassId, (String, Loc)>,
    pub problems: Vec<Problem>,
}

impl Hierarchy {
    pub fn resolve(index: &Index, classes: &Classes, db: &SourceDb) -> Hierarchy {
        let mut h = Hierarchy::default();
        for d in &index.declarations {
            h.add(index, classes, db, d);
        }
        h
    }

    fn add(&mut self, index: &Index, classes: &Classes, db: &SourceDb, d: &Declaration) {
        let owner_ty = match d.owner {
            DeclOwner::Struct(t) | DeclOwner::Field(t, _) => Some(t),
            DeclOwner::Static(_) => None,
        };
        let class_of = |r: &DeclRef<Loc>, problems: &mut Vec<Problem>| {
            let found = resolve_ref(index, classes, d.module, owner_ty, r);
            if found.is_none() {
                problems.push(Problem::warning(format!(
                    "{}: `lock_order` names `{}`, which is not a lock field or static the analyzer knows; ignored",
                    db.at(r.loc),
                    r.segs.join("::")
                )));
            }
            found
        };
        match &d.body {
            DeclBody::Order(refs) => {
                let ids: Vec<Option<ClassId>> = refs
                    .iter()
                    .map(|r| class_of(r, &mut self.problems))
                    .collect();
                for pair in ids.windows(2) {
                    if let [Some(a), Some(b)] = pair {
                        self.before.push((*a, *b, d.loc));
                    }
                }
            }
            DeclBody::Lock {
                level,
                after,
                before,
                nested,
            } => {
                let own = match d.owner {
                    DeclOwner::Field(t, i) => index
                        .ty(t)
                        .fields
                        .get(i)
                        .and_then(|&(name, _)| classes.field(t, name)),
                    DeclOwner::Static(s) => classes.static_(s),
                    DeclOwner::Struct(_) => None,
                };
                let Some(own) = own else {
                    self.problems.push(Problem::warning(format!(
                        "{}: `lock_order` on something that is not a lock; ignored",
                        db.at(d.loc)
                    )));
                    return;
                };
                if let Some(n) = level {
                    self.levels.insert(own, (*n, d.loc));
                }
                if let Some(order) = nested {
                    self.nested.insert(own, (order.clone(), d.loc));
                }
                for r in after {
                    if let Some(a) = class_of(r, &mut self.problems) {
                        self.before.push((a, own, d.loc));
                    }
                }
                for r in before {
                    if let Some(b) = class_of(r, &mut self.problems) {
                        self.before.push((own, b, d.loc));
                    }
                }
            }
        }
    }

    /// The declarations through which `a` comes before `b` (following "before" transitively),
    /// or `None` when nothing puts `a` before `b`.
    pub fn declared_before(&self, a: ClassId, b: ClassId) -> Option<Vec<Loc>> {
        let mut prev: HashMap<ClassId, (ClassId, Loc)> = HashMap::new();
        let mut seen = HashSet::from([a]);
        let mut queue = VecDeque::from([a]);
        while let Some(c) = queue.pop_front() {
            for &(x, y, at) in &self.before {
                if x == c && seen.insert(y) {
                    prev.insert(y, (c, at));
                    if y == b {
                        let mut locs = Vec::new();
                        let mut cur = b;
                        while let Some(&(p, at)) = prev.get(&cur) {
                            locs.push(at);
                            cur = p;
                        }
                        locs.reverse();
                        return Some(locs);
                    }
                    queue.push_back(y);
                }
            }
        }
        None
    }
}

/// A lock named in a declaration: a bare name is a field of the declaring struct, or a static in
/// scope; a path is `Type::field` or a static, resolved like code in that module.
fn resolve_ref(
    index: &Index,
    classes: &Classes,
    module: ModId,
    owner: Option<TypeId>,
    r: &DeclRef<Loc>,
) -> Option<ClassId> {
    let field = |t, name: &str| index.names.find(name).and_then(|n| classes.field(t, n));
    if let ([name], Some(t)) = (r.segs.as_slice(), owner) {
        if let Some(c) = field(t, name) {
            return Some(c);
        }
    }
    match index.resolve_path(module, &r.segs, false)? {
        Res::Def(Def::Static(s)) => classes.static_(s),
        Res::Assoc(t, name) => field(t, &name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn before_is_transitive_and_reports_the_declarations() {
        let at = |line| Loc {
            file: FileId(0),
            line,
            column: 1,
            start: 0,
            end: 0,
        };
        let c = ClassId;
        let h = Hierarchy {
            before: vec![(c(1), c(2), at(1)), (c(2), c(3), at(2))],
            ..Hierarchy::default()
        };
        assert_eq!(h.declared_before(c(1), c(3)), Some(vec![at(1), at(2)]));
        assert_eq!(h.declared_before(c(3), c(1)), None);
    }
}
