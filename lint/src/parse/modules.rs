//! Where a module's file is: `mod name;` declarations and the files they name, by the
//! Reference's rules ("Module source filenames" and "the path attribute").

use std::path::{Path, PathBuf};

use super::outline::{Item, Outline};
use crate::names::Interner;

/// A `mod name;` declaration found in a file.
pub(super) struct ModDecl {
    pub inline: Vec<String>,
    pub name: String,
    pub paths: ModPaths,
}

pub(super) fn mod_decls(outline: &Outline, names: &Interner) -> Vec<ModDecl> {
    let mut out = Vec::new();
    collect_mods(&outline.items, names, &mut Vec::new(), &mut out);
    out
}

pub(super) fn collect_mods(
    items: &[Item],
    names: &Interner,
    inline: &mut Vec<String>,
    out: &mut Vec<ModDecl>,
) {
    for item in items {
        let Item::Mod {
            name,
            paths,
            inline: content,
            ..
        } = item
        else {
            continue;
        };
        match content {
            None => out.push(ModDecl {
                inline: inline.clone(),
                name: names.string(*name),
                paths: paths.clone(),
            }),
            Some(items) => {
                inline.push(names.string(*name));
                collect_mods(items, names, inline, out);
                inline.pop();
            }
        }
    }
}

/// The files a module's attributes name.
#[derive(Clone, Debug, Default)]
pub struct ModPaths {
    /// `#[path = ".."]`.
    pub plain: Option<String>,
    /// `#[cfg_attr(predicate, path = "..")]`: configurations are not evaluated, so these are
    /// read only when the file the module would otherwise be in does not exist.
    pub conditional: Vec<String>,
}

pub fn path_attrs(attrs: &[syn::Attribute]) -> ModPaths {
    let lit = |e: &syn::Expr| match e {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    };
    let mut paths = ModPaths::default();
    for a in attrs {
        match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("path") => paths.plain = lit(&nv.value),
            syn::Meta::List(l) if l.path.is_ident("cfg_attr") => {
                let metas = l.parse_args_with(
                    syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
                );
                for m in metas.into_iter().flatten().skip(1) {
                    if let syn::Meta::NameValue(nv) = m {
                        if nv.path.is_ident("path") {
                            paths.conditional.extend(lit(&nv.value));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    paths
}

/// Candidate files for a module declaration, each with the directory its own children live in.
/// Rules from the Reference ("Module source filenames" and "the path attribute").
pub(super) fn mod_candidates(
    parent: &Path,
    parent_mod_dir: &Path,
    inline: &[String],
    name: &str,
    paths: &ModPaths,
) -> Vec<(PathBuf, PathBuf)> {
    // `mod r#move;` is in `move.rs`.
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut base = parent_mod_dir.to_path_buf();
    base.extend(inline.iter().map(|m| m.strip_prefix("r#").unwrap_or(m)));
    let named = |p: &String| {
        let file = if inline.is_empty() {
            parent.parent().unwrap_or(Path::new(".")).join(p)
        } else {
            base.join(p)
        };
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        (file, dir)
    };
    let mut out = Vec::new();
    match &paths.plain {
        Some(p) => out.push(named(p)),
        None => {
            let dir = base.join(name);
            out.push((base.join(format!("{name}.rs")), dir.clone()));
            out.push((dir.join("mod.rs"), dir));
        }
    }
    out.extend(paths.conditional.iter().map(named));
    out
}

/// The directory where a file's `mod x;` children are looked up: its own directory for crate
/// roots and `mod.rs` files, `dir/stem/` for any other file.
pub(super) fn own_mod_dir(path: &Path, is_root: bool) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    if is_root || path.file_name().is_some_and(|n| n == "mod.rs") {
        dir
    } else {
        dir.join(path.file_stem().unwrap_or_default())
    }
}
