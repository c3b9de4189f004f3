//! Edition 2015 code that syn (which parses the current language) rejects, rewritten at the
//! token level into what it means today, keeping every token's span, so that positions stay
//! those of the file:
//! - `async`, `await` and `try` are identifiers in 2015 (`mod async;`, `try!(..)`): raw
//!   identifiers now;
//! - a bare trait object (`Box<Fn(u32) + Send>`, `&(Trait + Sync)`) gets its `dyn`;
//! - an anonymous parameter of a trait method (`fn resize(&mut self, usize);`) gets `_:`.
//!
//! Only code that failed to parse is rewritten (`parse::item_by_item`, `source::parse_body`):
//! code that parses is never touched.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

/// Identifiers in edition 2015 that are keywords since.
const KEYWORDS_SINCE_2018: &[&str] = &["async", "await", "try"];

pub fn rewrite(tokens: TokenStream) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    // Open `<` of generic arguments, for telling an argument's start.
    let mut angles = 0u32;
    let mut i = 0;
    while i < tokens.len() {
        let tt = &tokens[i];
        match tt {
            TokenTree::Ident(id) if KEYWORDS_SINCE_2018.iter().any(|k| id == k) => {
                out.push(TokenTree::Ident(Ident::new_raw(&id.to_string(), id.span())));
            }
            TokenTree::Group(g) => {
                let inner = if g.delimiter() == Delimiter::Parenthesis && is_fn_params(&out) {
                    name_params(rewrite(g.stream()))
                } else if g.delimiter() == Delimiter::Parenthesis && after_ref(&out) {
                    with_dyn(rewrite(g.stream()))
                } else {
                    rewrite(g.stream())
                };
                let mut group = Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            TokenTree::Punct(p) if p.as_char() == '<' && opens_generics(&out) => {
                angles += 1;
                out.push(tt.clone());
                push_dyn_if_bare(&tokens[i + 1..], &mut out);
            }
            TokenTree::Punct(p) if p.as_char() == '>' && angles > 0 && !closes_arrow(&out) => {
                angles -= 1;
                out.push(tt.clone());
            }
            TokenTree::Punct(p) if p.as_char() == ',' && angles > 0 => {
                out.push(tt.clone());
                push_dyn_if_bare(&tokens[i + 1..], &mut out);
            }
            // `type Action = Fn(u8) + Send;`
            TokenTree::Punct(p) if p.as_char() == '=' && angles == 0 && aliases_type(&out) => {
                out.push(tt.clone());
                push_dyn_if_bare(&tokens[i + 1..], &mut out);
            }
            _ => out.push(tt.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// `Name<`, `Name::<`: generic arguments follow (a comparison's left side is rarely a type
/// name).
fn opens_generics(before: &[TokenTree]) -> bool {
    match before.last() {
        Some(TokenTree::Ident(id)) => id
            .to_string()
            .trim_start_matches("r#")
            .starts_with(|c: char| c.is_ascii_uppercase()),
        Some(TokenTree::Punct(p)) => p.as_char() == ':',
        _ => false,
    }
}

/// `type Name` or `type Name<..>` just before: the `=` of a type alias.
fn aliases_type(before: &[TokenTree]) -> bool {
    follows_keyword_and_name(before, "type")
}

/// `keyword Name` or `keyword Name<..>` ends `before`.
fn follows_keyword_and_name(before: &[TokenTree], keyword: &str) -> bool {
    let i = before_generics(before);
    matches!(
        (i.checked_sub(2).map(|j| &before[j]), i.checked_sub(1).map(|j| &before[j])),
        (Some(TokenTree::Ident(k)), Some(TokenTree::Ident(_))) if k == keyword
    )
}

/// Where `before` ends once generic parameters written last (`<T: A, U>`) are left out.
fn before_generics(before: &[TokenTree]) -> usize {
    let mut i = before.len();
    if !matches!(before.last(), Some(TokenTree::Punct(p)) if p.as_char() == '>') {
        return i;
    }
    let mut depth = 0i32;
    while i > 0 {
        i -= 1;
        if let TokenTree::Punct(p) = &before[i] {
            match p.as_char() {
                '>' => depth += 1,
                '<' => {
                    depth -= 1;
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
        }
    }
    i
}

/// The `>` of `->` or `=>`.
fn closes_arrow(before: &[TokenTree]) -> bool {
    matches!(before.last(), Some(TokenTree::Punct(p))
        if p.spacing() == Spacing::Joint && matches!(p.as_char(), '-' | '='))
}

fn after_ref(before: &[TokenTree]) -> bool {
    matches!(before.last(), Some(TokenTree::Punct(p)) if p.as_char() == '&')
        || matches!((before.len().checked_sub(2).map(|i| &before[i]), before.last()),
            (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(m))) if p.as_char() == '&' && m == "mut")
}

/// A generic argument starting at `rest[0]` that is a path with `+` bounds after it, up to the
/// next `,` or closing `>`: a trait object without its `dyn`.
fn push_dyn_if_bare(rest: &[TokenTree], out: &mut Vec<TokenTree>) {
    if let Some(span) = bare_trait_object(rest) {
        out.push(TokenTree::Ident(Ident::new("dyn", span)));
    }
}

fn bare_trait_object(rest: &[TokenTree]) -> Option<Span> {
    let first = match rest.first()? {
        TokenTree::Ident(id) if !matches!(id.to_string().as_str(), "dyn" | "impl" | "for") => {
            id.span()
        }
        _ => return None,
    };
    let mut depth = 0u32;
    let mut prev: Option<&TokenTree> = None;
    for tt in rest {
        if let TokenTree::Punct(p) = tt {
            let arrow = matches!(prev, Some(TokenTree::Punct(q))
                if q.spacing() == Spacing::Joint && matches!(q.as_char(), '-' | '='));
            match p.as_char() {
                '<' => depth += 1,
                '>' if !arrow && depth == 0 => return None,
                '>' if !arrow => depth -= 1,
                ',' | ';' if depth == 0 => return None,
                // A binding or a bound (`Item = T`, `T: A + B`): not a type.
                '=' | ':' if depth == 0 && p.spacing() == Spacing::Alone && !arrow => {
                    let path_sep = matches!(prev, Some(TokenTree::Punct(q)) if q.as_char() == ':');
                    if !path_sep && !next_is_colon(rest, tt) {
                        return None;
                    }
                }
                '+' if depth == 0 => return Some(first),
                _ => {}
            }
        }
        prev = Some(tt);
    }
    None
}

/// Whether the token after `tt` in `rest` is a `:` (the first half of a `::`).
fn next_is_colon(rest: &[TokenTree], tt: &TokenTree) -> bool {
    let at = rest.iter().position(|t| std::ptr::eq(t, tt));
    matches!(at.and_then(|i| rest.get(i + 1)), Some(TokenTree::Punct(p)) if p.as_char() == ':')
}

/// `(Trait + Send)` after `&`: a bare trait object in parentheses.
fn with_dyn(inner: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = inner.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len() + 1);
    push_dyn_if_bare(&tokens, &mut out);
    out.extend(tokens);
    out.into_iter().collect()
}

/// `fn name(..)` or `fn name<..>(..)`: the group being read is a parameter list.
fn is_fn_params(before: &[TokenTree]) -> bool {
    follows_keyword_and_name(before, "fn")
}

/// Gives each parameter without a name (`usize`, `&[u8]`) the pattern `_`.
fn name_params(params: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = params.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    for param in split_top_level(&tokens) {
        if !param.is_empty() && !has_top_level_colon(param) && !is_self(param) {
            let span = param[0].span();
            out.push(TokenTree::Ident(Ident::new("_", span)));
            let mut colon = Punct::new(':', Spacing::Alone);
            colon.set_span(span);
            out.push(TokenTree::Punct(colon));
        }
        out.extend(param.iter().cloned());
    }
    out.into_iter().collect()
}

/// The parameters, each with the `,` after it.
fn split_top_level(tokens: &[TokenTree]) -> Vec<&[TokenTree]> {
    let mut parts = Vec::new();
    let (mut start, mut depth) = (0, 0i32);
    for (i, tt) in tokens.iter().enumerate() {
        if let TokenTree::Punct(p) = tt {
            match p.as_char() {
                '<' => depth += 1,
                '>' if !(i > 0 && closes_arrow(&tokens[..i])) => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(&tokens[start..=i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
    }
    parts.push(&tokens[start..]);
    parts
}

fn has_top_level_colon(param: &[TokenTree]) -> bool {
    param.iter().enumerate().any(|(i, tt)| {
        matches!(tt, TokenTree::Punct(p) if p.as_char() == ':'
            && p.spacing() == Spacing::Alone
            && !matches!(i.checked_sub(1).map(|j| &param[j]), Some(TokenTree::Punct(q)) if q.as_char() == ':'))
    })
}

/// `self`, `&self`, `&'a mut self`, `mut self`.
fn is_self(param: &[TokenTree]) -> bool {
    param
        .iter()
        .any(|tt| matches!(tt, TokenTree::Ident(id) if id == "self"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(src: &str) -> String {
        let tokens: TokenStream = src.parse().expect("lexes");
        rewrite(tokens).to_string()
    }

    #[test]
    fn edition_2015_code_reads_as_today() {
        assert_eq!(fixed("mod async;"), "mod r#async ;");
        assert_eq!(fixed("let x = try!(f());"), "let x = r#try ! (f ()) ;");
        assert_eq!(
            fixed("struct S { f: Mutex<Option<Box<Fn(bool) -> u8 + Send>>> }"),
            "struct S { f : Mutex < Option < Box < dyn Fn (bool) -> u8 + Send >>> }"
        );
        assert_eq!(
            fixed("fn f(x: &(Tr + Sync)) {}"),
            "fn f (x : & (dyn Tr + Sync)) { }"
        );
        assert_eq!(
            fixed("type Action = Fn(&Info) + Send;"),
            "type Action = dyn Fn (& Info) + Send ;"
        );
        assert_eq!(
            fixed("trait M { fn resize(&mut self, usize); fn g<T>(&self, Vec<T>, x: u8); }"),
            "trait M { fn resize (& mut self , _ : usize) ; fn g < T > (& self , _ : Vec < T >, x : u8) ; }"
        );
    }

    #[test]
    fn what_parses_today_is_left_alone() {
        for src in [
            "fn f<T: Fn() + Send>(t: T) where T: Clone + Sync {}",
            "fn g(x: Box<dyn Fn() + Send>, y: impl Iterator<Item = u8> + Send) {}",
            "fn h() { if a < b + 1 && c > d { } }",
            "fn k(a: &mut Vec<u8>, (b, c): (u8, u8)) -> Result<u8, ()> {}",
        ] {
            let tokens: TokenStream = src.parse().expect("lexes");
            assert_eq!(fixed(src), tokens.to_string(), "{src}");
        }
    }
}
