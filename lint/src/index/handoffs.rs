//! Where the closures and futures a crate function is given run. A *spawner* hands them to a
//! spawner (`fn spawn_handle(&self, task: impl Future, ..) { self.runtime.spawn(async move {
//! task.await }) }`): they run on another thread or task, as the spawner's do. A *keeper* stores
//! them for later (`fn subscribe(&self, f: impl Fn(Event)) { self.listeners.lock().push(Box::new(f))
//! }`): a callback, which runs wherever it is called later, not during the call. Either way a
//! closure or `async` block passed to it is not code run under the caller's locks.
//!
//! Only functions with a parameter typed by a closure or future trait are candidates, and their
//! bodies are only scanned as text (not parsed, not even lexed: most candidates are small
//! generic helpers, and many bodies would be read for a few spawners): one is a spawner when a
//! call of a spawner's name has that parameter, as a word, between its parentheses. Spawners
//! found make their callers' wrappers spawners too, round after round. One is a keeper when
//! every use of such a parameter stores it (`keeps`).

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
    index.keepers = texts
        .iter()
        .filter(|(f, params, text)| !index.spawners.contains(f) && keeps(text, params))
        .map(|(f, ..)| *f)
        .collect();
}

/// Calls that wrap what they are given (`Box::new(f)`, `Some(f)`): stored only where the
/// wrapper is. Any other call of a capitalized name builds a tuple struct or variant
/// (`Self(Arc::new(f))`, `Handler::Boxed(f)`), which keeps it.
const WRAPPING: &[&str] = &["new", "pin", "Some", "Ok", "Err"];

/// Wrappers around wrappers followed (`Some(Box::new(f))`).
const MAX_WRAPPERS: u32 = 4;

/// Whether `body` uses a parameter of `params` and only stores it: as the argument of a
/// storing call (`Box::new(f)`, `.push(f)`), assigned (`self.on_exit = f`), or a struct
/// literal's field (`Watcher { callback: f }`, `Watcher { f }`). A parameter called or handed
/// to anything else (`f()`, `run(f)`, `f.await`) may run during the call.
fn keeps(body: &str, params: &[String]) -> bool {
    params.iter().any(|p| {
        let mut uses = words(body, p).peekable();
        uses.peek().is_some() && uses.all(|at| stored_at(body, at, p.len(), 0))
    })
}

/// Whether the expression at `body[at..at + len]` is a value being stored.
fn stored_at(body: &str, at: usize, len: usize, wrappers: u32) -> bool {
    let before = body[..at].trim_end();
    let after = body[at + len..].trim_start();
    // The whole argument or value: `Box::new(f)`, `= f;`, `callback: f,`, `{ f }`.
    if !after.starts_with([')', ';', ',', '}']) {
        return false;
    }
    // An argument of a call: stored by an insertion, or by a wrapper that is itself stored.
    if let Some(open) = open_paren(body, before.len()) {
        let path = body[..open].trim_end();
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        let callee = path.rsplit(|c: char| !ident(c)).next().unwrap_or_default();
        let builds = !WRAPPING.contains(&callee) && callee.starts_with(char::is_uppercase);
        if crate::locks::api::inserts(callee) || builds {
            return true;
        }
        let only_argument = before.ends_with('(');
        if !WRAPPING.contains(&callee) || !only_argument || wrappers >= MAX_WRAPPERS {
            return false;
        }
        // The wrapper call as a whole, from its path (`Box::new`) to its closing parenthesis.
        let start = path
            .char_indices()
            .rev()
            .take_while(|&(_, c)| ident(c) || c == ':')
            .last()
            .map_or(path.len(), |(i, _)| i);
        let Some(inner) = parenthesized(&body[open..]) else {
            return false;
        };
        let end = open + inner.len() + 2;
        return stored_at(body, start, end - start, wrappers + 1);
    }
    // Into a place (`self.on_exit = f;`), not a new variable that may be called later.
    let statement = before
        .rfind([';', '{', '}'])
        .map_or(before, |i| &before[i + 1..])
        .trim_start();
    let assigned = before.ends_with('=')
        && !before.ends_with("==")
        && after.starts_with(';')
        && !statement.starts_with("let ");
    let field = before.ends_with(':') && !before.ends_with("::");
    // `Watcher { f, .. }`: a name alone in a struct literal's braces (not a block's tail).
    let opens_literal = before.strip_suffix('{').is_some_and(|b| {
        b.trim_end()
            .ends_with(|c: char| c.is_alphanumeric() || c == '_')
    });
    let shorthand =
        wrappers == 0 && (opens_literal || before.ends_with(',')) && after.starts_with(['}', ',']);
    assigned || field || shorthand
}

/// The opening parenthesis of the call whose argument list `body[..at]` ends in (`insert(id, `),
/// if it is one: `None` inside a block or a struct literal's braces.
fn open_paren(body: &str, at: usize) -> Option<usize> {
    let mut depth = 0u32;
    for (i, c) in body[..at].char_indices().rev() {
        match c {
            ')' | ']' => depth += 1,
            '(' | '[' if depth > 0 => depth -= 1,
            '(' => return Some(i),
            '[' | '{' | '}' | ';' if depth == 0 => return None,
            _ => {}
        }
    }
    None
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

    fn kept(body: &str) -> bool {
        keeps(body, &["f".to_string()])
    }

    #[test]
    fn a_function_that_only_stores_its_argument_keeps_it() {
        assert!(kept(
            "{ self.listeners.lock().unwrap().push(Box::new(f)); }"
        ));
        assert!(kept("{ *self.on_exit.lock() = Some(Box::new(f)); }"));
        assert!(kept("{ self.callback = f; }"));
        assert!(kept("{ Watcher { callback: Box::new(f), state } }"));
        assert!(kept("{ Watcher { f, state } }"));
        assert!(kept("{ self.handlers.insert(id, Arc::new(f)); }"));
        assert!(kept("{ *self.on_exit.lock() = Some(Box::new(f)); }"));
        assert!(kept("{ self.slot.set(Some(Box::pin(f))); }"));
        assert!(kept("{ self.handlers.insert(id, f); }"));
        assert!(kept("{ Self(Arc::new(f)) }"));
        assert!(kept("{ Handler::Boxed(Box::new(f)) }"));
        assert!(kept("{ self.on_exit = Some(f); }"));
    }

    #[test]
    fn a_function_that_calls_or_passes_on_its_argument_does_not_keep_it() {
        assert!(!kept("{ f(); }"));
        assert!(!kept("{ self.list.push(Box::new(f)); f() }"));
        assert!(!kept("{ let g = f; }"));
        assert!(!kept("{ run(f) }"));
        assert!(!kept("{ f.await }"));
        assert!(!kept("{ if x == f { } }"));
        // Wrapped, then handed to something that may run it.
        assert!(!kept("{ self.run_with(Box::new(f)) }"));
        assert!(!kept("{ let g = Some(f); }"));
        assert!(!kept("{ Ok(f) }"));
        assert!(!kept("{ f }"));
        // A wrapper right after a character of several bytes.
        assert!(!kept("{ run(─Some(f)) }"));
        assert!(!kept("{ g(); }"));
    }
}
