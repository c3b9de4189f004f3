//! Step 3a: the crate index. Everything the analysis knows about items comes from here: the
//! module tree, structs and their field types, statics, functions and methods, `use` imports.
//!
//! Built from the files' outlines (`parse::outline`): it owns its data and holds no syntax tree.
//! Name resolution lives in `resolve.rs`, types in `types.rs`.

pub mod accessors;
mod build;
mod handoffs;
pub mod resolve;
pub mod types;

use std::collections::{HashMap, HashSet};

use crate::discover::Edition;
use crate::names::{Name, Names};
use crate::parse::outline::TypeExpr;
pub use crate::parse::outline::{DeclBody, DeclRef};
use crate::source::{FileId, Loc};
pub use types::Ty;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FnId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StaticId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TraitId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Def {
    Mod(ModId),
    Type(TypeId),
    Trait(TraitId),
    Fn(FnId),
    Static(StaticId),
}

pub struct CrateInfo {
    pub name: String,
    pub root: ModId,
    pub edition: Edition,
    /// Crate names a path may start with besides the crate's own items (`std`, its
    /// dependencies, `extern crate` names); `None` when no manifest says what it depends on.
    pub extern_prelude: Option<std::sync::Arc<HashSet<String>>>,
    /// Read as context of the crates asked for (`discover::CrateRoot::context`).
    pub context: bool,
    /// `discover::CrateRoot::target`.
    pub target: Option<std::sync::Arc<crate::discover::Target>>,
    /// `discover::CrateRoot::test_code`.
    pub test_code: bool,
}

pub struct Module {
    pub krate: usize,
    pub parent: Option<ModId>,
    /// Path inside the crate, for display (`net::conn`); a function body is a module too
    /// (its items are private to it), named after the function.
    pub path: Vec<Name>,
    pub file: FileId,
    /// A function body sees the items of the module around it; an inline `mod` does not.
    pub transparent: bool,
    pub defs: HashMap<Name, Vec<Def>>,
    /// `use a::b as c;` as `c -> [a, b]`.
    pub uses: Vec<(Name, Vec<Name>)>,
    /// `extern crate krate as name;` as `name -> krate`.
    pub extern_crates: Vec<(Name, Name)>,
    pub globs: Vec<Vec<Name>>,
    /// Names an item macro of the module may declare (`outline::Item::Hidden`): they shadow
    /// what a glob brings, and are not known.
    pub hidden: Vec<Name>,
}

pub enum TypeKind {
    /// Its lowered fields are in `TypeDef::fields`.
    Struct,
    /// Lowered where it is used: `Self` and the generics in scope vary.
    Alias(TypeExpr),
    Enum,
}

pub struct TypeDef {
    pub name: Name,
    pub display: String,
    pub module: ModId,
    pub generics: Vec<Name>,
    pub kind: TypeKind,
    /// Lowered field types, filled once every type is known.
    pub fields: Vec<(Name, Ty)>,
    /// Fields that are one-time-initialization cells given their initializer by a call
    /// (`cache: OnceLock<T>`): their types lower to what they hold.
    pub cell_fields: Vec<Name>,
    pub loc: Loc,
}

pub struct FnDef {
    pub name: Name,
    /// What the function is shown under (`Index::fn_display`): computed when shown, not stored.
    pub owner: Owner,
    /// Scope for resolving the signature and body: the body's own module when it declares items.
    pub module: ModId,
    pub file: FileId,
    /// Bytes of `file` from the body's opening brace to its closing one: the walker parses them
    /// (`source::parse_body`). `None` for a function without a body.
    pub text: Option<(u32, u32)>,
    /// Lowered once every type is known, like `ret`.
    pub params: Box<[Param]>,
    /// The return type, lowered once every type is known.
    pub ret: Ty,
    /// Its return type is written `Option<..>` or `Result<..>`: a guard it returns is in the
    /// `Some`/`Ok` variant, not in `None`/`Err` (`Result<Guard<'_, T>, InitPermit>`).
    pub fallible: bool,
    pub self_ty: Ty,
    /// `async fn`: its body runs where the future a call makes is awaited.
    pub is_async: bool,
    pub generics: Box<[Name]>,
    pub loc: Loc,
    /// A trait's default method as an implementing type gets it (`Self` that type): walked
    /// only where a call reaches it.
    pub instance: bool,
}

