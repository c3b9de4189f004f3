//! Calls of the crate's own `macro_rules!` macros, expanded where they stand: of the rules whose
//! matcher is a comma-separated list of `$name:fragment`s (kept when the index is built,
//! `simple_rules`), the first with as many as the call's arguments is taken, each `$name` of its transcriber replaced by its argument, and the result walked as a
//! block in place. Everything that happens inside is located at the call (as rustc points at a
//! macro call for what its expansion does). Other matchers are not matched: the call's
//! arguments are walked as before (`macros::args`).

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

use std::collections::{HashMap, HashSet};

use super::{Val, Walker};
use crate::index::MacroRule;
use crate::locks::api;
use crate::names::{Name, Names};

/// Macros expanded inside macros' expansions.
const MAX_EXPANSION_DEPTH: u32 = 8;

impl Walker<'_> {
    /// Walks the expansion of `m` if it calls one of the crate's macros and a rule matches.
    pub(super) fn expand(&mut self, m: &syn::Macro) -> Option<Val> {
        if self.index.macros.is_empty() || self.expansion_depth >= MAX_EXPANSION_DEPTH {
            return None;
        }
        let name = m.path.get_ident()?;
        let rules = self
            .index
            .macros
            .get(&self.index.names.find(&name.to_string())?)?;
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
}

/// The rules of a macro that can be expanded (`index::MacroRule`), read from its definition's
/// tokens; none for a macro that has no such rule.
pub fn simple_rules(definition: &TokenStream) -> Vec<MacroRule> {
    let mut out = Vec::new();
    let mut tokens = definition.clone().into_iter();
    while let Some(TokenTree::Group(matcher)) = tokens.next() {
        // `=>`, then the transcriber.
        let (Some(_), Some(_), Some(TokenTree::Group(transcriber))) =
            (tokens.next(), tokens.next(), tokens.next())
        else {
            break;
        };
        if let Some(params) = params(matcher.stream()) {
            let mut locks = false;
            let mut calls = Vec::new();
            scan(transcriber.stream(), &mut locks, &mut calls);
            out.push(MacroRule {
                params: params.into_boxed_slice(),
                body: transcriber.stream().to_string().into_boxed_str(),
                locks,
                calls: calls.into_boxed_slice(),
            });
        }
        // `;` between rules.
        if !matches!(tokens.clone().next(), Some(TokenTree::Group(_))) {
            tokens.next();
        }
    }
    out
}

/// Whether `tokens` call a method that may lock (`.write()`) or await, and which macros they
/// call (`name!`).
fn scan(tokens: TokenStream, locks: &mut bool, calls: &mut Vec<String>) {
    let mut prev: Option<TokenTree> = None;
    for t in tokens {
        match &t {
            TokenTree::Group(g) => scan(g.stream(), locks, calls),
            TokenTree::Ident(i) => {
                let after_dot = matches!(&prev, Some(TokenTree::Punct(p)) if p.as_char() == '.');
                if after_dot && (i == "await" || api::may_lock(&i.to_string())) {
                    *locks = true;
                }
            }
            TokenTree::Punct(p) if p.as_char() == '!' => {
                if let Some(TokenTree::Ident(i)) = &prev {
                    calls.push(i.to_string());
                }
            }
            _ => {}
        }
        prev = Some(t);
    }
}

/// Keeps the rules worth expanding: those that lock or await, themselves or through the macros
/// they call (expanding the others would cost a parse for little: a lock taken in a function
/// such a macro calls is not seen).
pub fn keep_relevant(macros: &mut HashMap<Name, Box<[MacroRule]>>, names: &Names) {
    loop {
        let relevant: HashSet<&str> = macros
            .iter()
            .filter(|(_, rules)| rules.iter().any(|r| r.locks))
            .map(|(n, _)| names.str(*n))
            .collect();
        let newly: Vec<(Name, usize)> = macros
            .iter()
            .flat_map(|(n, rules)| rules.iter().enumerate().map(move |(i, r)| (n, i, r)))
            .filter(|(_, _, r)| !r.locks && r.calls.iter().any(|c| relevant.contains(c.as_str())))
            .map(|(n, i, _)| (*n, i))
            .collect();
        if newly.is_empty() {
            break;
        }
        for (n, i) in newly {
            if let Some(r) = macros.get_mut(&n).and_then(|rules| rules.get_mut(i)) {
                r.locks = true;
            }
        }
    }
    macros.retain(|_, rules| rules.iter().any(|r| r.locks));
}

/// The block a call with `args` expands to, by the first rule of as many parameters.
fn expansion(rules: &[MacroRule], args: &TokenStream) -> Option<syn::Block> {
    let args = split_commas(args.clone());
    let rule = rules
        .iter()
        .find(|r| r.params.len() == args.len() && r.locks)?;
    let body: TokenStream = rule.body.parse().ok()?;
    let bound: Vec<(&str, TokenStream)> =
        rule.params.iter().map(String::as_str).zip(args).collect();
    let braced = TokenTree::Group(Group::new(Delimiter::Brace, substitute(body, &bound)));
    syn::parse2(TokenStream::from(braced)).ok()
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
fn substitute(tokens: TokenStream, bound: &[(&str, TokenStream)]) -> TokenStream {
    let mut out = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(t) = tokens.next() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '$' => {
                let arg = match tokens.peek() {
                    Some(TokenTree::Ident(i)) => bound.iter().find(|(n, _)| i == *n),
                    _ => None,
                };
                match arg {
                    Some((_, arg)) => {
                        tokens.next();
                        out.push(TokenTree::Group(Group::new(Delimiter::None, arg.clone())));
                    }
                    // `$crate::path`: the macro's own crate, which is the caller's here.
                    None if matches!(tokens.peek(), Some(TokenTree::Ident(i)) if i == "crate") => {}
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
        let rules = simple_rules(&rules.parse().ok()?);
        Some(expansion(&rules, &args.parse().ok()?)?.stmts.len())
    }

    #[test]
    fn only_rules_that_lock_or_await_are_kept() {
        let rules = |text: &str| simple_rules(&text.parse().expect("tokens"));
        assert!(rules("($m:expr) => { $m.lock(); }")[0].locks);
        assert!(rules("($f:expr) => { $f.await }")[0].locks);
        assert!(!rules("($a:expr) => { $a.len() + lock(x) }")[0].locks);
        assert_eq!(
            rules("($a:expr) => { other!($a) }")[0].calls.as_ref(),
            ["other"]
        );
    }

    #[test]
    fn the_rule_of_the_call_s_arity_is_expanded() {
        let rules = "() => { f().lock(); }; ($a:expr) => { $a.lock(); g(); }; ($a:expr, $b:ident,) => { h($a, $b).read() }";
        assert_eq!(statements(rules, ""), Some(1));
        assert_eq!(statements(rules, "self.m"), Some(2));
        assert_eq!(statements(rules, "x, y"), Some(1));
        assert_eq!(statements(rules, "x, y, z"), None);
        // `$crate` is the crate the macro is defined in.
        assert_eq!(
            statements("($m:expr) => { $crate::log($m.lock()) }", "m"),
            Some(1)
        );
        // Matchers other than a list of fragments are not matched.
        assert_eq!(
            statements("($($a:expr),*) => { $($a.lock();)* }", "x"),
            None
        );
    }
}
