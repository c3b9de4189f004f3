//! Macro invocations are opaque token streams to a parser; most of the ones that matter
//! (`assert!`, `println!`, `format!`, `vec!`, `write!`, ...) take comma-separated expressions,
//! and a lock taken inside them is taken for real. We parse what parses and skip the rest.

use syn::parse::ParseStream;
use syn::parse::Parser;

use crate::locks::api;

pub enum MacroKind {
    /// Never returns (`panic!`, `unreachable!`, ...): what follows is dead code.
    Diverges,
    /// Expands to a condition check: each argument's temporaries end with it.
    Assert,
    /// Awaits the futures it is given (`join!`): each runs there.
    Awaits,
    /// Polls its branches' futures together, then runs the handler of the one that is ready
    /// (`select!`).
    Selects,
    Plain,
}

/// One branch of an async `select!` (tokio's, futures'): `pattern = future, if condition =>
/// handler`; an `else`, `default` or `complete` branch has no future.
pub struct SelectArm {
    pub pat: Option<syn::Pat>,
    pub future: Option<syn::Expr>,
    pub cond: Option<syn::Expr>,
    pub handler: syn::Expr,
}

/// The branches of a `select!` body, `None` when it is not in the async form (crossbeam's
/// `recv(r) -> v => ..` blocks on channels, and is not read).
pub fn select_arms(mac: &syn::Macro) -> Option<Vec<SelectArm>> {
    use syn::Token;
    let parse = |input: ParseStream| {
        // tokio's `biased;`
        if input.peek(syn::Ident) && input.peek2(Token![;]) {
            input.parse::<syn::Ident>()?;
            input.parse::<Token![;]>()?;
        }
        let mut arms = Vec::new();
        while !input.is_empty() {
            let (mut pat, mut future, mut cond) = (None, None, None);
            if input.peek(Token![else]) {
                input.parse::<Token![else]>()?;
            } else if input.peek(syn::Ident) && input.peek2(Token![=>]) {
                input.parse::<syn::Ident>()?;
            } else {
                pat = Some(syn::Pat::parse_multi_with_leading_vert(input)?);
                input.parse::<Token![=]>()?;
                future = Some(input.parse::<syn::Expr>()?);
                if input.peek(Token![,]) && input.peek2(Token![if]) {
                    input.parse::<Token![,]>()?;
                    input.parse::<Token![if]>()?;
                    cond = Some(input.parse::<syn::Expr>()?);
                }
            }
            input.parse::<Token![=>]>()?;
            let handler = match input.peek(syn::token::Brace) {
                true => syn::Expr::Block(input.parse()?),
                false => input.parse()?,
            };
            if input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
            }
            arms.push(SelectArm {
                pat,
                future,
                cond,
                handler,
            });
        }
        Ok(arms)
    };
    parse.parse2(mac.tokens.clone()).ok()
}

pub fn kind(mac: &syn::Macro) -> MacroKind {
    let name = mac
        .path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    if api::is_diverging_macro(&name) {
        MacroKind::Diverges
    } else if api::is_assert_macro(&name) {
        MacroKind::Assert
    } else if api::is_awaiting_macro(&name) {
        MacroKind::Awaits
    } else if api::is_selecting_macro(&name) {
        MacroKind::Selects
    } else {
        MacroKind::Plain
    }
}

/// The argument expressions of a macro call, when its body parses as `a, b, c` or `[x; n]`
/// (in one pass: bodies that are neither, `select! { .. }`, are common and fail late), and
/// none for a body that cannot hold an event.
pub fn args(mac: &syn::Macro) -> Vec<syn::Expr> {
    if inert(&mac.tokens) {
        return Vec::new();
    }
    let list = |input: ParseStream| {
        let mut out = Vec::new();
        if input.is_empty() {
            return Ok(out);
        }
        out.push(input.parse::<syn::Expr>()?);
        if input.peek(syn::Token![;]) {
            input.parse::<syn::Token![;]>()?;
            out.push(input.parse()?);
            return Ok(out);
        }
        while !input.is_empty() {
            input.parse::<syn::Token![,]>()?;
            if input.is_empty() {
                break;
            }
            out.push(input.parse()?);
        }
        Ok(out)
    };
    let logging = || {
        mac.path
            .segments
            .last()
            .is_some_and(|s| api::is_logging_macro(&s.ident.to_string()))
    };
    list.parse2(mac.tokens.clone())
        .ok()
        .or_else(|| logging().then(|| structured_args(&mac.tokens)).flatten())
        .unwrap_or_default()
}

