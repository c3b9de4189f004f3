//! The crate's own spawners: a function that hands the closure or future it is given to a
//! spawner (`fn spawn_handle(&self, task: impl Future, ..) { self.runtime.spawn(async move {
//! task.await }) }`) runs it on another thread or task, as the spawner does. A closure or
//! `async` block passed to it is another thread's, not code run under the caller's locks.
//!
//! Only functions with a parameter typed by a closure or future trait are candidates, and their
//! bodies are only lexed (not parsed): one is a spawner when a call of a spawner's name has that
//! parameter among its argument tokens. Spawners found make their callers' wrappers spawners
//! too, round after round.

use std::collections::HashSet;

use proc_macro2::{TokenStream, TokenTree};

use super::{FnId, Index};
use crate::locks::api;
use crate::source::SourceDb;

/// Rounds of wrappers around wrappers followed.
const MAX_ROUNDS: usize = 4;

/// `candidates`: functions with the names of their closure or future parameters.
pub(super) fn find(index: &mut Index, db: &SourceDb, candidates: &[(FnId, Vec<String>)]) {
    let bodies: Vec<(FnId, &[String], TokenStream)> = candidates
        .iter()
        .filter_map(|(f, params)| {
            let def = index.func(*f);
            let (start, end) = def.text?;
            let text = db.get(def.file).text.get(start as usize..=end as usize)?;
            Some((*f, &params[..], text.parse().ok()?))
        })
        .collect();
    let mut found: HashSet<FnId> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        let names: HashSet<String> = found
            .iter()
            .map(|f| index.name(index.func(*f).name).to_string())
            .collect();
        let is_spawner = |name: &str| api::is_spawner(name) || names.contains(name);
        let before = found.len();
        for (f, params, body) in &bodies {
            if !found.contains(f) && hands_on(body, params, &is_spawner) {
                found.insert(*f);
            }
        }
        if found.len() == before {
            break;
        }
    }
    // The lexed bodies' spans are not needed again.
    proc_macro2::extra::invalidate_current_thread_spans();
    index.spawners = found;
}

/// Whether `body` calls a spawner with one of `params` among the call's argument tokens.
fn hands_on(body: &TokenStream, params: &[String], is_spawner: &impl Fn(&str) -> bool) -> bool {
    let tokens: Vec<TokenTree> = body.clone().into_iter().collect();
    tokens.iter().enumerate().any(|(i, tt)| match tt {
        TokenTree::Group(g) => {
            let called = match i.checked_sub(1).map(|j| &tokens[j]) {
                Some(TokenTree::Ident(name)) => is_spawner(&name.to_string()),
                _ => false,
            };
            (called && mentions(&g.stream(), params)) || hands_on(&g.stream(), params, is_spawner)
        }
        _ => false,
    })
}

fn mentions(tokens: &TokenStream, params: &[String]) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Ident(id) => params.iter().any(|p| id == p.as_str()),
        TokenTree::Group(g) => mentions(&g.stream(), params),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spawns(body: &str, params: &[&str]) -> bool {
        let tokens: TokenStream = body.parse().expect("lexes");
        let params: Vec<String> = params.iter().map(|p| p.to_string()).collect();
        hands_on(&tokens, &params, &|n| api::is_spawner(n))
    }

    #[test]
    fn a_function_that_hands_its_argument_to_a_spawner_is_one() {
        assert!(spawns(
            "{ let h = self.handle(); h.spawn(async move { task.await; done(); }) }",
            &["task"]
        ));
        assert!(spawns(
            "{ std::thread::Builder::new().spawn(f).unwrap() }",
            &["f"]
        ));
        assert!(!spawns("{ f(); self.pool.spawn(other) }", &["f"]));
        assert!(!spawns("{ let r = f(); r }", &["f"]));
    }
}
