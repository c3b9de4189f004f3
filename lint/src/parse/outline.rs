//! A file's outline: what its items declare, as owned data with interned names (`names`), read
//! from the file's skeleton one item at a time, on the thread that parsed it (`parse`). Each
//! item's tree is dropped right after, so that no syntax tree outlives its parse or crosses a
//! thread (outlines are a small fraction of the skeletons' trees); a function's body
//! is parsed from its text range when it is walked, its signature is read here.
//!
//! The index (`index::build`) makes modules, types and functions from outlines; it reads only
//! what is here.

use crate::names::{Interner, Name};
use crate::source::{Origin, Pos, SourceFile};

#[derive(Default)]
pub struct Outline {
    pub items: Vec<Item>,
    /// `#[lock_order]` attributes that do not parse (the macro would reject them too).
    pub malformed: Vec<(Pos, String)>,
    /// Items that do not parse, by line and column, with why: the file's other items are read.
    pub skipped: Vec<(u32, u32, String)>,
}

pub enum Item {
    Mod {
        name: Name,
        /// Files named by `#[path = ".."]` and `#[cfg_attr(.., path = "..")]`.
        paths: super::ModPaths,
        /// The items of `mod m { .. }`; `None` for `mod m;`.
        inline: Option<Vec<Item>>,
        allows: Vec<Allow>,
        /// Compiled only for tests (`#[cfg(test)]`).
        test: bool,
    },
    Struct {
        name: Named,
        generics: Vec<Name>,
        /// By name, or by position for tuple structs.
        fields: Vec<(Name, TypeExpr)>,
        decls: Vec<Decl>,
    },
    Enum {
        name: Named,
        generics: Vec<Name>,
    },
    Alias {
        name: Named,
        generics: Vec<Name>,
        ty: TypeExpr,
    },
    Fn(Box<FnItem>),
    Static {
        name: Named,
        ty: TypeExpr,
        decls: Vec<Decl>,
        /// A lazily initialized static (`LazyLock::new(|| ..)`, `lazy_static!`): the bytes of its
        /// initializer's body, which runs when the static is first used.
        lazy_init: Option<(u32, u32)>,
    },
    /// `macro_rules! name { .. }`: its rules as text, expanded where the walker meets a call
    /// (`events::walker::expand`).
    MacroRules {
        name: Name,
        rules: Box<str>,
    },
    /// An item macro whose body is not items, or an item syn keeps as tokens (`ocaml! { pub fn
    /// f(x: T) -> R; }`): the names it may declare (`fn f`), which a glob import of the module
    /// must not answer.
    Hidden(Vec<Name>),
    /// `extern crate krate as name;` (`name` is `krate` without a rename).
    ExternCrate {
        name: Name,
        krate: Name,
    },
    /// `use a::b as c;` as `c -> [a, b]`; globs as their prefix.
    Use {
        names: Vec<(Name, Vec<Name>)>,
        globs: Vec<Vec<Name>>,
    },
    Impl(Box<Impl>),
    /// The trait's methods that have a default body.
    Trait {
        name: Name,
        fns: Vec<FnItem>,
    },
}

pub struct Impl {
    pub generics: Vec<Name>,
    /// Of its generic parameters, the trait each is bound by (`impl<S: Store>`).
    pub bounds: Vec<(Name, TypeExpr)>,
    /// `impl Trait for T`: the trait's path.
    pub trait_: Option<TypeExpr>,
    pub self_ty: TypeExpr,
    /// The self type's last name (`Foo` for `&mut a::Foo<T>`), for display.
    pub type_name: Option<Name>,
    pub fns: Box<[FnItem]>,
    pub allows: Vec<Allow>,
    /// Compiled only for tests (`#[cfg(test)]`).
    pub test: bool,
    /// `impl Deref for T { type Target = U; .. }`: `U`. (A large impl block read in pieces has
    /// its members apart from its header; `Deref` impls are small.)
    pub deref_target: Option<TypeExpr>,
    /// A trait implemented for a reference (`impl Default for &Decoder`): its functions without
    /// a receiver are the reference's, not reached as `Decoder::default()`.
    pub for_ref: bool,
}

pub struct Named {
    pub name: Name,
    pub at: Pos,
}

