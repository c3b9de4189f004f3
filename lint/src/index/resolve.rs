//! Name resolution: what a path written in some module refers to.
//!
//! Follows the module tree, `use` imports (with renames and globs), function-body items, and
//! the other crates of the same run by name. Whatever is not the crate's own is an external path
//! (`std::sync::Mutex`), which the lock registry may recognize.
//!
//! Imports can form cycles and glob imports can reach the same module along many paths
//! (`use super::*` everywhere); one query visits each (module, name) pair at most once, which
//! keeps it linear in the number of modules and imports rather than exponential.

use super::{Def, Index, ModId, TypeId};
use crate::discover::Edition;
use crate::locks::api;
use crate::names::{Name, Segment};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Res {
    Def(Def),
    /// `Type::name`: an associated function or method of a crate type.
    Assoc(TypeId, String),
    External(Vec<String>),
}

/// A name being looked up: its text, and what it is interned as (text that never was, met only
/// in a function body, is no item or import of the crate's, but a glob import may still bring it).
#[derive(Clone, Copy)]
struct Key<'q> {
    name: Option<Name>,
    text: &'q str,
}

/// The (module, name) pairs one query has looked up already: a handful, searched linearly and
/// borrowed (every path the walker meets is resolved; nothing is allocated per step).
type Seen<'q> = Vec<(ModId, &'q str)>;

impl Index {
    /// What `segs` (names from outlines, or text from a body) mean in module `from`.
    pub fn resolve_path<S: Segment>(
        &self,
        from: ModId,
        segs: &[S],
        leading_colon: bool,
    ) -> Option<Res> {
        if leading_colon {
            // `::a::b`: crate-relative in edition 2015, an extern crate's path since 2018.
            if self.edition_of(from) == Edition::E2015 {
                return self.resolve_segments(self.crates_root(from), segs, &mut Seen::new());
            }
            let path = segs.iter().map(|s| s.text(&self.names).to_string());
            return Some(Res::External(path.collect()));
        }
        self.resolve_segments(from, segs, &mut Seen::new())
    }

    fn key<'q, S: Segment>(&'q self, seg: &'q S) -> Key<'q> {
        Key {
            name: seg.name(&self.names),
            text: seg.text(&self.names),
        }
    }

