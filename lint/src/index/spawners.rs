//! The crate's own spawners: a function that hands the closure or future it is given to a
//! spawner (`fn spawn_handle(&self, task: impl Future, ..) { self.runtime.spawn(async move {
//! task.await }) }`) runs it on another thread or task, as the spawner does. A closure or
//! `async` block passed to it is another thread's, not code run under the caller's locks.
//!
//! Only functions with a parameter typed by a closure or future trait are candidates, and their
//! bodies are only scanned as text (not parsed, not even lexed: most candidates are small
//! generic helpers, and many bodies would be read for a few spawners): one is a spawner when a
//! call of a spawner's name has that parameter, as a word, between its parentheses. Spawners
//! found make their callers' wrappers spawners too, round after round.

use std::collections::HashSet;

use super::{FnId, Index};
use crate::locks::api;
use crate::source::SourceDb;

/// Rounds of wrappers around wrappers followed.
const MAX_ROUNDS: usize = 4;

/// `candidates`: functions with the names of their closure or future parameters.
pub(super) fn find(index: &mut Index, db: &SourceDb, candidates: &[(FnId, Vec<String>)]) {
    let texts: Vec<(FnId, &[String], &str)> = candidates
        .iter()
        .filter_map(|(f, params)| {
            let def = index.func(*f);
            let (start, end) = def.text?;
            let text = db.get(def.file).text.get(start as usize..=end as usize)?;
            Some((*f, &params[..], text))
        })
        .collect();
    let mut found: HashSet<FnId> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        let mut names: Vec<String> = found
            .iter()
            .map(|f| index.name(index.func(*f).name).to_string())
            .collect();
        names.extend(api::spawner_names().map(str::to_string));
        let before = found.len();
        for (f, params, text) in &texts {
            if !found.contains(f) && hands_on(text, params, &names) {
                found.insert(*f);
            }
        }
        if found.len() == before {
            break;
        }
    }
    index.spawner_methods = found
        .iter()
        .map(|&f| index.func(f))
        .filter(|def| !matches!(def.owner, super::Owner::Module(_)))
        .map(|def| def.name)
        .collect();
    index.spawners = found;
}

/// Whether `body` calls one of `spawners` with one of `params` between the call's parentheses.
fn hands_on(body: &str, params: &[String], spawners: &[String]) -> bool {
    spawners.iter().any(|name| {
        words(body, name).any(|at| {
            let rest = body[at + name.len()..].trim_start();
            rest.starts_with('(')
                && parenthesized(rest)
                    .is_some_and(|args| params.iter().any(|p| words(args, p).next().is_some()))
        })
    })
}

/// Where `word` occurs in `text` as a whole identifier.
fn words<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).map(|(i, _)| i).filter(move |&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// The text between the `(` `text` starts with and its matching `)`.
fn parenthesized(text: &str) -> Option<&str> {
    let mut depth = 0u32;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(&text[1..i]);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spawns(body: &str, params: &[&str]) -> bool {
        let params: Vec<String> = params.iter().map(|p| p.to_string()).collect();
        let names: Vec<String> = api::spawner_names().map(str::to_string).collect();
        hands_on(body, &params, &names)
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
        assert!(!spawns("{ spawner(fx) }", &["f"]));
    }
}