pub struct FnItem {
    pub name: Named,
    /// Type parameters of the signature.
    pub generics: Vec<Name>,
    /// Of those, the trait each is bound by (`fn f<S: Store>`, `where S: Store`).
    pub bounds: Vec<(Name, TypeExpr)>,
    pub has_receiver: bool,
    /// `async fn`: a call makes a future, and the body runs where that is awaited.
    pub is_async: bool,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    /// Bytes of the body, brace to brace; `None` without a body. The signature is read here
    /// once: the walker parses only the body.
    pub text: Option<(u32, u32)>,
    /// Items declared inside the body (their bodies are kept in the skeleton, `bodies`).
    pub body_items: Vec<Item>,
    pub allows: Vec<Allow>,
    /// A test (`#[test]`, `#[tokio::test]`) or compiled only for tests (`#[cfg(test)]`).
    pub test: bool,
}

#[derive(Clone)]
pub struct Param {
    /// `self`, the parameter's name, or `_` for a pattern: for messages.
    pub name: Name,
    /// For a pattern parameter (`(a, b): (A, B)`, `_: A`), the names it binds, whose types are
    /// not followed.
    pub pattern: Option<Vec<Name>>,
    /// As written; `None` for `self`, whose type is the impl's.
    pub ty: Option<TypeExpr>,
}

/// `#[lock_order(allow(..), reason = "..")]` on an item.
pub struct Allow {
    pub at: Pos,
    /// Bytes of the item it covers, attribute included.
    pub start: u32,
    pub end: u32,
    pub kinds: Vec<String>,
    pub reason: Option<String>,
}

/// A `#[lock_order(...)]` declaration on a struct (`field: None`, an order of its fields), one
/// of its fields, or a static.
pub struct Decl {
    pub field: Option<usize>,
    pub at: Pos,
    pub body: DeclBody<Pos>,
}

/// A lock named in a declaration, as written; `At` is where (`Pos`, then `Loc` in the index).
#[derive(Clone, Debug)]
pub struct DeclRef<At> {
    pub segs: Vec<String>,
    pub loc: At,
}

#[derive(Clone, Debug)]
pub enum DeclBody<At> {
    /// Fields of the struct, outermost first.
    Order(Vec<DeclRef<At>>),
    Lock {
        level: Option<u32>,
        after: Vec<DeclRef<At>>,
        before: Vec<DeclRef<At>>,
        nested: Option<String>,
    },
}

impl<A> DeclBody<A> {
    pub fn map_loc<B>(self, f: impl Fn(A) -> B) -> DeclBody<B> {
        let refs = |v: Vec<DeclRef<A>>| {
            v.into_iter()
                .map(|r| DeclRef {
                    segs: r.segs,
                    loc: f(r.loc),
                })
                .collect()
        };
        match self {
            DeclBody::Order(v) => DeclBody::Order(refs(v)),
            DeclBody::Lock {
                level,
                after,
                before,
                nested,
            } => DeclBody::Lock {
                level,
                after: refs(after),
                before: refs(before),
                nested,
            },
        }
    }
}

/// A type as written, reduced to what lowering reads (`index::types`): paths with the type
/// arguments of their last segment, tuples and sequences. References, pointers, parentheses and
/// groups are see-through; anything else is `Other`.
///
/// Segments are interned (`Name`) in outlines, text (`String`) in function bodies, which the
/// walker reads when the names are no longer growing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeExpr<S = Name> {
    Other,
    /// `dyn Trait`, `impl Trait`, or a generic parameter bound by a trait: the trait's path.
    Dyn {
        global: bool,
        segs: Box<[S]>,
    },
    Seq(Box<TypeExpr<S>>),
    Tuple(Box<[TypeExpr<S>]>),
    Path {
        /// `::a::b`.
        global: bool,
        segs: Box<[S]>,
        args: Box<[TypeExpr<S>]>,
    },
}