/// Logging macros with structured fields: `error!(log, "no vote"; "lowest" => self.lowest(),
/// "hint" => %hint)` (slog), `info!(target: "sync", peers = n.len(), "up")` (tracing): the
/// arguments are separated by `,` or `;`, a `"key" =>` or `key:` before one is a label, and
/// `%`/`?` a format marker. All of them must parse, or none is taken. Only for logging macros
/// (`locks::api`'s table): other bodies that are not expression lists are DSLs whose pieces
/// are not evaluated as written (`select! { recv(r) -> v => .. }`).
fn structured_args(tokens: &proc_macro2::TokenStream) -> Option<Vec<syn::Expr>> {
    use proc_macro2::{TokenStream, TokenTree};
    let mut pieces: Vec<Vec<TokenTree>> = vec![Vec::new()];
    for t in tokens.clone() {
        match &t {
            TokenTree::Punct(p) if matches!(p.as_char(), ',' | ';') => pieces.push(Vec::new()),
            _ => pieces.last_mut()?.push(t),
        }
    }
    let mut out = Vec::new();
    for piece in pieces.into_iter().filter(|p| !p.is_empty()) {
        let mut rest: &[TokenTree] = &piece;
        // `"key" =>` or `key =>`: a label.
        if let [TokenTree::Literal(_) | TokenTree::Ident(_), TokenTree::Punct(eq), TokenTree::Punct(gt), tail @ ..] =
            rest
        {
            if eq.as_char() == '=' && gt.as_char() == '>' {
                rest = tail;
            }
        }
        // `target:`: a label (not `path::to`, whose colons come in pairs).
        if let [TokenTree::Ident(_), TokenTree::Punct(colon), tail @ ..] = rest {
            if colon.as_char() == ':'
                && !matches!(tail.first(), Some(TokenTree::Punct(p)) if p.as_char() == ':')
            {
                rest = tail;
            }
        }
        if let [TokenTree::Punct(p), tail @ ..] = rest {
            if matches!(p.as_char(), '%' | '?') {
                rest = tail;
            }
        }
        let stream: TokenStream = rest.iter().cloned().collect();
        out.push(syn::parse2::<syn::Expr>(stream).ok()?);
    }
    Some(out)
}

/// Whether a macro body cannot produce an event: no call, block, closure, await, nested macro,
/// control flow or assignment anywhere in it (`println!("{}", x.len)`, `panic!("bad")`): such
/// bodies are common and need no parse. Conservative: `!x` and `a >= b` count as events.
fn inert(tokens: &proc_macro2::TokenStream) -> bool {
    use proc_macro2::{Delimiter, TokenTree};
    tokens.clone().into_iter().all(|t| match t {
        TokenTree::Literal(_) => true,
        TokenTree::Ident(i) => !matches!(
            i.to_string().as_str(),
            "await"
                | "return"
                | "break"
                | "continue"
                | "yield"
                | "become"
                | "do"
                | "loop"
                | "while"
                | "for"
                | "if"
                | "match"
                | "let"
                | "async"
                | "move"
                | "unsafe"
        ),
        TokenTree::Punct(p) => !matches!(p.as_char(), '!' | '|' | '?' | '='),
        TokenTree::Group(g) => match g.delimiter() {
            Delimiter::Parenthesis | Delimiter::Brace => false,
            Delimiter::Bracket | Delimiter::None => inert(&g.stream()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mac(src: &str) -> syn::Macro {
        syn::parse_str(src).expect("macro")
    }

    #[test]
    fn bodies_that_cannot_hold_an_event_are_inert() {
        for src in [
            r#"println!("{} {}", x, self.y.z)"#,
            r#"panic!("bad")"#,
            "debug_assert!(a < b && c[0] > d)",
            "vec![x, y[1]]",
        ] {
            assert!(inert(&mac(src).tokens), "{src}");
        }
        for src in [
            "assert!(m.lock().is_ok())",
            "println!(\"{}\", f(x))",
            "vec![{ m.lock() }]",
            "assert!(x.await)",
            "debug_assert!(!x)",
            "format!(\"{a}\", a = g)",
            "select! { recv(r) -> v => {} }",
            "assert!(|| m.lock())",
            "assert!(match x { _ => 1 } == 1)",
        ] {
            assert!(!inert(&mac(src).tokens), "{src}");
        }
    }

    #[test]
    fn arguments_lists_repeats_and_other_bodies() {
        assert_eq!(args(&mac("assert_eq!(a.lock(), b, )")).len(), 2);
        assert_eq!(args(&mac("vec![m.lock(); 3]")).len(), 2);
        assert_eq!(args(&mac("todo!()")).len(), 0);
        assert!(args(&mac("select! { recv(r) -> v => {} }")).is_empty());
        assert!(args(&mac("m!(a b)")).is_empty());
        assert!(args(&mac("m!(a(); b(); c())")).is_empty());
    }

    #[test]
    fn structured_logging_fields_are_arguments() {
        let slog = mac(r#"error!(log, "no vote"; "lowest" => self.lowest(), "hint" => %h.get())"#);
        assert_eq!(args(&slog).len(), 4);
        let tracing = mac(r#"info!(target: "sync", peers = n.len(), "up {}", m.lock().len())"#);
        assert_eq!(args(&tracing).len(), 4);
    }
}