    fn resolve_segments<'q, S: Segment>(
        &'q self,
        from: ModId,
        segs: &'q [S],
        seen: &mut Seen<'q>,
    ) -> Option<Res> {
        let (first, rest) = segs.split_first()?;
        let first = self.key(first);
        let mut res = match first.name {
            Some(Name::CRATE) => Res::Def(Def::Mod(self.crates_root(from))),
            Some(Name::SELF_VALUE) => Res::Def(Def::Mod(self.nominal(from))),
            Some(Name::SUPER) => Res::Def(Def::Mod(self.module(self.nominal(from)).parent?)),
            _ => self
                .lookup(from, first, seen)
                .unwrap_or_else(|| Res::External(vec![first.text.to_string()])),
        };
        for seg in rest {
            let seg = self.key(seg);
            res = match res {
                Res::Def(Def::Mod(m)) => match seg.name {
                    Some(Name::SUPER) => Res::Def(Def::Mod(self.module(m).parent?)),
                    _ => self.lookup_in(m, seg, seen)?,
                },
                Res::Def(Def::Type(t)) => Res::Assoc(t, seg.text.to_string()),
                Res::External(mut path) => {
                    path.push(seg.text.to_string());
                    Res::External(path)
                }
                _ => return None,
            };
        }
        Some(res)
    }

    /// The module `self` names: a function body's module is not one.
    fn nominal(&self, mut m: ModId) -> ModId {
        while self.module(m).transparent {
            match self.module(m).parent {
                Some(p) => m = p,
                None => break,
            }
        }
        m
    }

    fn crates_root(&self, m: ModId) -> ModId {
        self.crates
            .iter()
            .find(|c| self.module(c.root).krate == self.module(m).krate)
            .map_or(m, |c| c.root)
    }

    /// A name used in `m`: its items, its imports, then (for function bodies) the enclosing
    /// module, then the crates of this run.
    fn lookup<'q>(&'q self, m: ModId, key: Key<'q>, seen: &mut Seen<'q>) -> Option<Res> {
        if let Some(res) = self.lookup_in(m, key, seen) {
            return Some(res);
        }
        let module = self.module(m);
        if module.transparent {
            if let Some(parent) = module.parent {
                return self.lookup(parent, key, seen);
            }
        }
        self.crate_roots
            .get(key.text)
            .map(|&root| Res::Def(Def::Mod(root)))
    }

    /// Where the path of a `use` in module `m` starts: in edition 2015, at the crate root
    /// (`use header::*;` is `crate::header::*`) unless it says `self`, `super` or `crate`.
    fn use_base(&self, m: ModId, path: &[Name]) -> ModId {
        let relative = matches!(
            path.first(),
            Some(&(Name::SELF_VALUE | Name::SUPER | Name::CRATE))
        );
        if self.edition_of(m) == Edition::E2015 && !relative {
            self.crates_root(m)
        } else {
            m
        }
    }

    /// Whether `name` is a crate a path may start with in `m`'s crate (`None`: not known).
    fn in_extern_prelude(&self, m: ModId, name: &str) -> Option<bool> {
        let krate = &self.crates[self.module(m).krate];
        krate.extern_prelude.as_ref().map(|p| p.contains(name))
    }

    /// A name as an item of module `m` (what `m::name` means).
    fn lookup_in<'q>(&'q self, m: ModId, key: Key<'q>, seen: &mut Seen<'q>) -> Option<Res> {
        if seen.contains(&(m, key.text)) {
            return None;
        }
        seen.push((m, key.text));
        let module = self.module(m);
        if let Some(name) = key.name {
            if let Some(def) = module.defs.get(&name).and_then(|d| d.first()) {
                return Some(Res::Def(*def));
            }
            if let Some((_, path)) = module.uses.iter().find(|(alias, _)| *alias == name) {
                return self.resolve_segments(self.use_base(m, path), path, seen);
            }
            if let Some(&(_, krate)) = module.extern_crates.iter().find(|(n, _)| *n == name) {
                let text = self.names.str(krate);
                return Some(match (krate, self.crate_roots.get(text)) {
                    (Name::SELF_VALUE, _) => Res::Def(Def::Mod(self.crates_root(m))),
                    // A crate of this run (a path dependency read as context, say).
                    (_, Some(&root)) => Res::Def(Def::Mod(root)),
                    _ => Res::External(vec![text.to_string()]),
                });
            }
        }
        // An item a macro of the module declares shadows any glob's; what it is, is not known.
        if key.name.is_some_and(|n| module.hidden.contains(&n)) {
            return None;
        }
        // A glob of another crate brings that crate's items, not the names of crates: those
        // come from the extern prelude (Reference, names.preludes.extern).
        let mut foreign_globs_answer = None;
        let mut external = None;
        for glob in &module.globs {
            match self.resolve_segments(self.use_base(m, glob), glob, seen) {
                Some(Res::Def(Def::Mod(g))) if g != m => {
                    if let Some(res) = self.lookup_in(g, key, seen) {
                        return Some(res);
                    }
                }
                Some(Res::External(mut path))
                    if *foreign_globs_answer.get_or_insert_with(|| {
                        self.in_extern_prelude(m, key.text) != Some(true)
                    }) =>
                {
                    path.push(key.text.to_string());
                    // Of several external globs, prefer the one that names a known lock type:
                    // `use std::collections::*; use std::sync::*;` and then `Mutex`.
                    let known = api::lock_type(&path).is_some() || api::is_guard_type(&path);
                    if known || external.is_none() {
                        external = Some(Res::External(path));
                    }
                }
                _ => {}
            }
        }
        external
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::Edition;

    /// What `path` means in the module at `module` (`a::b`, or `` for the crate root) of a
    /// one-file crate: a crate item by its display path, or `extern ..` for an external path.
    fn resolve(src: &str, module: &str, path: &str) -> String {
        resolve_in(Edition::E2021, src, module, path)
    }

    fn resolve_in(edition: Edition, src: &str, module: &str, path: &str) -> String {
        let mut parsed = crate::parse::parse_text("lib.rs", src, edition);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let index = Index::build(&mut parsed, &crate::config::Config::default());
        let want: Vec<&str> = module.split("::").filter(|s| !s.is_empty()).collect();
        let m = (0..index.modules.len() as u32)
            .map(ModId)
            .find(|&m| {
                let path = &index.module(m).path;
                !index.module(m).transparent
                    && path.len() == want.len()
                    && path.iter().zip(&want).all(|(n, w)| index.name(*n) == *w)
            })
            .expect("the module exists");
        let global = path.starts_with("::");
        let segs: Vec<String> = path
            .trim_start_matches("::")
            .split("::")
            .map(str::to_string)
            .collect();
        match index.resolve_path(m, &segs, global) {
            Some(Res::Def(Def::Type(t))) => format!("type {}", index.ty(t).display),
            Some(Res::Def(Def::Fn(f))) => format!("fn {}", index.fn_display(f)),
            Some(Res::Def(Def::Static(s))) => format!("static {}", index.static_(s).display),
            Some(Res::Def(Def::Mod(m))) => format!("mod {}", index.module(m).path.len()),
            Some(Res::Def(Def::Trait(t))) => format!("trait {}", index.name(index.trait_(t).name)),
            Some(Res::Assoc(t, name)) => format!("assoc {}::{name}", index.ty(t).display),
            Some(Res::External(path)) => format!("extern {}", path.join("::")),
            None => "unresolved".to_string(),
        }
    }

    #[test]
    fn items_imports_and_renames() {
        let src = "
            use std::sync::Mutex;
            use parking_lot::RwLock as Lock;
            pub struct Bank;
            mod inner { pub struct Vault; pub fn open() {} }
            use inner::Vault as Safe;
            static LOG: Mutex<u8> = Mutex::new(0);
        ";
        assert_eq!(resolve(src, "", "Mutex"), "extern std::sync::Mutex");
        assert_eq!(resolve(src, "", "Lock"), "extern parking_lot::RwLock");
        assert_eq!(resolve(src, "", "Bank"), "type Bank");
        assert_eq!(resolve(src, "", "Safe"), "type inner::Vault");
        assert_eq!(resolve(src, "", "inner::open"), "fn inner::open");
        assert_eq!(resolve(src, "", "Bank::new"), "assoc Bank::new");
        assert_eq!(resolve(src, "", "LOG"), "static LOG");
        // A name nobody defines or imports is taken as a path of its own.
        assert_eq!(resolve(src, "", "Condvar"), "extern Condvar");
    }

    #[test]
    fn relative_paths_self_super_and_crate() {
        let src = "
            pub struct Top;
            mod a {
                pub struct Mid;
                mod b {
                    use super::Mid;
                    use crate::Top as T;
                }
            }
        ";
        assert_eq!(resolve(src, "a::b", "Mid"), "type a::Mid");
        assert_eq!(resolve(src, "a::b", "T"), "type Top");
        assert_eq!(resolve(src, "a::b", "super::super::Top"), "type Top");
        assert_eq!(resolve(src, "a", "self::Mid"), "type a::Mid");
        assert_eq!(resolve(src, "a::b", "crate::a::Mid"), "type a::Mid");
        // An inline module does not see its parent's items without an import.
        assert_eq!(resolve(src, "a", "Top"), "extern Top");
    }

    #[test]
    fn globs_local_and_external() {
        let src = "
            mod sync { pub struct Lock; }
            mod one { use crate::sync::*; }
            mod two { use std::collections::*; use std::sync::*; }
            mod three { use std::sync::*; pub struct Mutex; }
        ";
        assert_eq!(resolve(src, "one", "Lock"), "type sync::Lock");
        // Of two external globs, the one that names a known lock type wins.
        assert_eq!(resolve(src, "two", "Mutex"), "extern std::sync::Mutex");
        // An item of the module shadows what a glob brings.
        assert_eq!(resolve(src, "three", "Mutex"), "type three::Mutex");
    }

    #[test]
    fn an_item_a_macro_declares_shadows_a_glob() {
        let src = "
            pub fn start() {}
            pub fn stop() {}
            mod ffi {
                use super::*;
                extern_fns! { pub fn start(code: u32) -> u32; }
                declare! { fn stop() -> u32 }
            }
            mod plain { use super::*; }
        ";
        // Not the parent's functions: names the crate does not define, as any unknown name.
        assert_eq!(resolve(src, "ffi", "start"), "extern start");
        assert_eq!(resolve(src, "ffi", "stop"), "extern stop");
        assert_eq!(resolve(src, "plain", "start"), "fn start");
    }

    #[test]
    fn extern_crates_and_edition_2015_paths() {
        let src = "
            extern crate parking_lot as sync;
            extern crate self as me;
            pub struct Top;
            mod a {
                use sync::Mutex;
                use Top as T;
                use self::inner::Deep;
                mod inner { pub struct Deep; }
            }
        ";
        assert_eq!(
            resolve(src, "", "sync::RwLock"),
            "extern parking_lot::RwLock"
        );
        assert_eq!(resolve(src, "", "me::Top"), "type Top");
        // 2015: a `use` path starts at the crate root (unless it says `self`, `super`, `crate`).
        let e2015 = Edition::E2015;
        assert_eq!(
            resolve_in(e2015, src, "a", "Mutex"),
            "extern parking_lot::Mutex"
        );
        assert_eq!(resolve_in(e2015, src, "a", "T"), "type Top");
        assert_eq!(resolve_in(e2015, src, "a", "Deep"), "type a::inner::Deep");
        assert_eq!(resolve_in(e2015, src, "a", "::Top"), "type Top");
        // 2018 on, the same `use Top` names nothing in `a`; `::Top` is a crate named `Top`.
        assert_eq!(resolve(src, "a", "T"), "extern Top");
        assert_eq!(resolve(src, "a", "::Top"), "extern Top");
    }

    #[test]
    fn import_cycles_end() {
        let src = "
            mod a { pub use super::b::X; }
            mod b { pub use super::a::X; }
            mod c { pub use super::c::*; pub use super::d::*; }
            mod d { pub use super::c::*; }
        ";
        // rustc rejects the cycle; we must only end, with a path that names nothing we know.
        assert_eq!(resolve(src, "a", "X"), "extern X");
        assert_eq!(resolve(src, "c", "Nothing"), "extern Nothing");
    }
}