/// `ty` as written, with path segments made by `seg`.
pub fn type_expr<S>(ty: &syn::Type, seg: &impl Fn(&syn::Ident) -> S) -> TypeExpr<S> {
    match ty {
        syn::Type::Reference(r) => type_expr(&r.elem, seg),
        syn::Type::Ptr(p) => type_expr(&p.elem, seg),
        syn::Type::Paren(p) => type_expr(&p.elem, seg),
        syn::Type::Group(g) => type_expr(&g.elem, seg),
        syn::Type::Array(a) => TypeExpr::Seq(Box::new(type_expr(&a.elem, seg))),
        syn::Type::Slice(s) => TypeExpr::Seq(Box::new(type_expr(&s.elem, seg))),
        syn::Type::Tuple(t) if t.elems.is_empty() => TypeExpr::Other,
        syn::Type::Tuple(t) => TypeExpr::Tuple(t.elems.iter().map(|t| type_expr(t, seg)).collect()),
        syn::Type::TraitObject(t) => trait_of(t.bounds.iter(), seg),
        syn::Type::ImplTrait(t) => trait_of(t.bounds.iter(), seg),
        syn::Type::Path(p) if p.qself.is_none() => {
            let args = match p.path.segments.last().map(|s| &s.arguments) {
                Some(syn::PathArguments::AngleBracketed(a)) => a
                    .args
                    .iter()
                    .filter_map(|g| match g {
                        syn::GenericArgument::Type(t) => Some(type_expr(t, seg)),
                        _ => None,
                    })
                    .collect(),
                _ => Box::default(),
            };
            TypeExpr::Path {
                global: p.path.leading_colon.is_some(),
                segs: p.path.segments.iter().map(|s| seg(&s.ident)).collect(),
                args,
            }
        }
        _ => TypeExpr::Other,
    }
}

/// `fn f() -> impl Future<Output = T>`: written to return an `async` block, which runs where the
/// future is awaited, like an `async fn`'s body.
fn returns_impl_future(output: &syn::ReturnType) -> bool {
    let syn::ReturnType::Type(_, ty) = output else {
        return false;
    };
    let syn::Type::ImplTrait(t) = &**ty else {
        return false;
    };
    t.bounds.iter().any(|b| {
        matches!(b, syn::TypeParamBound::Trait(t)
            if t.path.segments.last().is_some_and(|s| s.ident == "Future"))
    })
}

/// Traits that say nothing about which code runs: auto traits and derivable ones.
const MARKER_TRAITS: &[&str] = &[
    "Send",
    "Sync",
    "Unpin",
    "Sized",
    "Copy",
    "Clone",
    "Debug",
    "Display",
    "Default",
    "Eq",
    "PartialEq",
    "Hash",
    "Ord",
    "PartialOrd",
];

/// The trait of a list of bounds that may name one of the crate's (`dyn Store + Send`): the
/// first that is not a marker, as written.
fn trait_of<'b, S>(
    bounds: impl Iterator<Item = &'b syn::TypeParamBound>,
    seg: &impl Fn(&syn::Ident) -> S,
) -> TypeExpr<S> {
    for b in bounds {
        let syn::TypeParamBound::Trait(t) = b else {
            continue;
        };
        let Some(last) = t.path.segments.last() else {
            continue;
        };
        if MARKER_TRAITS.iter().any(|m| last.ident == m) {
            continue;
        }
        return TypeExpr::Dyn {
            global: t.path.leading_colon.is_some(),
            segs: t.path.segments.iter().map(|s| seg(&s.ident)).collect(),
        };
    }
    TypeExpr::Other
}

/// Some members of an `impl` or `trait` block, parsed apart from it (`parse::read_parts`).
pub enum Members<'a> {
    Impl(&'a [syn::ImplItem]),
    Trait(&'a [syn::TraitItem]),
}

/// Reads outlines from trees parsed from (part of) a file's text whose spans start at `origin`,
/// one item or member at a time as the parser hands them over (`source::parse_each`), on the
/// thread that parsed them, before its span map is freed (`source`).
pub struct Reader<'f> {
    file: &'f SourceFile,
    origin: Origin,
    names: &'f Interner,
    /// `#[lock_order]` attributes that do not parse (the macro would reject them too).
    pub malformed: Vec<(Pos, String)>,
}

impl<'f> Reader<'f> {
    pub fn new(file: &'f SourceFile, origin: Origin, names: &'f Interner) -> Self {
        Reader {
            file,
            origin,
            names,
            malformed: Vec::new(),
        }
    }

    /// Reads `items` (an item, or what an item macro expands to) into `out`.
    pub fn read_items(&mut self, items: &[syn::Item], out: &mut Vec<Item>) {
        for item in items {
            self.item(item, out);
        }
    }

