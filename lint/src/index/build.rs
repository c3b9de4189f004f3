//! Building the index: one pass to create modules and declare items, a second to resolve what
//! needs every name known (impl self types, field and static types, lock wrappers).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::types::{lower, LowerCx};
use super::*;
use crate::parse::{path_attr, Parsed};

struct PendingImpl<'a> {
    module: ModId,
    file: FileId,
    item: &'a syn::ItemImpl,
}

struct Builder<'a> {
    parsed: &'a Parsed,
    index: Index<'a>,
    impls: Vec<PendingImpl<'a>>,
    /// Declared static types, by `StaticId`, lowered once every type is known.
    static_tys: Vec<Cow<'a, syn::Type>>,
    /// Files already made a module of some crate: `#[cfg(a)] pub mod m; #[cfg(not(a))] mod m;`
    /// names one file twice, and it is still one module.
    file_modules: HashSet<(usize, FileId)>,
}

pub(super) fn build<'a>(parsed: &'a Parsed, config: &crate::config::Config) -> Index<'a> {
    let mut b = Builder {
        parsed,
        index: Index {
            crates: Vec::new(),
            modules: Vec::new(),
            types: Vec::new(),
            fns: Vec::new(),
            statics: Vec::new(),
            methods: HashMap::new(),
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
            problems: Vec::new(),
            crate_roots: HashMap::new(),
        },
        impls: Vec::new(),
        static_tys: Vec::new(),
        file_modules: HashSet::new(),
    };
    for krate in &parsed.crates {
        let Some(Some(ast)) = parsed.asts.get(krate.root.0 as usize) else {
            continue;
        };
        // Numbered among the crates that parsed: a crate whose root does not parse has no index.
        let k = b.index.crates.len();
        let root = b.add_module(k, None, Vec::new(), krate.root, false);
        b.index.crates.push(CrateInfo {
            name: krate.name.clone(),
            root,
            edition: krate.edition,
        });
        b.index
            .crate_roots
            .entry(krate.name.clone())
            .or_insert(root);
        b.items(root, krate.root, &mut Vec::new(), &ast.0.items);
    }
    b.resolve_impls();
    b.lower_types();
    b.index
}

