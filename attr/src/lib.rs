//! The grammar of `#[lock_order(...)]`, in one place: the `lockorder` proc macro validates it at
//! compile time, the analyzer reads it from source. Both parse with these functions.
//!
//! ```text
//! On a struct:            #[lock_order(accounts, ledger, audit)]     its lock fields, outermost first
//! On a field or static:   #[lock_order(level = 10)]                   wait only for higher levels
//!                         #[lock_order(after(accounts, Bank::ledger))] taken after these locks
//!                         #[lock_order(before(LOG, journal::Journal::entries))]
//!                         #[lock_order(nested = "parent before child")] two instances may nest
//! ```
//! Entries combine: `#[lock_order(level = 2, after(accounts))]`. A name without `::` in a field's
//! declaration is another field of the same struct; otherwise it is a path to `Type::field` or to a
//! static, resolved like any path in that module.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitInt, LitStr, Token};

pub mod kinds;

use kinds::Kind;

/// `#[lock_order(allow(double-lock, lock-order-cycle), reason = "...")]` on a function, impl or
/// module: findings of these kinds inside it are suppressed.
#[derive(Clone, Debug)]
pub struct Allow {
    /// Kind codes as written, with where each is written.
    pub kinds: Vec<(String, proc_macro2::Span)>,
    pub reason: Option<LitStr>,
}

pub fn parse_allow(tokens: TokenStream) -> syn::Result<Allow> {
    Parser::parse2(parse_allow_stream, tokens)
}

fn parse_allow_stream(input: ParseStream) -> syn::Result<Allow> {
    let key: Ident = input.parse()?;
    if key != "allow" {
        return Err(syn::Error::new(
            key.span(),
            "on a function, impl or module, `lock_order` takes `allow(kind, ..), reason = \"..\"`; orders are declared on structs, fields and statics",
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    let mut kinds = Vec::new();
    while !content.is_empty() {
        // A kind is words joined by `-`: `lock-order-cycle`; words may be keywords (`while`).
        let first = Ident::parse_any(&content)?;
        let span = first.span();
        let mut code = first.to_string();
        while content.peek(Token![-]) {
            content.parse::<Token![-]>()?;
            let next = Ident::parse_any(&content)?;
            code.push('-');
            code.push_str(&next.to_string());
        }
        if Kind::from_code(&code).is_none() {
            let codes: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
            return Err(syn::Error::new(
                span,
                format!("unknown kind `{code}`; the kinds are: {}", codes.join(", ")),
            ));
        }
        kinds.push((code, span));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    if kinds.is_empty() {
        return Err(syn::Error::new(
            key.span(),
            "`allow(..)` needs at least one kind",
        ));
    }
    let mut reason = None;
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
        let key: Ident = input.parse()?;
        if key != "reason" {
            return Err(syn::Error::new(key.span(), "expected `reason = \"...\"`"));
        }
        input.parse::<Token![=]>()?;
        reason = Some(input.parse::<LitStr>()?);
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(Allow { kinds, reason })
}

/// `#[lock_order(a, b, c)]` on a struct.
pub fn parse_struct_order(tokens: TokenStream) -> syn::Result<Vec<Ident>> {
    Punctuated::<Ident, Token![,]>::parse_terminated
        .parse2(tokens)
        .map(|p| p.into_iter().collect())
}

/// What a field or static declares about its place in the hierarchy.
#[derive(Clone, Debug, Default)]
pub struct LockDecl {
    pub level: Option<LitInt>,
    pub after: Vec<syn::Path>,
    pub before: Vec<syn::Path>,
    /// A promise that two instances of this lock are only ever nested in a fixed order.
    pub nested: Option<LitStr>,
}

impl LockDecl {
    pub fn level_value(&self) -> syn::Result<Option<u32>> {
        self.level.as_ref().map(LitInt::base10_parse).transpose()
    }
}

pub fn parse_decl(tokens: TokenStream) -> syn::Result<LockDecl> {
    Parser::parse2(parse_decl_stream, tokens)
}

fn parse_decl_stream(input: ParseStream) -> syn::Result<LockDecl> {
    let mut decl = LockDecl::default();
    if input.is_empty() {
        return Err(
            input.error("expected `level = N`, `after(..)`, `before(..)` or `nested = \"..\"`")
        );
    }
    while !input.is_empty() {
        let key: Ident = input.parse()?;
        match key.to_string().as_str() {
            "level" => {
                input.parse::<Token![=]>()?;
                let lit: LitInt = input.parse()?;
                lit.base10_parse::<u32>()?;
                set_once(&mut decl.level, lit, &key)?;
            }
            "nested" => {
                input.parse::<Token![=]>()?;
                let lit: LitStr = input.parse()?;
                if lit.value().trim().is_empty() {
                    return Err(syn::Error::new(lit.span(), "say which order the instances are nested in, e.g. \"parent before child\""));
                }
                set_once(&mut decl.nested, lit, &key)?;
            }
            "after" | "before" => {
                let content;
                syn::parenthesized!(content in input);
                let paths = Punctuated::<syn::Path, Token![,]>::parse_terminated(&content)?;
                if paths.is_empty() {
                    return Err(syn::Error::new(key.span(), format!("`{key}(..)` needs at least one lock")));
                }
                let list = if key == "after" { &mut decl.after } else { &mut decl.before };
                list.extend(paths);
            }
            other => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown `lock_order` entry `{other}`: expected `level`, `after`, `before` or `nested`"),
                ))
            }
        }
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(decl)
}

fn set_once<T>(slot: &mut Option<T>, value: T, key: &Ident) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(
            key.span(),
            format!("`{key}` is given twice"),
        ));
    }
    *slot = Some(value);
    Ok(())
}

