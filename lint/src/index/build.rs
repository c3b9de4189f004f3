//! Building the index: one pass to create modules and declare items, a second to resolve what
//! needs every name known (impl self types, field and static types, lock wrappers).
//!
//! The index takes the outlines' contents instead of copying them, and each file's outline is
//! freed once read: outlines and index are the two largest things alive before the walk, and
//! memory peaked where both were whole.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::types::{lower, LowerCx};
use super::*;
use crate::names::{Interner, Name};
use crate::parse::outline::{self, Allow, Decl, FnItem, Impl, Item, Named, Outline, TypeExpr};
use crate::parse::Parsed;

struct PendingImpl {
    module: ModId,
    file: FileId,
    imp: Box<Impl>,
}

/// A function's parameters and return type, as written.
struct Sig {
    params: Vec<outline::Param>,
    ret: Option<TypeExpr>,
}

struct Builder<'p> {
    parsed: &'p Parsed,
    /// Taken from `parsed`, each file's when it is read (`outline`).
    outlines: Vec<Option<Outline>>,
    /// Files whose outline has been taken.
    taken: HashSet<FileId>,
    index: Index,
    impls: Vec<PendingImpl>,
    /// Field types by `TypeId` and static types by `StaticId`, lowered once every type is
    /// known.
    field_tys: Vec<Vec<(Name, TypeExpr)>>,
    static_tys: Vec<TypeExpr>,
    /// Signatures by `FnId`: return and parameter types.
    sigs: Vec<Sig>,
    /// Files already made a module of some crate: `#[cfg(a)] pub mod m; #[cfg(not(a))] mod m;`
    /// names one file twice, and it is still one module.
    file_modules: HashSet<(usize, FileId)>,
    /// Files whose malformed declarations have been reported (once, however many crates).
    reported: HashSet<FileId>,
    /// Functions with parameters typed by a closure or future trait, and those parameters'
    /// names: the candidates to be spawners or keepers (`handoffs`).
    deferred_params: Vec<(FnId, Vec<String>)>,
}

pub(super) fn build(parsed: &mut Parsed, config: &crate::config::Config) -> Index {
    let outlines = std::mem::take(&mut parsed.outlines);
    let names = std::mem::take(&mut parsed.names);
    let parsed: &Parsed = parsed;
    let mut b = Builder {
        parsed,
        outlines,
        taken: HashSet::new(),
        index: Index {
            crates: Vec::new(),
            modules: Vec::new(),
            types: Vec::new(),
            fns: Vec::new(),
            statics: Vec::new(),
            traits: Vec::new(),
            drops: HashMap::new(),
            methods: Vec::new(),
            ext_methods: HashMap::new(),
            lock_wrappers: HashSet::new(),
            declarations: Vec::new(),
            suppressions: Vec::new(),
            user_locks: config.lock_types.clone(),
            user_blocking: config
                .blocking
                .iter()
                .map(|p| p.split("::").map(str::to_string).collect())
                .collect(),
            user_spawners: config
                .spawners
                .iter()
                .map(|p| p.split("::").map(str::to_string).collect())
                .collect(),
            problems: Vec::new(),
            accessors: HashMap::new(),
            lock_holders: HashSet::new(),
            spawners: HashSet::new(),
            spawner_methods: HashSet::new(),
            keepers: HashSet::new(),
            derefs: HashMap::new(),
            macros: HashMap::new(),
            names,
            crate_roots: HashMap::new(),
        },
        impls: Vec::new(),
        field_tys: Vec::new(),
        static_tys: Vec::new(),
        sigs: Vec::new(),
        file_modules: HashSet::new(),
        reported: HashSet::new(),
        deferred_params: Vec::new(),
    };
    let mut preludes = HashMap::new();
    for krate in &parsed.crates {
        let Some(outline) = b.outline(krate.root) else {
            continue;
        };
        // Numbered among the crates that parsed: a crate whose root does not parse has no index.
        let k = b.index.crates.len();
        let root = b.add_module(k, None, Vec::new(), krate.root, false);
        // Shared by the crates of one package, as their dependency list is.
        let extern_prelude = krate.dependencies.as_ref().map(|deps| {
            let key = std::sync::Arc::as_ptr(deps) as *const u8 as usize;
            preludes
                .entry(key)
                .or_insert_with(|| {
                    let sysroot = ["std", "core", "alloc"].map(String::from);
                    std::sync::Arc::new(
                        deps.iter()
                            .cloned()
                            .chain(sysroot)
                            .collect::<HashSet<String>>(),
                    )
                })
                .clone()
        });
        b.index.crates.push(CrateInfo {
            name: krate.name.clone(),
            root,
            edition: krate.edition,
            extern_prelude,
            context: krate.context,
            target: krate.target.clone(),
            test_code: krate.test_code,
        });
        b.index
            .crate_roots
            .entry(krate.name.clone())
            .or_insert(root);
        b.file(root, krate.root, outline);
    }
    b.resolve_impls();
    crate::events::keep_relevant_macros(&mut b.index.macros, &b.index.names);
    b.lower_types();
    b.index.lock_holders = crate::locks::class::lock_holders(&b.index);
    super::accessors::find(&mut b.index, &parsed.db);
    super::handoffs::find(&mut b.index, &parsed.db, &b.deferred_params);
    settle(b.index)
}