/// A trait of the crate: which crate types implement it, and its default methods as written.
pub struct TraitDef {
    pub name: Name,
    pub defaults: Vec<FnId>,
    pub impls: Vec<TypeId>,
}

#[derive(Clone, Copy)]
pub enum Owner {
    Module(ModId),
    /// The type of its `impl` block, or its trait.
    Named(Name),
    /// An `impl` of a type without a name (`impl Trait for (A, B)`).
    Impl,
    /// The initializer of a lazily initialized static (`LazyLock::new(|| ..)`).
    Init(StaticId),
    /// A closure of this function's kept for later (`events::Kept`): it is called where the
    /// field that keeps it is, as a function of its own.
    Closure(FnId),
}

pub struct Param {
    /// `self`, the parameter's name, or `_` for a pattern: for messages.
    pub name: Name,
    /// For a pattern parameter, the names it binds; their types are not followed.
    pub pattern: Option<Box<[Name]>>,
    pub ty: Ty,
}

/// A rule of a `macro_rules!` macro whose matcher is `$a:frag, $b:frag, ..`: what the walker
/// expands (`events::walker::expand`).
pub struct MacroRule {
    pub params: Box<[String]>,
    /// The transcriber's tokens, as text.
    pub body: Box<str>,
    /// It may lock or await, itself or through the macros it calls: worth expanding.
    pub locks: bool,
    /// The macros it calls.
    pub calls: Box<[String]>,
}

/// A crate type's `impl Deref`: `value.field` and `value.method()` go through it when the type
/// has no such field or method of its own.
pub struct Deref {
    pub target: Ty,
    /// Its `deref` function.
    pub via: FnId,
    /// The field path of the receiver that `deref` returns (`&self.inner`), when its body is one
    /// (`accessors`).
    pub path: Option<Box<[String]>>,
}

pub struct StaticDef {
    pub name: Name,
    pub display: String,
    pub module: ModId,
    pub ty: Ty,
    pub loc: Loc,
    /// A one-time-initialization cell (`OnceLock`, `LazyLock`, `lazy_static!`).
    pub cell: Option<Cell>,
}

/// How a static cell is initialized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// By the closure a call gives it (`CELL.get_or_init(|| ..)`).
    Given,
    /// By its own initializer, on first use (`LazyLock`, `lazy_static!`); the function that
    /// is that initializer's body, when we could read it.
    Lazy(Option<FnId>),
}

/// Which lock a declaration is about.
#[derive(Clone, Copy, Debug)]
pub enum DeclOwner {
    /// A struct's own order among its fields (`#[lock_order(a, b)]` on the struct).
    Struct(TypeId),
    Field(TypeId, usize),
    Static(StaticId),
}

/// One `#[lock_order(...)]` found in the source (read, not expanded).
#[derive(Clone, Debug)]
pub struct Declaration {
    pub module: ModId,
    pub owner: DeclOwner,
    pub body: DeclBody<Loc>,
    pub loc: Loc,
}