impl<'a> Builder<'a> {
    fn add_module(
        &mut self,
        krate: usize,
        parent: Option<ModId>,
        path: Vec<String>,
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
            globs: Vec::new(),
        });
        ModId(self.index.modules.len() as u32 - 1)
    }

    fn define(&mut self, m: ModId, name: String, def: Def) {
        self.index.modules[m.0 as usize]
            .defs
            .entry(name)
            .or_default()
            .push(def);
    }

    fn loc(&self, file: FileId, span: proc_macro2::Span) -> Loc {
        self.parsed.db.loc(file, span)
    }

    fn child_module(&mut self, m: ModId, name: &str, file: FileId) -> ModId {
        let (krate, mut path) = {
            let module = self.index.module(m);
            (module.krate, module.path.clone())
        };
        path.push(name.to_string());
        let child = self.add_module(krate, Some(m), path, file, false);
        self.define(m, name.to_string(), Def::Mod(child));
        child
    }

    /// Declares `items` in module `m`. `inline` is the chain of inline `mod x { .. }` blocks
    /// inside `file` that we are in, which decides where `mod y;` files live.
    fn items(&mut self, m: ModId, file: FileId, inline: &mut Vec<String>, items: &'a [syn::Item]) {
        for item in items {
            match item {
                syn::Item::Mod(md) => {
                    let name = md.ident.to_string();
                    match &md.content {
                        Some((brace, inner)) => {
                            self.allow_attrs(
                                file,
                                &md.attrs,
                                md.mod_token.span,
                                brace.span.close(),
                            );
                            let child = self.child_module(m, &name, file);
                            inline.push(name);
                            self.items(child, file, inline, inner);
                            inline.pop();
                        }
                        None => {
                            let path = path_attr(&md.attrs);
                            let parsed = self.parsed;
                            let Some(cf) = parsed.mod_file(file, inline, &name, path.as_deref())
                            else {
                                continue;
                            };
                            let Some(Some(ast)) = parsed.asts.get(cf.0 as usize) else {
                                continue;
                            };
                            let krate = self.index.module(m).krate;
                            if !self.file_modules.insert((krate, cf)) {
                                continue;
                            }
                            let child = self.child_module(m, &name, cf);
                            self.items(child, cf, &mut Vec::new(), &ast.0.items);
                        }
                    }
                }
                syn::Item::Struct(s) => {
                    let fields = s
                        .fields
                        .iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let name = f
                                .ident
                                .as_ref()
                                .map_or_else(|| i.to_string(), ToString::to_string);
                            (name, &f.ty)
                        })
                        .collect();
                    let id =
                        self.add_type(m, file, &s.ident, &s.generics, TypeKind::Struct { fields });
                    self.struct_declarations(m, file, id, s);
                }
                syn::Item::Enum(e) => {
                    self.add_type(m, file, &e.ident, &e.generics, TypeKind::Enum);
                }
                syn::Item::Type(t) => {
                    self.add_type(m, file, &t.ident, &t.generics, TypeKind::Alias(&t.ty));
                }
                syn::Item::Fn(f) => {
                    self.allow_attrs(
                        file,
                        &f.attrs,
                        f.sig.fn_token.span,
                        f.block.brace_token.span.close(),
                    );
                    let display = self.index.mod_display(m, &f.sig.ident.to_string());
                    self.add_fn(
                        m,
                        file,
                        &f.sig,
                        Some(&f.block),
                        display,
                        Ty::Unknown,
                        Vec::new(),
                    );
                }
                syn::Item::Static(s) => {
                    let id = self.add_static(m, file, &s.ident, Cow::Borrowed(&s.ty));
                    self.static_declarations(m, file, id, &s.attrs);
                }
                syn::Item::Use(u) => self.use_tree(m, &mut Vec::new(), &u.tree),
                syn::Item::Impl(i) => {
                    self.allow_attrs(
                        file,
                        &i.attrs,
                        i.impl_token.span,
                        i.brace_token.span.close(),
                    );
                    self.impls.push(PendingImpl {
                        module: m,
                        file,
                        item: i,
                    });
                }
                syn::Item::Trait(t) => {
                    for ti in &t.items {
                        if let syn::TraitItem::Fn(f) = ti {
                            if let Some(body) = &f.default {
                                let display = format!("{}::{}", t.ident, f.sig.ident);
                                self.add_fn(
                                    m,
                                    file,
                                    &f.sig,
                                    Some(body),
                                    display,
                                    Ty::Unknown,
                                    Vec::new(),
                                );
                            }
                        }
                    }
                }
                syn::Item::Macro(mac) => self.macro_items(m, file, mac),
                _ => {}
            }
        }
    }

    fn add_type(
        &mut self,
        m: ModId,
        file: FileId,
        ident: &syn::Ident,
        generics: &syn::Generics,
        kind: TypeKind<'a>,
    ) -> TypeId {
        let name = ident.to_string();
        let def = TypeDef {
            display: self.index.mod_display(m, &name),
            name: name.clone(),
            module: m,
            generics: generic_names(generics),
            kind,
            fields: Vec::new(),
            loc: self.loc(file, ident.span()),
        };
        self.index.types.push(def);
        let id = TypeId(self.index.types.len() as u32 - 1);
        self.define(m, name, Def::Type(id));
        id
    }

    /// Declares a function. Free functions become values of their module; methods are found
    /// through their self type instead.
    #[allow(clippy::too_many_arguments)]
    fn add_fn(
        &mut self,
        m: ModId,
        file: FileId,
        sig: &'a syn::Signature,
        body: Option<&'a syn::Block>,
        display: String,
        self_ty: Ty,
        mut generics: Vec<String>,
    ) -> FnId {
        generics.extend(generic_names(&sig.generics));
        let id = FnId(self.index.fns.len() as u32);
        let body_items: Vec<&'a syn::Item> = body
            .into_iter()
            .flat_map(|b| &b.stmts)
            .filter_map(|s| match s {
                syn::Stmt::Item(i) => Some(i),
                _ => None,
            })
            .collect();
        let module = if body_items.is_empty() {
            m
        } else {
            let (krate, mut path) = {
                let module = self.index.module(m);
                (module.krate, module.path.clone())
            };
            path.push(sig.ident.to_string());
            self.add_module(krate, Some(m), path, file, true)
        };
        let is_method = sig.receiver().is_some() || !matches!(self_ty, Ty::Unknown);
        let body = body.map(|b| {
            let open = self.loc(file, b.brace_token.span.open()).start;
            match self.parsed.deferred_body(file, open) {
                Some((start, end)) if b.stmts.is_empty() => Body::Text { start, end },
                _ => Body::Tree(b),
            }
        });
        self.index.fns.push(FnDef {
            name: sig.ident.to_string(),
            display,
            module,
            file,
            sig,
            body,
            self_ty,
            generics,
            loc: self.loc(file, sig.ident.span()),
        });
        for item in body_items {
            self.items(module, file, &mut Vec::new(), std::slice::from_ref(item));
        }
        if !is_method {
            self.define(m, sig.ident.to_string(), Def::Fn(id));
        }
        id
    }

    fn add_static(
        &mut self,
        m: ModId,
        file: FileId,
        ident: &syn::Ident,
        ty: Cow<'a, syn::Type>,
    ) -> StaticId {
        let name = ident.to_string();
        self.index.statics.push(StaticDef {
            display: self.index.mod_display(m, &name),
            name: name.clone(),
            module: m,
            // Lowered with the others once every type is declared.
            ty: Ty::Unknown,
            loc: self.loc(file, ident.span()),
        });
        self.static_tys.push(ty);
        let id = StaticId(self.index.statics.len() as u32 - 1);
        self.define(m, name, Def::Static(id));
        id
    }

    // ---- #[lock_order] declarations (read from source; the grammar is lockorder-attr's) ----

    fn declare(&mut self, module: ModId, owner: DeclOwner, body: DeclBody, loc: Loc) {
        self.index.declarations.push(Declaration {
            module,
            owner,
            body,
            loc,
        });
    }

    fn decl_ref(&self, file: FileId, path: &syn::Path) -> DeclRef {
        let first = path.segments.first().map(|s| s.ident.span());
        let last = path.segments.last().map(|s| s.ident.span());
        let loc = match (first, last) {
            (Some(a), Some(b)) => self.parsed.db.loc_between(file, a, b),
            _ => self.loc(file, proc_macro2::Span::call_site()),
        };
        DeclRef {
            segs: path.segments.iter().map(|s| s.ident.to_string()).collect(),
            loc,
        }
    }

    fn malformed(&mut self, file: FileId, e: &syn::Error) {
        let loc = self.loc(file, e.span());
        let display = &self.parsed.db.get(file).display;
        self.index
            .problems
            .push(crate::report::Problem::error(format!(
                "{display}:{}:{}: malformed `lock_order` declaration, ignored: {e}",
                loc.line, loc.column
            )));
    }

    fn lock_body(&mut self, file: FileId, attr: &syn::Attribute) -> Option<DeclBody> {
        let decl = match lockorder_attr::parse_decl(lockorder_attr::args(attr)) {
            Ok(d) => d,
            Err(e) => {
                self.malformed(file, &e);
                return None;
            }
        };
        let level = match decl.level_value() {
            Ok(l) => l,
            Err(e) => {
                self.malformed(file, &e);
                return None;
            }
        };
        Some(DeclBody::Lock {
            level,
            after: decl.after.iter().map(|p| self.decl_ref(file, p)).collect(),
            before: decl.before.iter().map(|p| self.decl_ref(file, p)).collect(),
            nested: decl.nested.map(|n| n.value()),
        })
    }

    /// `#[lock_order(allow(..), reason = "..")]` on an item covering `start..end`.
    fn allow_attrs(
        &mut self,
        file: FileId,
        attrs: &[syn::Attribute],
        start: proc_macro2::Span,
        end: proc_macro2::Span,
    ) {
        for attr in attrs.iter().filter(|a| lockorder_attr::is_lock_order(a)) {
            match lockorder_attr::parse_allow(lockorder_attr::args(attr)) {
                Ok(allow) => {
                    let at = self.attr_loc(file, attr);
                    let range = self.parsed.db.loc_between(file, start, end);
                    self.index.suppressions.push(crate::suppress::Suppression {
                        at,
                        file,
                        start: at.start.min(range.start),
                        end: range.end,
                        kinds: allow.kinds.into_iter().map(|(k, _)| k).collect(),
                        reason: allow.reason.map(|r| r.value()),
                    });
                }
                Err(e) => self.malformed(file, &e),
            }
        }
    }

    fn attr_loc(&self, file: FileId, attr: &syn::Attribute) -> Loc {
        self.parsed
            .db
            .loc_between(file, attr.pound_token.span, attr.bracket_token.span.close())
    }

    fn struct_declarations(&mut self, m: ModId, file: FileId, id: TypeId, s: &syn::ItemStruct) {
        for attr in s.attrs.iter().filter(|a| lockorder_attr::is_lock_order(a)) {
            let loc = self.attr_loc(file, attr);
            match lockorder_attr::parse_struct_order(lockorder_attr::args(attr)) {
                Ok(order) if order.len() > 1 => {
                    let refs = order
                        .iter()
                        .map(|i| DeclRef {
                            segs: vec![i.to_string()],
                            loc: self.loc(file, i.span()),
                        })
                        .collect();
                    self.declare(m, DeclOwner::Struct(id), DeclBody::Order(refs), loc);
                }
                Ok(_) => {}
                Err(e) => self.malformed(file, &e),
            }
        }
        for (i, field) in s.fields.iter().enumerate() {
            for attr in field
                .attrs
                .iter()
                .filter(|a| lockorder_attr::is_lock_order(a))
            {
                let loc = self.attr_loc(file, attr);
                if let Some(body) = self.lock_body(file, attr) {
                    self.declare(m, DeclOwner::Field(id, i), body, loc);
                }
            }
        }
    }

    fn static_declarations(
        &mut self,
        m: ModId,
        file: FileId,
        id: StaticId,
        attrs: &[syn::Attribute],
    ) {
        for attr in attrs.iter().filter(|a| lockorder_attr::is_lock_order(a)) {
            let loc = self.attr_loc(file, attr);
            if let Some(body) = self.lock_body(file, attr) {
                self.declare(m, DeclOwner::Static(id), body, loc);
            }
        }
    }

    fn use_tree(&mut self, m: ModId, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        let module = &mut self.index.modules[m.0 as usize];
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(m, prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let mut path = prefix.clone();
                if name == "self" {
                    if let Some(last) = prefix.last() {
                        module.uses.push((last.clone(), path));
                    }
                } else {
                    path.push(name.clone());
                    module.uses.push((name, path));
                }
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                if r.ident != "self" {
                    path.push(r.ident.to_string());
                }
                module.uses.push((r.rename.to_string(), path));
            }
            syn::UseTree::Glob(_) => module.globs.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(m, prefix, t);
                }
            }
        }
    }

    /// `lazy_static! { static ref NAME: Type = init; }` declares statics the code locks like
    /// any other.
    fn macro_items(&mut self, m: ModId, file: FileId, mac: &'a syn::ItemMacro) {
        if !mac
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "lazy_static")
        {
            return;
        }
        let Ok(decls) = mac.mac.parse_body_with(parse_lazy_statics) else {
            return;
        };
        for (attrs, ident, ty) in decls {
            let id = self.add_static(m, file, &ident, Cow::Owned(ty));
            self.static_declarations(m, file, id, &attrs);
        }
    }
}