    /// Reads the functions among `members` into `out`: an impl's; a trait's that have a default
    /// body.
    pub fn read_members(&mut self, members: Members, out: &mut Vec<FnItem>) {
        match members {
            Members::Impl(items) => out.extend(items.iter().filter_map(|ii| match ii {
                syn::ImplItem::Fn(f) => {
                    let allows = self.allows(
                        &f.attrs,
                        f.sig.fn_token.span,
                        f.block.brace_token.span.close(),
                    );
                    Some(self.func(&f.sig, Some(&f.block), allows, is_test(&f.attrs)))
                }
                _ => None,
            })),
            Members::Trait(items) => out.extend(items.iter().filter_map(|ti| {
                match ti {
                    syn::TraitItem::Fn(f) => f
                        .default
                        .as_ref()
                        .map(|body| self.func(&f.sig, Some(body), Vec::new(), false)),
                    _ => None,
                }
            })),
        }
    }
}

impl Reader<'_> {
    fn pos(&self, span: proc_macro2::Span) -> Pos {
        self.file.pos_in(self.origin, span)
    }

    fn name(&self, ident: &syn::Ident) -> Name {
        self.names.intern(&ident.to_string())
    }

    fn named(&self, ident: &syn::Ident) -> Named {
        Named {
            name: self.name(ident),
            at: self.pos(ident.span()),
        }
    }

    fn items<'i>(&mut self, items: impl IntoIterator<Item = &'i syn::Item>) -> Vec<Item> {
        let mut out = Vec::new();
        for item in items {
            self.item(item, &mut out);
        }
        // Outlines live until the index is built: no slack.
        out.shrink_to_fit();
        out
    }

    fn item(&mut self, item: &syn::Item, out: &mut Vec<Item>) {
        out.push(match item {
            syn::Item::Mod(md) => Item::Mod {
                name: self.name(&md.ident),
                paths: super::path_attrs(&md.attrs),
                allows: match &md.content {
                    Some((brace, _)) => {
                        self.allows(&md.attrs, md.mod_token.span, brace.span.close())
                    }
                    None => Vec::new(),
                },
                inline: md.content.as_ref().map(|(_, items)| self.items(items)),
                test: is_test(&md.attrs),
            },
            syn::Item::Struct(s) => {
                let fields = exact(s.fields.iter().enumerate().map(|(i, f)| {
                    let name = match &f.ident {
                        Some(ident) => self.name(ident),
                        None => self.names.intern(&i.to_string()),
                    };
                    (name, self.ty(&f.ty))
                }));
                Item::Struct {
                    name: self.named(&s.ident),
                    generics: self.generics(&s.generics),
                    fields,
                    decls: self.struct_decls(s),
                }
            }
            syn::Item::Enum(e) => Item::Enum {
                name: self.named(&e.ident),
                generics: self.generics(&e.generics),
            },
            syn::Item::Type(t) => Item::Alias {
                name: self.named(&t.ident),
                generics: self.generics(&t.generics),
                ty: self.ty(&t.ty),
            },
            syn::Item::Fn(f) => {
                let allows = self.allows(
                    &f.attrs,
                    f.sig.fn_token.span,
                    f.block.brace_token.span.close(),
                );
                Item::Fn(Box::new(self.func(
                    &f.sig,
                    Some(&f.block),
                    allows,
                    is_test(&f.attrs),
                )))
            }
            syn::Item::Static(s) => Item::Static {
                name: self.named(&s.ident),
                ty: self.ty(&s.ty),
                decls: self.lock_decls(&s.attrs, None),
                lazy_init: self.lazy_initializer(&s.expr),
            },
            syn::Item::ExternCrate(e) => {
                let krate = self.name(&e.ident);
                let name = e.rename.as_ref().map_or(krate, |(_, r)| self.name(r));
                Item::ExternCrate { name, krate }
            }
            syn::Item::Use(u) => {
                let (mut names, mut globs) = (Vec::new(), Vec::new());
                self.use_tree(&mut Vec::new(), &u.tree, &mut names, &mut globs);
                Item::Use { names, globs }
            }
            syn::Item::Impl(i) => {
                let allows = self.allows(&i.attrs, i.impl_token.span, i.brace_token.span.close());
                let fns = self.member_fns(Members::Impl(&i.items)).into_boxed_slice();
                let derefs = i
                    .trait_
                    .as_ref()
                    .and_then(|(_, p, _)| p.segments.last())
                    .is_some_and(|s| s.ident == "Deref");
                let deref_target = i.items.iter().find_map(|item| match item {
                    syn::ImplItem::Type(t) if derefs && t.ident == "Target" => Some(self.ty(&t.ty)),
                    _ => None,
                });
                let trait_ = i.trait_.as_ref().map(|(_, p, _)| TypeExpr::Dyn {
                    global: p.leading_colon.is_some(),
                    segs: p.segments.iter().map(|s| self.name(&s.ident)).collect(),
                });
                Item::Impl(Box::new(Impl {
                    generics: self.generics(&i.generics),
                    bounds: self.bounds(&i.generics),
                    trait_,
                    self_ty: self.ty(&i.self_ty),
                    type_name: self.type_last_name(&i.self_ty),
                    fns,
                    allows,
                    test: is_test(&i.attrs),
                    deref_target,
                    for_ref: i.trait_.is_some() && matches!(*i.self_ty, syn::Type::Reference(_)),
                }))
            }
            syn::Item::Trait(t) => Item::Trait {
                name: self.name(&t.ident),
                fns: self.member_fns(Members::Trait(&t.items)),
            },
            syn::Item::Macro(mac) => return self.lazy_statics(mac, out),
            // What syn keeps as tokens (`pub fn f(x: T) -> R;` in a macro's body read as items).
            syn::Item::Verbatim(tokens) => {
                let names = self.declared_names(tokens);
                if names.is_empty() {
                    return;
                }
                Item::Hidden(names)
            }
            _ => return,
        });
    }

    fn member_fns(&mut self, members: Members) -> Vec<FnItem> {
        let mut fns = Vec::new();
        self.read_members(members, &mut fns);
        // Outlines live until the index is built: no slack.
        fns.shrink_to_fit();
        fns
    }

    fn func(
        &mut self,
        sig: &syn::Signature,
        body: Option<&syn::Block>,
        allows: Vec<Allow>,
        test: bool,
    ) -> FnItem {
        let params = exact(sig.inputs.iter().map(|arg| match arg {
            syn::FnArg::Receiver(_) => Param {
                name: Name::SELF_VALUE,
                pattern: None,
                ty: None,
            },
            syn::FnArg::Typed(t) => {
                let (name, pattern) = match &*t.pat {
                    syn::Pat::Ident(p) => (self.name(&p.ident), None),
                    pat => {
                        let mut names = Vec::new();
                        self.bound_names(pat, &mut names);
                        (Name::UNDERSCORE, Some(names))
                    }
                };
                Param {
                    name,
                    pattern,
                    ty: Some(self.ty(&t.ty)),
                }
            }
        }));
        let text = body.map(|b| {
            (
                self.pos(b.brace_token.span.open()).start,
                self.pos(b.brace_token.span.close()).start,
            )
        });
        FnItem {
            name: self.named(&sig.ident),
            generics: self.generics(&sig.generics),
            bounds: self.bounds(&sig.generics),
            has_receiver: sig.receiver().is_some(),
            is_async: sig.asyncness.is_some() || returns_impl_future(&sig.output),
            params,
            ret: match &sig.output {
                syn::ReturnType::Type(_, t) => Some(self.ty(t)),
                syn::ReturnType::Default => None,
            },
            text,
            body_items: self.items(body.into_iter().flat_map(|b| &b.stmts).filter_map(
                |s| match s {
                    syn::Stmt::Item(i) => Some(i),
                    _ => None,
                },
            )),
            allows,
            test,
        }
    }

    fn malformed(&mut self, e: &syn::Error) {
        let at = self.pos(e.span());
        self.malformed.push((at, e.to_string()));
    }

    fn attr_pos(&self, attr: &syn::Attribute) -> Pos {
        self.file.pos_between(
            self.origin,
            attr.pound_token.span,
            attr.bracket_token.span.close(),
        )
    }

    /// `#[lock_order(allow(..), reason = "..")]` on an item covering `start..end`.
    fn allows(
        &mut self,
        attrs: &[syn::Attribute],
        start: proc_macro2::Span,
        end: proc_macro2::Span,
    ) -> Vec<Allow> {
        let mut out = Vec::new();
        for attr in attrs.iter().filter(|a| lockorder_attr::is_lock_order(a)) {
            match lockorder_attr::parse_allow(lockorder_attr::args(attr)) {
                Ok(allow) => {
                    let at = self.attr_pos(attr);
                    let range = self.file.pos_between(self.origin, start, end);
                    out.push(Allow {
                        at,
                        start: at.start.min(range.start),
                        end: range.end,
                        kinds: allow.kinds.into_iter().map(|(k, _)| k).collect(),
                        reason: allow.reason.map(|r| r.value()),
                    });
                }
                Err(e) => self.malformed(&e),
            }
        }
        out
    }

    fn decl_ref(&self, path: &syn::Path) -> DeclRef<Pos> {
        let first = path.segments.first().map(|s| s.ident.span());
        let last = path.segments.last().map(|s| s.ident.span());
        let loc = match (first, last) {
            (Some(a), Some(b)) => self.file.pos_between(self.origin, a, b),
            _ => self.pos(proc_macro2::Span::call_site()),
        };
        DeclRef {
            segs: path.segments.iter().map(|s| s.ident.to_string()).collect(),
            loc,
        }
    }

    /// The `level`/`after`/`before`/`nested` declarations on a field (`field`) or a static.
    fn lock_decls(&mut self, attrs: &[syn::Attribute], field: Option<usize>) -> Vec<Decl> {
        let mut out = Vec::new();
        for attr in attrs.iter().filter(|a| lockorder_attr::is_lock_order(a)) {
            let decl = lockorder_attr::parse_decl(lockorder_attr::args(attr))
                .and_then(|d| d.level_value().map(|level| (d, level)));
            match decl {
                Ok((decl, level)) => out.push(Decl {
                    field,
                    at: self.attr_pos(attr),
                    body: DeclBody::Lock {
                        level,
                        after: decl.after.iter().map(|p| self.decl_ref(p)).collect(),
                        before: decl.before.iter().map(|p| self.decl_ref(p)).collect(),
                        nested: decl.nested.map(|n| n.value()),
                    },
                }),
                Err(e) => self.malformed(&e),
            }
        }
        out
    }

    fn struct_decls(&mut self, s: &syn::ItemStruct) -> Vec<Decl> {
        let mut out = Vec::new();
        for attr in s.attrs.iter().filter(|a| lockorder_attr::is_lock_order(a)) {
            match lockorder_attr::parse_struct_order(lockorder_attr::args(attr)) {
                Ok(order) if order.len() > 1 => out.push(Decl {
                    field: None,
                    at: self.attr_pos(attr),
                    body: DeclBody::Order(
                        order
                            .iter()
                            .map(|i| DeclRef {
                                segs: vec![i.to_string()],
                                loc: self.pos(i.span()),
                            })
                            .collect(),
                    ),
                }),
                Ok(_) => {}
                Err(e) => self.malformed(&e),
            }
        }
        for (i, field) in s.fields.iter().enumerate() {
            out.extend(self.lock_decls(&field.attrs, Some(i)));
        }
        out
    }

    fn ty(&self, ty: &syn::Type) -> TypeExpr {
        type_expr(ty, &|ident| self.name(ident))
    }

    fn use_tree(
        &self,
        prefix: &mut Vec<Name>,
        tree: &syn::UseTree,
        names: &mut Vec<(Name, Vec<Name>)>,
        globs: &mut Vec<Vec<Name>>,
    ) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(self.name(&p.ident));
                self.use_tree(prefix, &p.tree, names, globs);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = self.name(&n.ident);
                if name == Name::SELF_VALUE {
                    if let Some(&last) = prefix.last() {
                        names.push((last, prefix.clone()));
                    }
                } else {
                    names.push((name, path_to(prefix, name)));
                }
            }
            syn::UseTree::Rename(r) => {
                let path = if r.ident == "self" {
                    prefix.clone()
                } else {
                    path_to(prefix, self.name(&r.ident))
                };
                names.push((self.name(&r.rename), path));
            }
            syn::UseTree::Glob(_) => globs.push(prefix.clone()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t, names, globs);
                }
            }
        }
    }

    /// The names `pat` binds, in the order the walker binds a pattern's names
    /// (`Walker::bind_pat`): an or-pattern binds its first alternative's.
    fn bound_names(&self, pat: &syn::Pat, out: &mut Vec<Name>) {
        match pat {
            syn::Pat::Ident(p) => {
                out.push(self.name(&p.ident));
                if let Some((_, sub)) = &p.subpat {
                    self.bound_names(sub, out);
                }
            }
            syn::Pat::Type(p) => self.bound_names(&p.pat, out),
            syn::Pat::Paren(p) => self.bound_names(&p.pat, out),
            syn::Pat::Reference(p) => self.bound_names(&p.pat, out),
            syn::Pat::Or(p) => p
                .cases
                .iter()
                .take(1)
                .for_each(|c| self.bound_names(c, out)),
            syn::Pat::Tuple(p) => p.elems.iter().for_each(|e| self.bound_names(e, out)),
            syn::Pat::TupleStruct(p) => p.elems.iter().for_each(|e| self.bound_names(e, out)),
            syn::Pat::Slice(p) => p.elems.iter().for_each(|e| self.bound_names(e, out)),
            syn::Pat::Struct(p) => p.fields.iter().for_each(|f| self.bound_names(&f.pat, out)),
            _ => {}
        }
    }

    fn generics(&self, g: &syn::Generics) -> Vec<Name> {
        let mut names: Vec<Name> = g.type_params().map(|p| self.name(&p.ident)).collect();
        names.shrink_to_fit();
        names
    }

    /// The trait bounding each type parameter, inline or in the `where` clause.
    fn bounds(&self, g: &syn::Generics) -> Vec<(Name, TypeExpr)> {
        let seg = |i: &syn::Ident| self.name(i);
        let mut out: Vec<(Name, TypeExpr)> = g
            .type_params()
            .map(|p| (self.name(&p.ident), trait_of(p.bounds.iter(), &seg)))
            .collect();
        for pred in g.where_clause.iter().flat_map(|w| w.predicates.iter()) {
            let syn::WherePredicate::Type(t) = pred else {
                continue;
            };
            let syn::Type::Path(p) = &t.bounded_ty else {
                continue;
            };
            let Some(ident) = p.path.get_ident() else {
                continue;
            };
            let bound = trait_of(t.bounds.iter(), &seg);
            let name = self.name(ident);
            if let Some(slot) = out
                .iter_mut()
                .find(|(n, b)| *n == name && *b == TypeExpr::Other)
            {
                slot.1 = bound;
            }
        }
        out.retain(|(_, b)| *b != TypeExpr::Other);
        out
    }

    /// `LazyLock::new(|| body)`, `Lazy::new(..)`: the bytes of the closure's body.
    fn lazy_initializer(&self, e: &syn::Expr) -> Option<(u32, u32)> {
        let syn::Expr::Call(c) = e else {
            return None;
        };
        let syn::Expr::Path(f) = &*c.func else {
            return None;
        };
        let ty = f.path.segments.iter().rev().nth(1)?;
        if !crate::locks::api::is_lazy_cell(&ty.ident.to_string()) {
            return None;
        }
        match c.args.first()? {
            syn::Expr::Closure(cl) => Some(self.text_of(&cl.body)),
            _ => None,
        }
    }

    /// The bytes of an expression, its first to its last (inclusive, as a body's).
    fn text_of(&self, e: &syn::Expr) -> (u32, u32) {
        // The joined span of all its tokens.
        let pos = self.pos(syn::spanned::Spanned::span(e));
        (pos.start, pos.end.saturating_sub(1).max(pos.start))
    }

    fn type_last_name(&self, ty: &syn::Type) -> Option<Name> {
        match ty {
            syn::Type::Path(p) => p.path.segments.last().map(|s| self.name(&s.ident)),
            syn::Type::Reference(r) => self.type_last_name(&r.elem),
            _ => None,
        }
    }

    /// `lazy_static! { static ref NAME: Type = init; }` declares statics the code locks like
    /// any other (other item macros were read as items already, `parse::item_macros`).
    /// The names an item macro's body may declare, never expanded: each identifier after an
    /// item keyword at its top level (`fn f`, `struct S`, `static X`).
    fn declared_names(&mut self, tokens: &proc_macro2::TokenStream) -> Vec<Name> {
        const KEYWORDS: &[&str] = &[
            "fn", "struct", "enum", "union", "static", "const", "type", "mod", "trait",
        ];
        let mut names = Vec::new();
        let mut after_keyword = false;
        for tt in tokens.clone() {
            match tt {
                proc_macro2::TokenTree::Ident(i) if after_keyword => {
                    names.push(self.name(&i));
                    after_keyword = false;
                }
                proc_macro2::TokenTree::Ident(i) => {
                    after_keyword = KEYWORDS.iter().any(|k| i == k);
                }
                _ => after_keyword = false,
            }
        }
        names
    }

    fn lazy_statics(&mut self, mac: &syn::ItemMacro, out: &mut Vec<Item>) {
        if let (true, Some(name)) = (mac.mac.path.is_ident("macro_rules"), &mac.ident) {
            out.push(Item::MacroRules {
                name: self.name(name),
                rules: mac.mac.tokens.to_string().into_boxed_str(),
            });
            return;
        }
        let is_lazy = mac
            .mac
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "lazy_static");
        if !is_lazy {
            let names = self.declared_names(&mac.mac.tokens);
            if !names.is_empty() {
                out.push(Item::Hidden(names));
            }
            return;
        }
        let Ok(decls) = mac.mac.parse_body_with(parse_lazy_statics) else {
            return;
        };
        for (attrs, ident, ty, init) in decls {
            out.push(Item::Static {
                name: self.named(&ident),
                ty: self.ty(&ty),
                decls: self.lock_decls(&attrs, None),
                lazy_init: Some(self.text_of(&init)),
            });
        }
    }
}

