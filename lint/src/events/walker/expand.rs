//! Calls of the crate's own `macro_rules!` macros, expanded where they stand: the rule whose
//! matcher is a comma-separated list of `$name:fragment`s as long as the call's arguments is
//! taken, each `$name` of its transcriber replaced by its argument, and the result walked as a
//! block in place. Everything that happens inside is located at the call (as rustc points at a
//! macro call for what its expansion does). Other matchers are not matched: the call's
//! arguments are walked as before (`macros::args`).

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

use super::{Val, Walker};
use crate::names::Name;

/// Macros expanded inside macros' expansions.
const MAX_EXPANSION_DEPTH: u32 = 8;

impl Walker<'_> {
    /// Walks the expansion of `m` if it calls one of the crate's macros and a rule matches.
    pub(super) fn expand(&mut self, m: &syn::Macro) -> Option<Val> {
        if self.expansion_depth >= MAX_EXPANSION_DEPTH {
            return None;
        }
        let name = m.path.get_ident()?;
        let rules: &str = self.index.macros.get(&self.macro_name(name)?)?;
        let block = expansion(rules, &m.tokens)?;
        let here = self.loc_override.unwrap_or_else(|| {
            let first = m
                .path
                .segments
                .first()
                .map_or(name.span(), |s| s.ident.span());
            self.loc_between(first, m.delimiter.span().close())
        });
        let outer = self.loc_override.replace(here);
        self.expansion_depth += 1;
        let v = self.block(&block);
        self.expansion_depth -= 1;
        self.loc_override = outer;
        Some(v)
    }

    fn macro_name(&self, ident: &syn::Ident) -> Option<Name> {
        self.index.names.find(&ident.to_string())
    }
}

/// The block a call with `args` expands to, by the first rule that matches them.
fn expansion(rules: &str, args: &TokenStream) -> Option<syn::Block> {
    let rules: TokenStream = rules.parse().ok()?;
    let args = split_commas(args.clone());
    let mut tokens = rules.into_iter();
    while let Some(TokenTree::Group(matcher)) = tokens.next() {
        // `=>`
        tokens.next()?;
        tokens.next()?;
        let TokenTree::Group(transcriber) = tokens.next()? else {
            return None;
        };
        if let Some(params) = params(matcher.stream()) {
            if params.len() == args.len() {
                let bound: Vec<(String, TokenStream)> = params.into_iter().zip(args).collect();
                let body = substitute(transcriber.stream(), &bound);
                let braced = TokenTree::Group(Group::new(Delimiter::Brace, body));
                return syn::parse2(TokenStream::from(braced)).ok();
            }
        }
        // `;` between rules.
        if !matches!(tokens.clone().next(), Some(TokenTree::Group(_))) {
            tokens.next();
        }
    }
    None
}

/// The names of a matcher that is `$a:frag, $b:frag, ..` (a trailing comma allowed).
fn params(matcher: TokenStream) -> Option<Vec<String>> {
    split_commas(matcher)
        .into_iter()
        .map(|piece| match piece.into_iter().collect::<Vec<_>>().as_slice() {
            [TokenTree::Punct(dollar), TokenTree::Ident(name), TokenTree::Punct(colon), TokenTree::Ident(_)]
                if dollar.as_char() == '$' && colon.as_char() == ':' =>
            {
                Some(name.to_string())
            }
            _ => None,
        })
        .collect()
}

/// Top-level pieces between commas, without an empty last one.
fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut pieces = vec![Vec::new()];
    for t in tokens {
        match &t {
            TokenTree::Punct(p) if p.as_char() == ',' && p.spacing() == Spacing::Alone => {
                pieces.push(Vec::new());
            }
            _ => {
                if let Some(last) = pieces.last_mut() {
                    last.push(t);
                }
            }
        }
    }
    if pieces.last().is_some_and(Vec::is_empty) {
        pieces.pop();
    }
    pieces.into_iter().map(TokenStream::from_iter).collect()
}

/// `tokens` with each `$name` replaced by its argument, kept together as one group so that
/// `$a.lock()` locks the whole argument.
fn substitute(tokens: TokenStream, bound: &[(String, TokenStream)]) -> TokenStream {
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(t) = tokens.next() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '$' => {
                let arg = match tokens.peek() {
                    Some(TokenTree::Ident(i)) => bound.iter().find(|(n, _)| i == n),
                    _ => None,
                };
                match arg {
                    Some((_, arg)) => {
                        tokens.next();
                        out.push(TokenTree::Group(Group::new(Delimiter::None, arg.clone())));
                    }
                    None => out.push(TokenTree::Punct(p)),
                }
            }
            TokenTree::Group(g) => {
                let inner = substitute(g.stream(), bound);
                out.push(TokenTree::Group(Group::new(g.delimiter(), inner)));
            }
            t => out.push(t),
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many statements the expansion has, if a rule matches.
    fn statements(rules: &str, args: &str) -> Option<usize> {
        Some(expansion(rules, &args.parse().ok()?)?.stmts.len())
    }

    #[test]
    fn the_rule_of_the_call_s_arity_is_expanded() {
        let rules = "() => { f(); }; ($a:expr) => { $a.lock(); g(); }; ($a:expr, $b:ident,) => { h($a, $b) }";
        assert_eq!(statements(rules, ""), Some(1));
        assert_eq!(statements(rules, "self.m"), Some(2));
        assert_eq!(statements(rules, "x, y"), Some(1));
        assert_eq!(statements(rules, "x, y, z"), None);
        // Matchers other than a list of fragments are not matched.
        assert_eq!(statements("($($a:expr),*) => { $($a;)* }", "x"), None);
    }
}
