//! Item macros read as the items they are written with: `cfg_rt! { pub mod runtime; }`.

/// Macros in macros in macros...
const MAX_NESTING: u32 = 8;

/// Crates wrap items in macros (`cfg_rt! { pub mod runtime; }`, `cfg_if!`-like helpers). An
/// item macro whose body parses as items is replaced by those items, so that their modules,
/// types and functions are analyzed; we never expand a macro, we only read what is written in
/// its invocation.
pub(super) fn inline_item_macros(items: &mut Vec<syn::Item>, depth: u32) {
    let mut out = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match item {
            syn::Item::Macro(m) if m.ident.is_none() && depth < MAX_NESTING => {
                match syn::parse2::<syn::File>(m.mac.tokens.clone()) {
                    Ok(body) if !body.items.is_empty() => {
                        let mut inner = body.items;
                        inline_item_macros(&mut inner, depth + 1);
                        out.extend(inner);
                    }
                    _ => out.push(syn::Item::Macro(m)),
                }
            }
            syn::Item::Mod(mut md) => {
                if let Some((_, inner)) = &mut md.content {
                    inline_item_macros(inner, depth);
                }
                out.push(syn::Item::Mod(md));
            }
            syn::Item::Impl(mut im) => {
                inline_impl_macros(&mut im.items, depth);
                out.push(syn::Item::Impl(im));
            }
            other => out.push(other),
        }
    }
    *items = out;
}

/// Replaces the item macros of `file` whose bodies parse as items by those items (as every
/// parsed file is read). Public for the benchmark, whose syn-only floor parses what we parse.
pub fn read_item_macros(file: &mut syn::File) {
    inline_item_macros(&mut file.items, 0);
}

/// The same inside `impl` blocks: `cfg_rt! { pub fn spawn(..) { .. } }`.
pub(super) fn inline_impl_macros(items: &mut Vec<syn::ImplItem>, depth: u32) {
    let mut out = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        match item {
            syn::ImplItem::Macro(m) if depth < MAX_NESTING => {
                let body = syn::parse::Parser::parse2(
                    |input: syn::parse::ParseStream| {
                        let mut v = Vec::new();
                        while !input.is_empty() {
                            v.push(input.parse::<syn::ImplItem>()?);
                        }
                        Ok(v)
                    },
                    m.mac.tokens.clone(),
                );
                match body {
                    Ok(inner) if !inner.is_empty() => out.extend(inner),
                    _ => out.push(syn::ImplItem::Macro(m)),
                }
            }
            other => out.push(other),
        }
    }
    *items = out;
}