/// A closure or future type (`impl FnOnce()`, `F: Future`, `Box<dyn FnOnce() + Send>`): a
/// value of it is code that runs where it is called or awaited.
fn runs_later(ty: &TypeExpr, names: &crate::names::Names) -> bool {
    const TRAITS: &[&str] = &["Fn", "FnMut", "FnOnce", "Future", "IntoFuture"];
    match ty {
        TypeExpr::Dyn { segs, .. } => segs.last().is_some_and(|n| TRAITS.contains(&names.str(*n))),
        TypeExpr::Path { args, .. } => args.iter().any(|a| runs_later(a, names)),
        _ => false,
    }
}

/// Replaces, in a type as written, each generic parameter that a trait bounds by that trait.
fn bound_generics(ty: &mut TypeExpr, bounds: &[(Name, TypeExpr)]) {
    match ty {
        TypeExpr::Path { segs, args, .. } => {
            if let [name] = &segs[..] {
                if let Some((_, b)) = bounds.iter().find(|(n, _)| n == name) {
                    *ty = b.clone();
                    return;
                }
            }
            for a in args.iter_mut() {
                bound_generics(a, bounds);
            }
        }
        TypeExpr::Seq(elem) => bound_generics(elem, bounds),
        TypeExpr::Tuple(elems) => {
            for e in elems.iter_mut() {
                bound_generics(e, bounds);
            }
        }
        TypeExpr::Dyn { .. } | TypeExpr::Other => {}
    }
}

/// The index lives for the whole run: sorted for lookups, and without the slack of growing.
fn settle(mut index: Index) -> Index {
    // Stable: of two traits' methods of one name, the first declared is found.
    index.methods.sort_by_key(|&(t, name, _)| (t, name));
    index.methods.shrink_to_fit();
    index.fns.shrink_to_fit();
    index.types.shrink_to_fit();
    index.statics.shrink_to_fit();
    index.modules.shrink_to_fit();
    for m in &mut index.modules {
        m.defs.shrink_to_fit();
        m.uses.shrink_to_fit();
        m.globs.shrink_to_fit();
    }
    index
}

