//! Where a module's file is: `mod name;` declarations and the files they name, by the
//! Reference's rules ("Module source filenames" and "the path attribute").

use std::path::{Path, PathBuf};

use super::outline::{Item, Outline};
use crate::names::Interner;

/// A `mod name;` declaration found in a file.
pub(super) struct ModDecl {
    pub inline: Vec<String>,
    pub name: String,
    pub path_attr: Option<String>,
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
            path_attr,
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
                path_attr: path_attr.clone(),
            }),
            Some(items) => {
                inline.push(names.string(*name));
                collect_mods(items, names, inline, out);
                inline.pop();
            }
        }
    }
}

pub fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// Candidate files for a module declaration, each with the directory its own children live in.
/// Rules from the Reference ("Module source filenames" and "the path attribute").
pub(super) fn mod_candidates(
    parent: &Path,
    parent_mod_dir: &Path,
    inline: &[String],
    name: &str,
    path_attr: Option<&str>,
) -> Vec<(PathBuf, PathBuf)> {
    let mut base = parent_mod_dir.to_path_buf();
    base.extend(inline);
    if let Some(p) = path_attr {
        let file = if inline.is_empty() {
            parent.parent().unwrap_or(Path::new(".")).join(p)
        } else {
            base.join(p)
        };
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        return vec![(file, dir)];
    }
    let dir = base.join(name);
    vec![
        (base.join(format!("{name}.rs")), dir.clone()),
        (dir.join("mod.rs"), dir),
    ]
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