impl<'a> Builder<'a> {
    /// Methods get their self type, and are registered under it, once every type is declared.
    fn resolve_impls(&mut self) {
        for PendingImpl { module, file, item } in std::mem::take(&mut self.impls) {
            let generics = generic_names(&item.generics);
            let self_ty = lower(
                &self.index,
                &LowerCx {
                    module,
                    self_ty: None,
                    generics: &generics,
                },
                &item.self_ty,
            );
            let type_name = type_last_name(&item.self_ty);
            for ii in &item.items {
                let syn::ImplItem::Fn(f) = ii else { continue };
                self.allow_attrs(
                    file,
                    &f.attrs,
                    f.sig.fn_token.span,
                    f.block.brace_token.span.close(),
                );
                let display = format!(
                    "{}::{}",
                    type_name.as_deref().unwrap_or("<impl>"),
                    f.sig.ident
                );
                let id = self.add_fn(
                    module,
                    file,
                    &f.sig,
                    Some(&f.block),
                    display,
                    self_ty.clone(),
                    generics.clone(),
                );
                let name = f.sig.ident.to_string();
                match &self_ty {
                    Ty::Adt(t) => self.index.methods.entry((*t, name)).or_default().push(id),
                    Ty::Lock(l) => self
                        .index
                        .ext_methods
                        .entry((l.flavor.kind.type_name().to_string(), name))
                        .or_default()
                        .push(id),
                    _ => {}
                }
            }
        }
    }