impl Builder<'_> {
    /// The outline of `file`, taken; read again if it was taken before (a file that two crates
    /// declare as a module, as test crates do with `tests/common/mod.rs`, is one module of
    /// each). `None` if it does not parse.
    fn outline(&mut self, file: FileId) -> Option<Outline> {
        let slot = self.outlines.get_mut(file.0 as usize)?;
        match slot.take() {
            Some(outline) => {
                self.taken.insert(file);
                Some(outline)
            }
            None if self.taken.contains(&file) => {
                let names = Interner::from(std::mem::take(&mut self.index.names));
                let outline = crate::parse::reread(self.parsed.db.get(file), &names);
                self.index.names = names.into_names();
                outline
            }
            None => None,
        }
    }

    fn add_module(
        &mut self,
        krate: usize,
        parent: Option<ModId>,
        path: Vec<Name>,
        file: FileId,
        transparent: bool,
    ) -> ModId {
        self.index.modules.push(Module {
            krate,
            parent,
            path,
            file,
            transparent,
            defs: HashMap::new(),
            uses: Vec::new(),
            extern_crates: Vec::new(),
            globs: Vec::new(),
            hidden: Vec::new(),
        });
        ModId(self.index.modules.len() as u32 - 1)
    }

    fn define(&mut self, m: ModId, name: Name, def: Def) {
        self.index.modules[m.0 as usize]
            .defs
            .entry(name)
            .or_default()
            .push(def);
    }

    /// Whether the crate of module `m` is analyzed with its test code (`CrateInfo::test_code`).
    fn test_code(&self, m: ModId) -> bool {
        self.index.crates[self.index.module(m).krate].test_code
    }

    fn child_module(&mut self, m: ModId, name: Name, file: FileId) -> ModId {
        let (krate, mut path) = {
            let module = self.index.module(m);
            (module.krate, module.path.clone())
        };
        path.push(name);
        let child = self.add_module(krate, Some(m), path, file, false);
        self.define(m, name, Def::Mod(child));
        child
    }

    /// Declares the items of `file` (a module file) in module `m`.
    fn file(&mut self, m: ModId, file: FileId, outline: Outline) {
        if self.reported.insert(file) {
            let display = &self.parsed.db.get(file).display;
            for (at, e) in &outline.malformed {
                self.index
                    .problems
                    .push(crate::report::Problem::error(format!(
                        "{display}:{}:{}: malformed `lock_order` declaration, ignored: {e}",
                        at.line, at.column
                    )));
            }
            for (line, column, e) in &outline.skipped {
                self.index
                    .problems
                    .push(crate::report::Problem::error(format!(
                        "{display}:{line}:{column}: cannot parse this item: {e}; it is skipped, the rest of the file is analyzed"
                    )));
            }
        }
        self.items(m, file, &mut Vec::new(), outline.items);
    }

    /// Declares `items` in module `m`. `inline` is the chain of inline `mod x { .. }` blocks
    /// inside `file` that we are in, which decides where `mod y;` files live.
    fn items(&mut self, m: ModId, file: FileId, inline: &mut Vec<String>, items: Vec<Item>) {
        let test_code = self.test_code(m);
        for item in items.into_iter().filter(|i| test_code || !i.is_test()) {
            match item {
                Item::Mod {
                    name,
                    paths,
                    inline: content,
                    allows,
                    test: _,
                } => match content {
                    Some(inner) => {
                        self.allow(file, allows);
                        let child = self.child_module(m, name, file);
                        inline.push(self.index.name(name).to_string());
                        self.items(child, file, inline, inner);
                        inline.pop();
                    }
                    None => {
                        let parsed = self.parsed;
                        let name_str = self.index.name(name);
                        let Some(cf) = parsed.mod_file(file, inline, name_str, &paths) else {
                            continue;
                        };
                        let krate = self.index.module(m).krate;
                        // Before the outline is taken: taking it is reading it.
                        if !self.file_modules.insert((krate, cf)) {
                            continue;
                        }
                        let Some(outline) = self.outline(cf) else {
                            continue;
                        };
                        let child = self.child_module(m, name, cf);
                        self.file(child, cf, outline);
                    }
                },
                Item::Struct {
                    name,
                    generics,
                    fields,
                    decls,
                } => {
                    let id = self.add_type(m, file, name, generics, TypeKind::Struct);
                    self.field_tys[id.0 as usize] = fields;
                    for d in decls {
                        let owner = match d.field {
                            Some(i) => DeclOwner::Field(id, i),
                            None => DeclOwner::Struct(id),
                        };
                        self.declare(m, file, owner, d);
                    }
                }
                Item::Enum { name, generics } => {
                    self.add_type(m, file, name, generics, TypeKind::Enum);
                }
                Item::Alias { name, generics, ty } => {
                    self.add_type(m, file, name, generics, TypeKind::Alias(ty));
                }
                Item::Fn(f) => {
                    self.add_fn(m, file, *f, Owner::Module(m), Ty::Unknown, Vec::new());
                }
                Item::Static {
                    name,
                    ty,
                    decls,
                    lazy_init,
                } => {
                    let id = self.add_static(m, file, name, ty, lazy_init);
                    for d in decls {
                        self.declare(m, file, DeclOwner::Static(id), d);
                    }
                }
                Item::ExternCrate { name, krate } => {
                    let module = &mut self.index.modules[m.0 as usize];
                    module.extern_crates.push((name, krate));
                    // At a crate's root, the name joins the extern prelude (edition 2018 on).
                    if module.parent.is_none() {
                        let name = self.index.names.str(name).to_string();
                        let krate = &mut self.index.crates[module.krate];
                        if let Some(prelude) = &mut krate.extern_prelude {
                            std::sync::Arc::make_mut(prelude).insert(name);
                        }
                    }
                }
                Item::Use { names, globs } => {
                    let module = &mut self.index.modules[m.0 as usize];
                    module.uses.extend(names);
                    module.globs.extend(globs);
                }
                Item::Impl(mut imp) => {
                    self.allow(file, std::mem::take(&mut imp.allows));
                    self.impls.push(PendingImpl {
                        module: m,
                        file,
                        imp,
                    });
                }
                Item::Trait { name, fns } => {
                    let id = TraitId(self.index.traits.len() as u32);
                    let defaults = fns
                        .into_iter()
                        .map(|f| {
                            self.add_fn(m, file, f, Owner::Named(name), Ty::Unknown, Vec::new())
                        })
                        .collect();
                    self.index.traits.push(TraitDef {
                        name,
                        defaults,
                        impls: Vec::new(),
                    });
                    self.define(m, name, Def::Trait(id));
                }
                Item::Hidden(names) => self.index.modules[m.0 as usize].hidden.extend(names),
                Item::MacroRules { name, rules } => {
                    if let std::collections::hash_map::Entry::Vacant(slot) =
                        self.index.macros.entry(name)
                    {
                        // Read once here: a large macro is not lexed again at every call.
                        let rules = rules
                            .parse()
                            .map(|t| crate::events::simple_rules(&t))
                            .unwrap_or_default();
                        proc_macro2::extra::invalidate_current_thread_spans();
                        slot.insert(rules.into_boxed_slice());
                    }
                }
            }
        }
    }

    fn add_type(
        &mut self,
        m: ModId,
        file: FileId,
        name: Named,
        generics: Vec<Name>,
        kind: TypeKind,
    ) -> TypeId {
        let def = TypeDef {
            display: self.index.mod_display(m, name.name),
            name: name.name,
            module: m,
            generics,
            kind,
            fields: Vec::new(),
            cell_fields: Vec::new(),
            loc: name.at.in_file(file),
        };
        self.index.types.push(def);
        self.field_tys.push(Vec::new());
        let id = TypeId(self.index.types.len() as u32 - 1);
        self.define(m, name.name, Def::Type(id));
        id
    }

    /// Declares a function. Free functions become values of their module; methods are found
    /// through their self type instead.
    fn add_fn(
        &mut self,
        m: ModId,
        file: FileId,
        f: FnItem,
        owner: Owner,
        self_ty: Ty,
        mut generics: Vec<Name>,
    ) -> FnId {
        let FnItem {
            name,
            generics: own_generics,
            bounds,
            has_receiver,
            is_async,
            mut params,
            mut ret,
            text,
            body_items,
            allows,
            test: _,
        } = f;
        // A parameter of a type bound by a trait is as good as a trait object of it.
        for ty in params
            .iter_mut()
            .filter_map(|p| p.ty.as_mut())
            .chain(ret.as_mut())
        {
            bound_generics(ty, &bounds);
        }
        let deferred: Vec<String> = params
            .iter()
            .filter(|p| {
                p.ty.as_ref()
                    .is_some_and(|t| runs_later(t, &self.index.names))
            })
            .map(|p| self.index.names.str(p.name).to_string())
            .collect();
        if !deferred.is_empty() {
            let id = FnId(self.index.fns.len() as u32);
            self.deferred_params.push((id, deferred));
        }
        self.allow(file, allows);
        generics.extend(own_generics);
        let id = FnId(self.index.fns.len() as u32);
        let module = if body_items.is_empty() {
            m
        } else {
            let (krate, mut path) = {
                let module = self.index.module(m);
                (module.krate, module.path.clone())
            };
            path.push(name.name);
            self.add_module(krate, Some(m), path, file, true)
        };
        let is_method = has_receiver || !matches!(self_ty, Ty::Unknown);
        self.index.fns.push(FnDef {
            name: name.name,
            owner,
            module,
            file,
            text,
            params: Box::default(),
            ret: Ty::Unknown,
            fallible: false,
            self_ty,
            is_async,
            generics: generics.into_boxed_slice(),
            loc: name.at.in_file(file),
            instance: false,
        });
        self.sigs.push(Sig { params, ret });
        self.items(module, file, &mut Vec::new(), body_items);
        if !is_method {
            self.define(m, name.name, Def::Fn(id));
        }
        id
    }

    fn add_static(
        &mut self,
        m: ModId,
        file: FileId,
        name: Named,
        ty: TypeExpr,
        lazy_init: Option<(u32, u32)>,
    ) -> StaticId {
        let id = StaticId(self.index.statics.len() as u32);
        let loc = name.at.in_file(file);
        // A cell by its type as written (`OnceLock<T>`, `LazyLock<T>`), or by its macro.
        let written = match &ty {
            TypeExpr::Path { segs, .. } => segs
                .last()
                .and_then(|n| crate::locks::api::cell_type(self.index.names.str(*n))),
            _ => None,
        };
        let cell = match (written, lazy_init) {
            (_, Some(text)) => Some(Cell::Lazy(Some(
                self.add_initializer(m, file, id, text, loc),
            ))),
            (Some(true), None) => Some(Cell::Lazy(None)),
            (Some(false), None) => Some(Cell::Given),
            (None, None) => None,
        };
        self.index.statics.push(StaticDef {
            display: self.index.mod_display(m, name.name),
            name: name.name,
            module: m,
            // Lowered with the others once every type is declared.
            ty: Ty::Unknown,
            loc,
            cell,
        });
        self.static_tys.push(ty);
        self.define(m, name.name, Def::Static(id));
        id
    }

    /// The initializer of a lazy static, a function of no input whose body is `text`.
    fn add_initializer(
        &mut self,
        m: ModId,
        file: FileId,
        s: StaticId,
        text: (u32, u32),
        loc: Loc,
    ) -> FnId {
        let id = FnId(self.index.fns.len() as u32);
        self.index.fns.push(FnDef {
            name: Name::UNDERSCORE,
            owner: Owner::Init(s),
            module: m,
            file,
            text: Some(text),
            params: Box::default(),
            ret: Ty::Unknown,
            fallible: false,
            self_ty: Ty::Unknown,
            is_async: false,
            generics: Box::default(),
            loc,
            instance: false,
        });
        self.sigs.push(Sig {
            params: Vec::new(),
            ret: None,
        });
        id
    }

    /// A `#[lock_order]` declaration (read from source; the grammar is lockorder-attr's).
    fn declare(&mut self, module: ModId, file: FileId, owner: DeclOwner, d: Decl) {
        self.index.declarations.push(Declaration {
            module,
            owner,
            body: d.body.map_loc(|p| p.in_file(file)),
            loc: d.at.in_file(file),
        });
    }

    /// `#[lock_order(allow(..), reason = "..")]` on an item.
    fn allow(&mut self, file: FileId, allows: Vec<Allow>) {
        for a in allows {
            self.index.suppressions.push(crate::suppress::Suppression {
                at: a.at.in_file(file),
                file,
                start: a.start,
                end: a.end,
                kinds: a.kinds,
                reason: a.reason,
            });
        }
    }
}