/// `prefix::name`, allocated once: the index keeps it.
impl Item {
    /// Test code: compiled only for test targets.
    pub fn is_test(&self) -> bool {
        match self {
            Item::Mod { test, .. } => *test,
            Item::Fn(f) => f.test,
            Item::Impl(i) => i.test,
            _ => false,
        }
    }
}

/// Whether attributes make an item test code: `#[test]` and test macros of async runtimes
/// (`#[tokio::test]`), or a `cfg` that holds only under `test` (`cfg(test)`,
/// `cfg(all(test, unix))`; not `cfg(not(test))`).
pub(crate) fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let path = a.path();
        if path.segments.last().is_some_and(|s| s.ident == "test") {
            return true;
        }
        path.is_ident("cfg") && a.parse_args::<syn::Meta>().is_ok_and(|m| needs_test(&m))
    })
}

/// Whether a `cfg` predicate can hold only when `test` does.
fn needs_test(m: &syn::Meta) -> bool {
    let nested = |l: &syn::MetaList| {
        l.parse_args_with(
            syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
        )
        .map(|p| p.into_iter().collect::<Vec<_>>())
        .unwrap_or_default()
    };
    match m {
        syn::Meta::Path(p) => p.is_ident("test"),
        syn::Meta::List(l) if l.path.is_ident("all") => nested(l).iter().any(needs_test),
        syn::Meta::List(l) if l.path.is_ident("any") => {
            let all = nested(l);
            !all.is_empty() && all.iter().all(needs_test)
        }
        _ => false,
    }
}