/// Whether an attribute is ours: `lock_order` or `lockorder::lock_order`.
pub fn is_lock_order(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "lock_order")
}

/// The tokens inside `#[lock_order(...)]` (empty for a bare `#[lock_order]`).
pub fn args(attr: &syn::Attribute) -> TokenStream {
    match &attr.meta {
        syn::Meta::List(l) => l.tokens.clone(),
        _ => TokenStream::new(),
    }
}

/// The duplicate or unknown names among `order`, checked against the struct's `fields`.
pub fn check_struct_order(order: &[Ident], fields: &[Ident]) -> syn::Result<()> {
    for (i, name) in order.iter().enumerate() {
        if !fields.contains(name) {
            return Err(syn::Error::new(
                name.span(),
                format!("`{name}` is not a field of this struct"),
            ));
        }
        if order[..i].contains(name) {
            return Err(syn::Error::new(
                name.span(),
                format!("`{name}` is named twice"),
            ));
        }
    }
    Ok(())
}

/// A single-identifier entry in a field's `after(..)`/`before(..)` must be a sibling field.
pub fn check_sibling_paths(decl: &LockDecl, fields: &[Ident]) -> syn::Result<()> {
    for p in decl.after.iter().chain(&decl.before) {
        if let Some(id) = p.get_ident() {
            if !fields.contains(id) {
                return Err(syn::Error::new(
                    id.span(),
                    format!("`{id}` is not a field of this struct (name another type's lock as `Type::field`)"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> TokenStream {
        s.parse().unwrap()
    }

    #[test]
    fn declarations_parse_and_combine() {
        let d = parse_decl(ts(
            "level = 3, after(a, Bank::ledger), before(LOG), nested = \"by id\"",
        ))
        .unwrap();
        assert_eq!(d.level_value().unwrap(), Some(3));
        assert_eq!(d.after.len(), 2);
        assert_eq!(d.before.len(), 1);
        assert_eq!(d.nested.unwrap().value(), "by id");
    }

    #[test]
    fn allow_lists_kinds_and_a_reason() {
        let a = parse_allow(ts(
            "allow(double-lock, lock-order-cycle), reason = \"checked\"",
        ))
        .unwrap();
        let kinds: Vec<&str> = a.kinds.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(kinds, ["double-lock", "lock-order-cycle"]);
        assert_eq!(a.reason.unwrap().value(), "checked");
        assert!(parse_allow(ts("allow(double-lock)"))
            .unwrap()
            .reason
            .is_none());
        assert!(parse_allow(ts("allow(dead-lock)")).is_err());
        assert!(parse_allow(ts("allow()")).is_err());
    }

    #[test]
    fn malformed_declarations_are_errors() {
        assert!(parse_decl(ts("level = x")).is_err());
        assert!(parse_decl(ts("levle = 3")).is_err());
        assert!(parse_decl(ts("level = 1, level = 2")).is_err());
        assert!(parse_decl(ts("after()")).is_err());
        assert!(parse_decl(ts("")).is_err());
        assert!(parse_struct_order(ts("a, 3")).is_err());
    }
}