    fn lower_types(&mut self) {
        let mut all_fields = Vec::with_capacity(self.index.types.len());
        for def in &self.index.types {
            let cx = LowerCx {
                module: def.module,
                self_ty: None,
                generics: &def.generics,
            };
            let fields: Vec<(String, Ty)> = match &def.kind {
                TypeKind::Struct { fields } => fields
                    .iter()
                    .map(|(n, t)| (n.clone(), lower(&self.index, &cx, t)))
                    .collect(),
                _ => Vec::new(),
            };
            all_fields.push(fields);
        }
        for (def, fields) in self.index.types.iter_mut().zip(all_fields) {
            def.fields = fields;
        }
        let static_tys: Vec<Ty> = self
            .index
            .statics
            .iter()
            .zip(&self.static_tys)
            .map(|(s, t)| {
                lower(
                    &self.index,
                    &LowerCx {
                        module: s.module,
                        self_ty: None,
                        generics: &[],
                    },
                    t,
                )
            })
            .collect();
        for (s, ty) in self.index.statics.iter_mut().zip(static_tys) {
            s.ty = ty;
        }
        // A type is a lock wrapper when it *is* a lock: it has exactly one lock field, and either
        // nothing else or a method named like an acquisition (`lock`, `read`, ...) that hands
        // out a guard. (A struct that merely has a helper returning a guard of one of its
        // fields is not one: its fields keep their own classes.)
        let mut wrappers = HashSet::new();
        for f in &self.index.fns {
            let Ty::Adt(t) = &f.self_ty else { continue };
            let syn::ReturnType::Type(_, ret) = &f.sig.output else {
                continue;
            };
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
            let named_like_lock = self.index.acquire(lock.flavor, &f.name).is_some();
            if !(def.fields.len() == 1 || named_like_lock) {
                continue;
            }
            let cx = LowerCx {
                module: f.module,
                self_ty: Some(&f.self_ty),
                generics: &f.generics,
            };
            if matches!(lower(&self.index, &cx, ret), Ty::Guard(_)) {
                wrappers.insert(*t);
            }
        }
        self.index.lock_wrappers = wrappers;
    }
}

fn generic_names(g: &syn::Generics) -> Vec<String> {
    g.type_params().map(|p| p.ident.to_string()).collect()
}

fn type_last_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => type_last_name(&r.elem),
        _ => None,
    }
}

type LazyStatic = (Vec<syn::Attribute>, syn::Ident, syn::Type);

fn parse_lazy_statics(input: syn::parse::ParseStream) -> syn::Result<Vec<LazyStatic>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let attrs = input.call(syn::Attribute::parse_outer)?;
        input.parse::<syn::Visibility>()?;
        input.parse::<syn::Token![static]>()?;
        input.parse::<syn::Token![ref]>()?;
        let ident: syn::Ident = input.parse()?;
        input.parse::<syn::Token![:]>()?;
        let ty: syn::Type = input.parse()?;
        input.parse::<syn::Token![=]>()?;
        input.parse::<syn::Expr>()?;
        input.parse::<syn::Token![;]>()?;
        out.push((attrs, ident, ty));
    }
    Ok(out)
}