fn path_to(prefix: &[Name], name: Name) -> Vec<Name> {
    let mut path = Vec::with_capacity(prefix.len() + 1);
    path.extend_from_slice(prefix);
    path.push(name);
    path
}

/// `it` collected into a Vec of its exact length: `collect` makes room for at least four items
/// when an iterator does not promise its length, as syn's do not, and outlines and the index
/// keep what they collect.
fn exact<T>(it: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut v = Vec::with_capacity(it.len());
    v.extend(it);
    v
}

type LazyStatic = (Vec<syn::Attribute>, syn::Ident, syn::Type, syn::Expr);

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
        let init: syn::Expr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        out.push((attrs, ident, ty, init));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walker binds parameters from here (it parses only bodies): pattern parameters bind
    /// their names, as `Walker::bind_pat` would, and nothing else; `x @ pat` is its name.
    #[test]
    fn parameters_and_the_names_patterns_bind() {
        let text = "impl S { fn f(&self, a: A, (b, [c, ..]): (B, [C; 2]), _: D, \
                    T { e, f: Some(g) | None }: T, h @ Some(_): Option<H>) {} }";
        let parsed = crate::parse::parse_text("t.rs", text, crate::discover::Edition::E2021);
        let root = parsed.crates[0].root.0 as usize;
        let Some(Item::Impl(imp)) = parsed.outlines[root].as_ref().map(|o| &o.items[0]) else {
            panic!("no impl")
        };
        let got: Vec<(&str, Option<Vec<&str>>, bool)> = imp.fns[0]
            .params
            .iter()
            .map(|p| {
                let names = p.pattern.as_ref();
                let names = names.map(|n| n.iter().map(|&n| parsed.names.str(n)).collect());
                (parsed.names.str(p.name), names, p.ty.is_some())
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("self", None, false),
                ("a", None, true),
                ("_", Some(vec!["b", "c"]), true),
                ("_", Some(vec![]), true),
                ("_", Some(vec!["e", "g"]), true),
                ("h", None, true),
            ]
        );
    }
}