pub struct Index {
    pub crates: Vec<CrateInfo>,
    pub modules: Vec<Module>,
    pub types: Vec<TypeDef>,
    pub fns: Vec<FnDef>,
    pub statics: Vec<StaticDef>,
    pub traits: Vec<TraitDef>,
    /// Inherent and trait methods of the crate's own types, sorted by type and name (and in
    /// the order they were declared): a map keyed by name would copy every method's name.
    /// By type and name (sorted in `build::settle`): the name kept here, so that a lookup does
    /// not visit the definitions it passes over.
    methods: Vec<(TypeId, Name, FnId)>,
    /// Methods the crate adds to external lock types through extension traits, keyed by the
    /// lock type's name (`RwLock`).
    pub ext_methods: HashMap<(String, String), Vec<FnId>>,
    /// Crate types that hand out guards of a lock they wrap (`fn lock(&self) -> MutexGuard<T>`):
    /// a field of such a type is a lock in its own right.
    pub lock_wrappers: HashSet<TypeId>,
    pub declarations: Vec<Declaration>,
    /// `#[lock_order(allow(..))]` on functions, impls and modules.
    pub suppressions: Vec<crate::suppress::Suppression>,
    /// Lock types and blocking functions from the configuration.
    pub user_locks: Vec<crate::config::LockType>,
    pub user_blocking: Vec<Vec<String>>,
    pub user_spawners: Vec<Vec<String>>,
    /// Declarations that do not parse (the macro would reject them too).
    pub problems: Vec<crate::report::Problem>,
    /// The expandable rules of the crates' `macro_rules!` macros, by name: textual scoping is
    /// not followed (the first definition of a name is the one expanded).
    pub macros: HashMap<Name, Box<[MacroRule]>>,
    /// Crate types with a `Drop` impl: its `drop`, which runs where a value of the type dies.
    pub drops: HashMap<TypeId, FnId>,
    /// Crate types with a `Deref` impl: what they deref to.
    pub derefs: HashMap<TypeId, Deref>,
    /// Functions that return one lock of their receiver's, or a static (`accessors`).
    pub accessors: HashMap<FnId, accessors::Accessor>,
    /// The crate types that hold a lock, directly or in a field (`locks::class::lock_holders`).
    pub lock_holders: HashSet<TypeId>,
    /// The crate's functions that run the closure or future they are given on another thread
    /// or task (`handoffs`).
    pub spawners: HashSet<FnId>,
    /// The names of those that are methods: a call of one on a value whose type is not known
    /// (an extension trait's method on std's `thread::Builder`) is a spawn too.
    pub spawner_methods: HashSet<Name>,
    /// The crate's functions that store the closure or future they are given, to be called
    /// later (`handoffs`).
    pub keepers: HashSet<FnId>,
    /// The names everything above holds.
    pub names: Names,
    crate_roots: HashMap<String, ModId>,
}

impl Index {
    /// Takes `parsed`'s outlines.
    pub fn build(parsed: &mut crate::parse::Parsed, config: &crate::config::Config) -> Index {
        build::build(parsed, config)
    }

    /// What calling `method` on a lock of `flavor` acquires (built-in or configured types).
    pub fn acquire(
        &self,
        flavor: crate::locks::api::Flavor,
        method: &str,
    ) -> Option<crate::locks::api::Acquire> {
        match flavor.family {
            crate::locks::api::Family::User(i) => {
                self.user_locks.get(usize::from(i))?.acquire(method)
            }
            _ => crate::locks::api::acquire(flavor, method),
        }
    }

    /// The configured lock type a resolved path names: its last segments match the configured
    /// path's (a configured `MyLock` matches any `MyLock`; `sync::MyLock` only that one).
    pub fn user_lock(&self, path: &[String]) -> Option<(u16, &crate::config::LockType)> {
        self.user_locks.iter().enumerate().find_map(|(i, t)| {
            let want = t.segments();
            let n = want.len().min(path.len());
            (n > 0 && want[want.len() - n..] == path[path.len() - n..]).then_some((i as u16, t))
        })
    }

    /// The name of input `i` of `func` (`self` for a method's first), for messages.
    pub fn param_name(&self, func: Option<FnId>, i: u16) -> Option<&str> {
        let param = self.func(func?).params.get(usize::from(i))?;
        Some(self.name(param.name))
    }

    /// Whether a function path is configured as blocking (suffix match, like lock types).
    pub fn is_user_blocking(&self, path: &[String]) -> bool {
        configured(&self.user_blocking, path)
    }

    /// Whether a function path is configured as a spawner.
    pub fn is_user_spawner(&self, path: &[String]) -> bool {
        configured(&self.user_spawners, path)
    }