impl Builder<'_> {
    /// Methods get their self type, and are registered under it, once every type is declared.
    fn resolve_impls(&mut self) {
        for PendingImpl { module, file, imp } in std::mem::take(&mut self.impls) {
            let Impl {
                generics,
                bounds,
                trait_,
                self_ty,
                type_name,
                fns,
                allows: _,
                test: _,
                deref_target,
                for_ref,
            } = *imp;
            let cx = LowerCx {
                module,
                self_ty: None,
                generics: &generics,
            };
            let self_ty = lower(&self.index, &cx, &self_ty);
            let owner = type_name.map_or(Owner::Impl, Owner::Named);
            let is_drop = matches!(&trait_, Some(TypeExpr::Dyn { segs, .. })
                if segs.last().is_some_and(|n| self.index.names.str(*n) == "Drop"));
            if let (Some(Ty::Dyn(tr)), Ty::Adt(t)) =
                (trait_.map(|tr| lower(&self.index, &cx, &tr)), &self_ty)
            {
                let own: Vec<Name> = fns.iter().map(|f| f.name.name).collect();
                self.implement(tr, *t, owner, &own);
            }
            let test_code = self.test_code(module);
            for mut f in fns.into_vec().into_iter().filter(|f| test_code || !f.test) {
                f.bounds.extend(bounds.iter().cloned());
                let reference_only = for_ref && !f.has_receiver;
                let is_deref =
                    deref_target.is_some() && self.index.names.str(f.name.name) == "deref";
                let id = self.add_fn(module, file, f, owner, self_ty.clone(), generics.clone());
                if let (true, Ty::Adt(t), Some(target)) = (is_deref, &self_ty, &deref_target) {
                    let cx = LowerCx {
                        module,
                        self_ty: Some(&self_ty),
                        generics: &generics,
                    };
                    let target = lower(&self.index, &cx, target);
                    self.index.derefs.insert(
                        *t,
                        super::Deref {
                            target,
                            via: id,
                            path: None,
                        },
                    );
                }
                if let (true, Ty::Adt(t)) = (is_drop, &self_ty) {
                    self.index.drops.insert(*t, id);
                }
                match &self_ty {
                    Ty::Adt(_) if reference_only => {}
                    Ty::Adt(t) => {
                        let name = self.index.func(id).name;
                        self.index.methods.push((*t, name, id));
                    }
                    Ty::Lock(l) => self
                        .index
                        .ext_methods
                        .entry((
                            l.flavor.kind.type_name().to_string(),
                            self.index.name(self.index.func(id).name).to_string(),
                        ))
                        .or_default()
                        .push(id),
                    _ => {}
                }
            }
        }
    }

    /// `impl Trait for T`: `T` gets the trait's default methods that the impl does not
    /// override, each a function of its own with `Self` = `T`.
    fn implement(&mut self, tr: TraitId, t: TypeId, owner: Owner, own: &[Name]) {
        self.index.traits[tr.0 as usize].impls.push(t);
        for d in self.index.trait_(tr).defaults.clone() {
            let template = self.index.func(d);
            if own.contains(&template.name) {
                continue;
            }
            let id = FnId(self.index.fns.len() as u32);
            let instance = FnDef {
                name: template.name,
                owner,
                module: template.module,
                file: template.file,
                text: template.text,
                params: Box::default(),
                ret: Ty::Unknown,
                fallible: false,
                self_ty: Ty::Adt(t),
                is_async: template.is_async,
                generics: template.generics.clone(),
                loc: template.loc,
                instance: true,
            };
            let sig = Sig {
                params: self.sigs[d.0 as usize].params.clone(),
                ret: self.sigs[d.0 as usize].ret.clone(),
            };
            let name = instance.name;
            self.index.fns.push(instance);
            self.sigs.push(sig);
            self.index.methods.push((t, name, id));
        }
    }

    fn lower_types(&mut self) {
        let mut all_fields = Vec::with_capacity(self.index.types.len());
        for (i, (def, tys)) in self
            .index
            .types
            .iter()
            .zip(std::mem::take(&mut self.field_tys))
            .enumerate()
        {
            let id = TypeId(i as u32);
            let cx = LowerCx {
                module: def.module,
                self_ty: None,
                generics: &def.generics,
            };
            // Not collected in place, as with parameters.
            let mut fields = Vec::with_capacity(tys.len());
            let mut cells = Vec::new();
            fields.extend(tys.into_iter().map(|(n, t)| {
                if let TypeExpr::Path { segs, .. } = &t {
                    let name = segs.last().map(|s| self.index.names.str(*s));
                    if name.and_then(crate::locks::api::cell_type) == Some(false) {
                        cells.push(n);
                    }
                }
                let ty = lower(&self.index, &cx, &t).in_field(id, n);
                (n, ty)
            }));
            all_fields.push((fields, cells));
        }
        for (def, (fields, cells)) in self.index.types.iter_mut().zip(all_fields) {
            def.fields = fields;
            def.cell_fields = cells;
        }
        let static_tys: Vec<Ty> = self
            .index
            .statics
            .iter()
            .zip(std::mem::take(&mut self.static_tys))
            .map(|(s, t)| {
                lower(
                    &self.index,
                    &LowerCx {
                        module: s.module,
                        self_ty: None,
                        generics: &[],
                    },
                    &t,
                )
            })
            .collect();
        for (s, ty) in self.index.statics.iter_mut().zip(static_tys) {
            s.ty = ty;
        }
        // Many, and each independent of the others: in parallel.
        let index = &self.index;
        let sigs: Vec<(Ty, Vec<Param>, bool)> = std::mem::take(&mut self.sigs)
            .into_par_iter()
            .zip(&index.fns)
            // Rayon splits only a few times unless a thread steals (`events::extract`).
            .with_max_len(64)
            .map(|(sig, f)| {
                let cx = LowerCx {
                    module: f.module,
                    self_ty: Some(&f.self_ty),
                    generics: &f.generics,
                };
                // Not collected in place: the outline's buffer is larger than this one needs.
                let mut params = Vec::with_capacity(sig.params.len());
                params.extend(sig.params.into_iter().map(|p| {
                    Param {
                        ty: p
                            .ty
                            .as_ref()
                            .map_or_else(|| f.self_ty.clone(), |t| lower(index, &cx, t)),
                        name: p.name,
                        pattern: p.pattern.map(Vec::into_boxed_slice),
                    }
                }));
                let ret = sig
                    .ret
                    .as_ref()
                    .map_or(Ty::Unknown, |t| lower(index, &cx, t));
                let fallible = match &sig.ret {
                    Some(TypeExpr::Path { segs, .. }) => segs
                        .last()
                        .is_some_and(|n| matches!(index.names.str(*n), "Option" | "Result")),
                    _ => false,
                };
                (ret, params, fallible)
            })
            .collect();
        for (f, (ret, params, fallible)) in self.index.fns.iter_mut().zip(sigs) {
            f.ret = ret;
            f.params = params.into_boxed_slice();
            f.fallible = fallible;
        }
        // A type is a lock wrapper when it *is* a lock: it has exactly one lock field, and either
        // nothing else or a method named like an acquisition (`lock`, `read`, ...) that hands
        // out a guard. (A struct that merely has a helper returning a guard of one of its
        // fields is not one: its fields keep their own classes.)
        let mut wrappers = HashSet::new();
        for f in &self.index.fns {
            let Ty::Adt(t) = &f.self_ty else { continue };
            let def = self.index.ty(*t);
            let locks: Vec<&Ty> = def
                .fields
                .iter()
                .map(|(_, ft)| ft)
                .filter(|ft| ft.is_lock())
                .collect();
            let [Ty::Lock(lock)] = locks.as_slice() else {
                continue;
            };
            let named_like_lock = self
                .index
                .acquire(lock.flavor, self.index.name(f.name))
                .is_some();
            // Its guard may be a type of the crate around the lock's own (`struct
            // MutexGuard<'a, T> { inner: parking_lot::MutexGuard<'a, T>, saved: .. }`).
            let hands_out_guard = match &f.ret {
                Ty::Guard(_) => true,
                Ty::Adt(g) => self
                    .index
                    .ty(*g)
                    .fields
                    .iter()
                    .any(|(_, ft)| matches!(ft, Ty::Guard(_))),
                _ => false,
            };
            if (def.fields.len() == 1 || named_like_lock) && hands_out_guard {
                wrappers.insert(*t);
            }
        }
        self.index.lock_wrappers = wrappers;
    }
}
