//! Macro invocations are opaque token streams to a parser; most of the ones that matter
//! (`assert!`, `println!`, `format!`, `vec!`, `write!`, ...) take comma-separated expressions,
//! and a lock taken inside them is taken for real. We parse what parses and skip the rest.

use syn::parse::Parser;
use syn::punctuated::Punctuated;

pub enum MacroKind {
    /// Never returns (`panic!`, `unreachable!`, ...): what follows is dead code.
    Diverges,
    /// Expands to a condition check: each argument's temporaries end with it.
    Assert,
    Plain,
}

pub fn kind(mac: &syn::Macro) -> MacroKind {
    let name = mac
        .path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    match name.as_str() {
        "panic" | "unreachable" | "todo" | "unimplemented" => MacroKind::Diverges,
        "assert" | "assert_eq" | "assert_ne" | "debug_assert" | "debug_assert_eq"
        | "debug_assert_ne" => MacroKind::Assert,
        _ => MacroKind::Plain,
    }
}

/// The argument expressions of a macro call, when its body parses as `a, b, c` or `[x; n]`.
pub fn args(mac: &syn::Macro) -> Vec<syn::Expr> {
    let list = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
    if let Ok(exprs) = list.parse2(mac.tokens.clone()) {
        return exprs.into_iter().collect();
    }
    let repeat = |input: syn::parse::ParseStream| {
        let value: syn::Expr = input.parse()?;
        input.parse::<syn::Token![;]>()?;
        let count: syn::Expr = input.parse()?;
        Ok(vec![value, count])
    };
    repeat.parse2(mac.tokens.clone()).unwrap_or_default()
}