    pub fn module(&self, id: ModId) -> &Module {
        &self.modules[id.0 as usize]
    }

    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0 as usize]
    }

    pub fn trait_(&self, id: TraitId) -> &TraitDef {
        &self.traits[id.0 as usize]
    }

    pub fn func(&self, id: FnId) -> &FnDef {
        &self.fns[id.0 as usize]
    }

    pub fn static_(&self, id: StaticId) -> &StaticDef {
        &self.statics[id.0 as usize]
    }

    pub fn crate_of_fn(&self, f: FnId) -> &CrateInfo {
        &self.crates[self.module(self.func(f).module).krate]
    }

    pub fn edition_of(&self, m: ModId) -> Edition {
        self.crates[self.module(m).krate].edition
    }

    pub fn field(&self, ty: TypeId, name: &str) -> Option<&Ty> {
        let name = self.names.find(name)?;
        self.ty(ty)
            .fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t)
    }

    pub fn name(&self, name: Name) -> &str {
        self.names.str(name)
    }

    /// The method named `name` of `ty`, inherent or trait (the first declared, when several
    /// traits have one).
    pub fn method(&self, ty: TypeId, name: &str) -> Option<FnId> {
        self.methods_named(ty, name).next()
    }

    /// What `value.name(..)` calls on a value of type `ty`: a method that takes `self` (an
    /// associated function without one is called as `Type::name(..)` only).
    pub fn receiver_method(&self, ty: TypeId, name: &str) -> Option<FnId> {
        self.methods_named(ty, name).find(|&f| {
            let first = self.func(f).params.first();
            first.is_some_and(|p| p.name == Name::SELF_VALUE)
        })
    }

    fn methods_named(&self, ty: TypeId, name: &str) -> impl Iterator<Item = FnId> + '_ {
        let name = self.names.find(name);
        let key = |&(t, n, _): &(TypeId, Name, FnId)| (t, Some(n));
        let at = self.methods.partition_point(|m| key(m) < (ty, name));
        self.methods[at..]
            .iter()
            .take_while(move |m| name.is_some() && key(m) == (ty, name))
            .map(|&(_, _, f)| f)
    }

    /// `Type::method` or `module::function`, as findings show it.
    pub fn fn_display(&self, id: FnId) -> String {
        let f = self.func(id);
        match f.owner {
            Owner::Module(m) => self.mod_display(m, f.name),
            Owner::Named(n) => format!("{}::{}", self.name(n), self.name(f.name)),
            Owner::Impl => format!("<impl>::{}", self.name(f.name)),
            Owner::Init(s) => format!("{}::{{init}}", self.static_(s).display),
            Owner::Closure(by) => format!("{}::{{closure}}", self.fn_display(by)),
        }
    }

    /// A function for a closure that `by` keeps for later, written at `at`, given `params`
    /// inputs: what calls of the field that keeps it enter.
    pub fn add_closure(&mut self, by: FnId, at: Loc, params: usize) -> FnId {
        let maker = self.func(by);
        let def = FnDef {
            name: maker.name,
            owner: Owner::Closure(by),
            module: maker.module,
            file: at.file,
            text: None,
            params: (0..params)
                .map(|_| Param {
                    name: maker.name,
                    pattern: None,
                    ty: Ty::Unknown,
                })
                .collect(),
            ret: Ty::Unknown,
            fallible: false,
            self_ty: Ty::Unknown,
            is_async: false,
            generics: Box::default(),
            loc: at,
            instance: false,
        };
        self.fns.push(def);
        FnId(self.fns.len() as u32 - 1)
    }

    /// `a::b` for display: the module path inside the crate.
    pub fn mod_display(&self, m: ModId, name: Name) -> String {
        let path = &self.module(m).path;
        let name = self.name(name);
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{}::{name}", self.names.join(path))
        }
    }
}

/// Whether `path` is one of the configured paths, matched on their common last segments (a
/// method call names only the method: `submit` matches `pool::Pool::submit`).
fn configured(list: &[Vec<String>], path: &[String]) -> bool {
    list.iter().any(|want| {
        let n = want.len().min(path.len());
        n > 0 && want[want.len() - n..] == path[path.len() - n..] && want.len() <= path.len() + 1
    })
}
