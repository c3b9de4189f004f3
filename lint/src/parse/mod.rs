//! Step 2 of the pipeline: read and parse every file of every crate, following `mod`
//! declarations (with `#[path]`) the way rustc finds module files.
//!
//! Each file is parsed on a worker as soon as the file declaring it has been parsed. A file that
//! cannot be read or parsed becomes a [`Problem`] naming it; the rest of the run goes on.
//! Function bodies are left out of the file's tree (`bodies`); the tree is read into an owned
//! outline (`outline`) and dropped by the thread that parsed it. Each function is parsed from
//! its text when it is walked (`events`).

pub mod bodies;
mod item_macros;
pub mod legacy;
mod literals;
mod modules;
pub mod outline;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::discover::{CrateRoot, Edition};
use crate::names::{Interner, Names};
use crate::report::Problem;
use crate::source::{display_path, parse_each, FileId, SourceDb, SourceFile};
use bodies::{Cut, Group, GroupKind};
pub use item_macros::read_item_macros;
use item_macros::{inline_impl_macros, inline_item_macros};
use modules::{mod_candidates, mod_decls, own_mod_dir};
pub use modules::{path_attrs, ModPaths};
use outline::{Item, Members, Outline, Reader};

pub struct Crate {
    pub name: String,
    pub root: FileId,
    pub edition: Edition,
    /// `discover::CrateRoot::dependencies`.
    pub dependencies: Option<std::sync::Arc<[String]>>,
    /// `discover::CrateRoot::context`.
    pub context: bool,
    /// `discover::CrateRoot::target`.
    pub target: Option<std::sync::Arc<crate::discover::Target>>,
    /// `discover::CrateRoot::test_code`.
    pub test_code: bool,
}

pub struct Parsed {
    pub db: SourceDb,
    /// Indexed by `FileId`; `None` where the file could not be parsed. The index takes them
    /// (`index::build`).
    pub outlines: Vec<Option<Outline>>,
    pub crates: Vec<Crate>,
    pub problems: Vec<Problem>,
    /// The names the outlines hold.
    pub names: Names,
    by_path: HashMap<PathBuf, FileId>,
    mod_dirs: Vec<PathBuf>,
}

impl Parsed {
    fn empty() -> Parsed {
        Parsed {
            db: SourceDb::default(),
            outlines: Vec::new(),
            crates: Vec::new(),
            problems: Vec::new(),
            names: Names::default(),
            by_path: HashMap::new(),
            mod_dirs: Vec::new(),
        }
    }

    /// The file a `mod name;` declaration (inside inline modules `inline` of `parent`) loads.
    pub fn mod_file(
        &self,
        parent: FileId,
        inline: &[String],
        name: &str,
        paths: &ModPaths,
    ) -> Option<FileId> {
        let parent_path = &self.db.get(parent).path;
        mod_candidates(
            parent_path,
            &self.mod_dirs[parent.0 as usize],
            inline,
            name,
            paths,
        )
        .into_iter()
        .find_map(|(p, _)| self.by_path.get(&p).copied())
    }
}

/// Skeletons are parsed in pieces of about this many bytes other than spaces (blanked bodies
/// cost syn nothing), cut between items and between the members of large `impl`, `trait` and
/// `mod` blocks, and a piece's items are read one by one as they are parsed
/// (`source::parse_each`). What a thread parsing a file holds at once is then a piece's tokens
/// (in proc-macro2's and syn's buffers, many times the piece's text) and one item's tree, not
/// the file's (tens of times its text: a large generated file would need gigabytes); pieces
/// are also what a file's parsing is shared out by. The size trades peak memory for a little
/// more work per cut (bench/RESULTS.md). Fuzzing inputs are small: tiny pieces make them
/// exercise the cuts.
const PART: usize = if cfg!(fuzzing) { 64 } else { 1 << 8 };

/// Parses `text` with its function bodies left out when it can (`bodies`), in pieces, and reads
/// its outline; else parses it whole. Each piece's tree goes as soon as it is read. Before
/// parsing, `declares` is told the modules the text plainly declares (`bodies::plain_mods`).
fn parse_outline(
    path: PathBuf,
    text: String,
    names: &Interner,
    declares: impl FnOnce(Vec<&str>),
) -> Result<(SourceFile, Outline), (String, String)> {
    let file = SourceFile::new(path, text);
    match outline_of(&file, names, declares) {
        Ok(outline) => Ok((file, outline)),
        Err(e) => {
            let at = e.span().start();
            // proc-macro2's lexer error says only "cannot parse string into token stream".
            let what = e.to_string().replace(
                "cannot parse string into token stream",
                "unbalanced delimiter or invalid token",
            );
            proc_macro2::extra::invalidate_current_thread_spans();
            Err((
                file.text,
                format!(
                    ":{}:{}: cannot parse: {what}; skipped",
                    at.line,
                    at.column + 1
                ),
            ))
        }
    }
}

fn outline_of(
    file: &SourceFile,
    names: &Interner,
    declares: impl FnOnce(Vec<&str>),
) -> syn::Result<Outline> {
    let outline = bodies::skeleton(&file.text).and_then(|sk| {
        let src = sk.text.as_deref().unwrap_or(&file.text);
        declares(bodies::plain_mods(src, &sk.item_ends));
        read_parts(file, names, src, &sk.item_ends, &sk.groups).ok()
    });
    outline
        .map_or_else(|| read_parts(file, names, &file.text, &[], &[]), Ok)
        .or_else(|e| item_by_item(file, names).ok_or(e))
}

/// A file that syn rejects as a whole (edition 2015 code: `mod async;`, anonymous parameters of
/// trait methods) is read one top-level item at a time, each item that does not parse read
/// again as edition 2015 code (`legacy`); an item that still does not parse is skipped and
/// named (`Outline::skipped`). `None` when the file does not even lex.
fn item_by_item(file: &SourceFile, names: &Interner) -> Option<Outline> {
    let sk = bodies::skeleton(&file.text)?;
    let src = sk.text.as_deref().unwrap_or(&file.text);
    let mut outline = Outline::default();
    let mut start = Cut { byte: 0, chars: 0 };
    for &end in sk.item_ends.iter().chain(std::iter::once(&Cut {
        byte: src.len() as u32,
        chars: u32::MAX,
    })) {
        if end.byte <= start.byte {
            continue;
        }
        // Edition 2015 code that today's syntax rejects is read as what it means now.
        let part = read_part(file, names, src, start, end.byte as usize, false).or_else(|e| {
            read_part(file, names, src, start, end.byte as usize, true).map_err(|_| e)
        });
        match part {
            Ok(part) => {
                outline.items.extend(part.items);
                outline.malformed.extend(part.malformed);
            }
            Err(e) => {
                let text = src
                    .get(start.byte as usize..end.byte as usize)
                    .unwrap_or_default();
                let blank = text.chars().take_while(|c| c.is_whitespace()).count();
                let (line, column) = file.line_column(start.chars as usize + blank);
                outline.skipped.push((line, column, e.to_string()));
            }
        }
        proc_macro2::extra::invalidate_current_thread_spans();
        start = end;
    }
    Some(outline)
}

/// The outline of a file that parsed, read again: the index takes outlines apart, and a file
/// that two crates declare is a module of each.
pub fn reread(file: &SourceFile, names: &Interner) -> Option<Outline> {
    let outline = outline_of(file, names, |_| ()).ok();
    proc_macro2::extra::invalidate_current_thread_spans();
    outline
}

/// A piece of a skeleton parsed on its own (`read_parts`), from `start` to byte `end`.
enum Piece<'g> {
    Items(Cut, usize),
    /// An item holding a large group, with the group's members blanked: they are the pieces
    /// that follow.
    Header(Cut, usize, &'g Group),
    Members(Cut, usize, GroupKind),
}

enum Read {
    Items(Outline),
    ModItems(Outline),
    /// Functions of the `impl` or `trait` block that the last header read.
    Fns(Vec<outline::FnItem>, Vec<(crate::source::Pos, String)>),
}

/// The outline of `src` (`file`'s text or skeleton), parsed in pieces of at least `PART` bytes
/// cut at `item_ends`, and inside the `groups` (`impl` and `mod` blocks) that are larger than
/// that, between their members. Pieces are parsed in parallel: a crate's root file is often a
/// large part of the crate, and the files it declares cannot start before it is read.
fn read_parts(
    file: &SourceFile,
    names: &Interner,
    src: &str,
    item_ends: &[Cut],
    groups: &[Group],
) -> syn::Result<Outline> {
    use rayon::prelude::*;
    let pieces = pieces(src, item_ends, groups);
    let reads: Vec<Read> = match pieces.as_slice() {
        // The whole text, or a small file: the caller reads the error's position.
        [Piece::Items(start, end)] => vec![Read::Items(read_part(
            file, names, src, *start, *end, false,
        )?)],
        _ => pieces
            .into_par_iter()
            // One piece a task: a file has few, and each is worth stealing.
            .with_max_len(1)
            .map(|piece| {
                let read = read_piece(file, names, src, piece);
                // Whatever the outcome, this thread is done with this text.
                proc_macro2::extra::invalidate_current_thread_spans();
                read
            })
            .collect::<syn::Result<_>>()?,
    };
    let mut outline = Outline::default();
    outline.items.reserve_exact(
        reads
            .iter()
            .map(|r| match r {
                Read::Items(o) => o.items.len(),
                _ => 0,
            })
            .sum(),
    );
    // Members join the group item that the last header read.
    let misread = || syn::Error::new(proc_macro2::Span::call_site(), "group cut wrongly");
    for read in reads {
        match read {
            Read::Items(part) => {
                outline.items.extend(part.items);
                outline.malformed.extend(part.malformed);
            }
            Read::ModItems(part) => match outline.items.last_mut() {
                Some(Item::Mod {
                    inline: Some(items),
                    ..
                }) => {
                    items.extend(part.items);
                    items.shrink_to_fit();
                    outline.malformed.extend(part.malformed);
                }
                _ => return Err(misread()),
            },
            Read::Fns(more, malformed) => {
                match outline.items.last_mut() {
                    Some(Item::Impl(imp)) => {
                        let mut all = std::mem::take(&mut imp.fns).into_vec();
                        all.extend(more);
                        imp.fns = all.into_boxed_slice();
                    }
                    Some(Item::Trait { fns, .. }) => {
                        fns.extend(more);
                        fns.shrink_to_fit();
                    }
                    _ => return Err(misread()),
                }
                outline.malformed.extend(malformed);
            }
        }
    }
    Ok(outline)
}

/// How `read_parts` cuts `src` into pieces of at least `PART` bytes other than spaces.
fn pieces<'g>(src: &str, item_ends: &[Cut], groups: &'g [Group]) -> Vec<Piece<'g>> {
    // Blanked bodies are spaces, which cost syn nothing: what a tree grows with is the rest.
    let weight = |from: u32, to: usize| {
        src.as_bytes()
            .get(from as usize..to)
            .map_or(0, |b| b.iter().map(|&c| usize::from(c != b' ')).sum())
    };
    let len = src.len();
    let mut pieces = Vec::new();
    let mut groups = groups.iter().peekable();
    // Where the piece being gathered starts and how heavy it is so far, and where the item
    // being looked at starts.
    let mut start = Cut { byte: 0, chars: 0 };
    let mut gathered = 0;
    let mut item = start;
    let ends = item_ends.iter().map(|c| (c.byte as usize, Some(*c)));
    for (end, cut) in ends.chain([(len, None)]) {
        while groups.next_if(|g| g.open.byte < item.byte).is_some() {}
        let group = groups.next_if(|g| (g.open.byte as usize) < end);
        let w = weight(item.byte, end);
        match group {
            Some(g) if w > PART => {
                if item.byte > start.byte {
                    pieces.push(Piece::Items(start, item.byte as usize));
                }
                pieces.push(Piece::Header(item, end, g));
                let (mut from, mut members) = (g.open, 0);
                let mut last = g.open.byte;
                for m in &g.member_ends {
                    members += weight(last, m.byte as usize);
                    last = m.byte;
                    if members >= PART {
                        pieces.push(Piece::Members(from, m.byte as usize, g.kind));
                        (from, members) = (*m, 0);
                    }
                }
                pieces.push(Piece::Members(from, g.close.byte as usize, g.kind));
                start = cut.unwrap_or(Cut {
                    byte: len as u32,
                    chars: 0,
                });
                gathered = 0;
            }
            _ => {
                gathered += w;
                if gathered >= PART || cut.is_none() {
                    if end > start.byte as usize || pieces.is_empty() {
                        pieces.push(Piece::Items(start, end));
                    }
                    if let Some(c) = cut {
                        start = c;
                    }
                    gathered = 0;
                }
            }
        }
        if let Some(c) = cut {
            item = c;
        }
    }
    pieces
}

fn read_piece(file: &SourceFile, names: &Interner, src: &str, piece: Piece) -> syn::Result<Read> {
    let text = |start: Cut, end: usize| {
        src.get(start.byte as usize..end).ok_or_else(|| {
            syn::Error::new(proc_macro2::Span::call_site(), "cut inside a character")
        })
    };
    let reader = |origin| (Reader::new(file, origin, names), Vec::new());
    Ok(match piece {
        Piece::Items(start, end) => Read::Items(read_part(file, names, src, start, end, false)?),
        Piece::Header(start, end, g) => {
            let before = text(start, g.open.byte as usize)?;
            let mut header = before.to_string();
            if before.contains("lock_order") {
                // An `allow` covers the block to its `}`, whose position must then be right:
                // the members are blanked character for character.
                header.extend(text(g.open, g.close.byte as usize)?.chars().map(|c| {
                    if c == '\n' {
                        '\n'
                    } else {
                        ' '
                    }
                }));
                header.push_str(text(g.close, end)?);
            } else {
                header.push('}');
            }
            Read::Items(read_text(file, names, &header, start.chars, false)?)
        }
        Piece::Members(start, end, GroupKind::Mod) => {
            Read::ModItems(read_part(file, names, src, start, end, false)?)
        }
        Piece::Members(start, end, GroupKind::Impl) => {
            let chars = start.chars as usize;
            let (r, fns) =
                parse_each(text(start, end)?, chars, false, reader, |(r, fns), item| {
                    let mut items = vec![item];
                    inline_impl_macros(&mut items, 0);
                    r.read_members(Members::Impl(&items), fns);
                })?;
            Read::Fns(fns, r.malformed)
        }
        Piece::Members(start, end, GroupKind::Trait) => {
            let chars = start.chars as usize;
            let (r, fns) =
                parse_each(text(start, end)?, chars, false, reader, |(r, fns), item| {
                    r.read_members(Members::Trait(std::slice::from_ref(&item)), fns);
                })?;
            Read::Fns(fns, r.malformed)
        }
    })
}

/// The outline of `src[start.byte..end]`, whose first character is `file`'s `start.chars`th;
/// `legacy`: read as edition 2015 code (`legacy`).
fn read_part(
    file: &SourceFile,
    names: &Interner,
    src: &str,
    start: Cut,
    end: usize,
    legacy: bool,
) -> syn::Result<Outline> {
    // A cut that is not between characters would be the lexer's mistake: parse whole.
    let part = src
        .get(start.byte as usize..end)
        .ok_or_else(|| syn::Error::new(proc_macro2::Span::call_site(), "cut inside a character"))?;
    read_text(file, names, part, start.chars, legacy)
}

/// The outline of `part`, whose first character is `file`'s `chars_before`th.
fn read_text(
    file: &SourceFile,
    names: &Interner,
    part: &str,
    chars_before: u32,
    legacy: bool,
) -> syn::Result<Outline> {
    let read = |(r, items): &mut (Reader, Vec<Item>), item| {
        let mut expanded = vec![item];
        inline_item_macros(&mut expanded, 0);
        r.read_items(&expanded, items);
    };
    let (r, mut items) = parse_each(
        part,
        chars_before as usize,
        legacy,
        |o| (Reader::new(file, o, names), Vec::new()),
        read,
    )?;
    // Positions are ours from here on (`source`): proc-macro2's copy of the text can go.
    proc_macro2::extra::invalidate_current_thread_spans();
    // Outlines live until the index is built: no slack.
    items.shrink_to_fit();
    Ok(Outline {
        items,
        malformed: r.malformed,
        skipped: Vec::new(),
    })
}

enum Loaded {
    Ok(SourceFile, Outline),
    /// The text when it could be read, and why it cannot be analyzed (with a position when
    /// there is one).
    Failed(Option<String>, String),
}

fn load(path: &Path, names: &Interner, declares: impl FnOnce(Vec<&str>)) -> Loaded {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return Loaded::Failed(None, format!(": cannot read: {e}")),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return Loaded::Failed(
                None,
                format!(
                    ": not valid UTF-8 (at byte {}); skipped",
                    e.utf8_error().valid_up_to()
                ),
            )
        }
    };
    match parse_outline(path.to_path_buf(), text, names, declares) {
        Ok((file, outline)) => Loaded::Ok(file, outline),
        Err((text, msg)) => Loaded::Failed(Some(text), msg),
    }
}

/// One crate from text in memory (fuzzing, tests, editors): no file is read.
pub fn parse_text(name: &str, text: &str, edition: Edition) -> Parsed {
    let mut parsed = Parsed::empty();
    let path = PathBuf::from(name);
    let names = Interner::default();
    let (file, outline) = match parse_outline(path.clone(), text.to_string(), &names, |_| ()) {
        Ok((file, outline)) => (file, Some(outline)),
        Err((text, msg)) => {
            parsed.problems.push(Problem::error(format!("{name}{msg}")));
            (SourceFile::new(path.clone(), text), None)
        }
    };
    let id = parsed.db.add(file);
    parsed.by_path.insert(path, id);
    parsed.outlines.push(outline);
    parsed.mod_dirs.push(PathBuf::new());
    parsed.crates.push(Crate {
        name: "main".into(),
        root: id,
        edition,
        dependencies: None,
        context: false,
        target: None,
        test_code: true,
    });
    parsed.names = names.into_names();
    parsed
}

/// A file read and parsed on some worker, with the module files it declares.
struct Done {
    path: PathBuf,
    mod_dir: PathBuf,
    loaded: Loaded,
    children: Vec<PathBuf>,
    /// Declarations no file answers: the name, and where it was looked for.
    missing: Vec<(String, Vec<PathBuf>)>,
}

/// Parses `path`, then, as soon as its `mod` declarations are known, the files they name, each
/// on whichever worker is free (no waiting for a whole level of the module tree). The files of
/// plain declarations start as soon as the file is lexed, before it is parsed: a crate's root
/// is often a large part of it, and the other workers would wait for it. Such a start is a
/// guess: only files that the parsed declarations reach are kept (`parse_all`).
fn parse_tree<'s>(
    scope: &rayon::Scope<'s>,
    path: PathBuf,
    mod_dir: PathBuf,
    seen: &'s Mutex<HashSet<PathBuf>>,
    done: &'s Mutex<Vec<Done>>,
    names: &'s Interner,
) {
    scope.spawn(move |scope| {
        // The file a declaration names, and the directory of its own children.
        let child = |inline: &[String], name: &str, paths: &ModPaths| {
            mod_candidates(&path, &mod_dir, inline, name, paths)
                .into_iter()
                .find(|(p, _)| p.is_file())
        };
        let start = |(file, dir): (PathBuf, PathBuf)| {
            if seen.lock().is_ok_and(|mut s| s.insert(file.clone())) {
                parse_tree(scope, file, dir, seen, done, names);
            }
        };
        let loaded = load(&path, names, |mods| {
            for found in mods
                .into_iter()
                .filter_map(|name| child(&[], name, &ModPaths::default()))
            {
                start(found);
            }
        });
        let (mut children, mut missing) = (Vec::new(), Vec::new());
        if let Loaded::Ok(_, outline) = &loaded {
            for decl in mod_decls(outline, names) {
                if let Some(found) = child(&decl.inline, &decl.name, &decl.paths) {
                    children.push(found.0.clone());
                    start(found);
                } else {
                    let looked =
                        mod_candidates(&path, &mod_dir, &decl.inline, &decl.name, &decl.paths);
                    missing.push((decl.name, looked.into_iter().map(|(p, _)| p).collect()));
                }
            }
        }
        if let Ok(mut d) = done.lock() {
            d.push(Done {
                path,
                mod_dir,
                loaded,
                children,
                missing,
            });
        }
    });
}

pub fn parse_all(roots: &[CrateRoot]) -> Parsed {
    let mut parsed = Parsed::empty();
    let seen = Mutex::new(roots.iter().map(|r| r.root.clone()).collect::<HashSet<_>>());
    let done = Mutex::new(Vec::new());
    let names = Interner::default();
    rayon::scope(|scope| {
        let mut started = HashSet::new();
        for r in roots.iter().filter(|r| started.insert(r.root.clone())) {
            parse_tree(
                scope,
                r.root.clone(),
                own_mod_dir(&r.root, true),
                &seen,
                &done,
                &names,
            );
        }
    });
    // Workers finish in any order; files are numbered by path so every run is the same.
    let mut done = done.into_inner().unwrap_or_default();
    done.sort_by(|a, b| a.path.cmp(&b.path));
    // Only what the roots reach through parsed declarations: a plain declaration seen by the
    // lexer may be inside a macro definition, or in a file that does not parse.
    let mut reached: HashSet<&Path> = roots.iter().map(|r| r.root.as_path()).collect();
    let mut queue: Vec<&Path> = reached.iter().copied().collect();
    while let Some(p) = queue.pop() {
        let Ok(i) = done.binary_search_by(|d| d.path.as_path().cmp(p)) else {
            continue;
        };
        for c in &done[i].children {
            if reached.insert(c) {
                queue.push(c);
            }
        }
    }
    let reached: HashSet<PathBuf> = reached.into_iter().map(Path::to_path_buf).collect();
    done.retain(|d| reached.contains(&d.path));
    let mut reached_as_module = HashSet::new();
    for Done {
        path,
        mod_dir,
        loaded,
        children,
        missing,
    } in done
    {
        reached_as_module.extend(children);
        let (file, outline) = match loaded {
            Loaded::Ok(file, outline) => (file, Some(outline)),
            Loaded::Failed(text, msg) => {
                let file = SourceFile::new(path.clone(), text.unwrap_or_default());
                parsed
                    .problems
                    .push(Problem::error(format!("{}{msg}", file.display)));
                (file, None)
            }
        };
        for (name, looked) in missing {
            let looked: Vec<String> = looked.iter().map(|p| display_path(p)).collect();
            parsed.problems.push(Problem::warning(format!(
                "{}: `mod {name};` names no file (looked for {}); its items are not analyzed",
                file.display,
                looked.join(", ")
            )));
        }
        let id = parsed.db.add(file);
        parsed.by_path.insert(path, id);
        parsed.outlines.push(outline);
        parsed.mod_dirs.push(mod_dir);
    }
    for root in roots {
        if root.loose && reached_as_module.contains(&root.root) {
            continue;
        }
        if let Some(&id) = parsed.by_path.get(&root.root) {
            parsed.crates.push(Crate {
                name: root.name.clone(),
                root: id,
                edition: root.edition,
                dependencies: root.dependencies.clone(),
                context: root.context,
                target: root.target.clone(),
                test_code: root.test_code,
            });
        }
    }
    parsed.names = names.into_names();
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::Name;

    /// A file parsed in parts has the outline it has parsed whole, positions included.
    #[test]
    fn parts_read_like_the_whole() {
        let mut text = String::from("#![allow(unused)]\nuse std::sync::Mutex;\n");
        for i in 0..(3 * PART / 100) {
            text.push_str(&format!(
                "/// é\npub struct S{i} {{ m: Mutex<u8> }}\nimpl S{i} {{ fn f(&self) {{ self.m.lock(); }} }}\nstatic X{i}: S{i} = S{i} {{ m: Mutex::new(0) }};\n"
            ));
        }
        let file = SourceFile::new("t.rs".into(), text.clone());
        let sk = bodies::skeleton(&text).unwrap();
        let src = sk.text.as_deref().unwrap();
        let interner = Interner::default();
        let parts = read_parts(&file, &interner, src, &sk.item_ends, &sk.groups).unwrap();
        let whole = read_parts(&file, &interner, src, &[], &[]).unwrap();
        let names = |o: &Outline| -> Vec<(Name, crate::source::Pos)> {
            o.items
                .iter()
                .filter_map(|i| match i {
                    Item::Struct { name, .. } | Item::Static { name, .. } => {
                        Some((name.name, name.at))
                    }
                    Item::Impl(imp) => imp.fns.first().map(|f| (f.name.name, f.name.at)),
                    _ => None,
                })
                .collect()
        };
        assert!(sk.item_ends.len() > 3 * PART / 100);
        assert_eq!(names(&parts), names(&whole));
        assert_eq!(names(&parts).len(), 3 * (3 * PART / 100));
    }

    /// Large `impl`, `trait` and `mod` blocks are parsed in pieces between their members, and
    /// read as if they had been parsed whole.
    #[test]
    fn groups_read_like_the_whole() {
        let n = 3 * PART / 20;
        let mut text = String::from(
            "#[cfg(x)]\n#[lock_order(allow(double-lock))]\nimpl<T: Clone> Big<T> where T: Send {\n",
        );
        for i in 0..n {
            text.push_str(&format!("    /// é\n    #[inline] pub fn f{i}(&self, a: Vec<T>) -> u8 {{ é(); 1 }}\n    const C{i}: u8 = 1;\n"));
        }
        text.push_str("}\npub trait Tr {\n");
        for i in 0..n {
            text.push_str(&format!(
                "    fn d{i}(&self) -> u8 {{ 1 }}\n    fn e{i}(&self);\n"
            ));
        }
        text.push_str("}\n#[cfg(test)]\nmod tests {\n    use super::*;\n");
        for i in 0..n {
            text.push_str(&format!(
                "    #[test] fn t{i}() {{ x(); }}\n    struct S{i};\n"
            ));
        }
        text.push_str("}\nfn last() {}\n");
        let file = SourceFile::new("t.rs".into(), text.clone());
        let sk = bodies::skeleton(&text).unwrap();
        let src = sk.text.as_deref().unwrap();
        let cut = pieces(src, &sk.item_ends, &sk.groups);
        let members = cut
            .iter()
            .filter(|p| matches!(p, Piece::Members(..)))
            .count();
        assert!(members > 6, "{members} pieces of members");
        type FnAt = (Name, crate::source::Pos, Option<(u32, u32)>);
        fn fns(items: &[Item], out: &mut Vec<FnAt>) {
            for item in items {
                let list: &[outline::FnItem] = match item {
                    Item::Impl(imp) => &imp.fns,
                    Item::Trait { fns, .. } => fns,
                    Item::Fn(f) => std::slice::from_ref(f),
                    Item::Mod {
                        inline: Some(inner),
                        ..
                    } => {
                        fns(inner, out);
                        &[]
                    }
                    _ => &[],
                };
                out.extend(list.iter().map(|f| (f.name.name, f.name.at, f.text)));
            }
        }
        let (mut in_pieces, mut whole) = (Vec::new(), Vec::new());
        let interner = Interner::default();
        let cut = read_parts(&file, &interner, src, &sk.item_ends, &sk.groups).unwrap();
        let uncut = read_parts(&file, &interner, src, &[], &[]).unwrap();
        fns(&cut.items, &mut in_pieces);
        fns(&uncut.items, &mut whole);
        assert_eq!(in_pieces.len(), 3 * n + 1);
        assert_eq!(in_pieces, whole);
        // The allow covers the whole block, to its `}`.
        let allow = |o: &Outline| match &o.items[0] {
            Item::Impl(imp) => imp.allows.iter().map(|a| (a.start, a.end)).collect(),
            _ => Vec::new(),
        };
        assert_eq!(
            allow(&cut),
            [(10, text.find("}\npub trait").unwrap() as u32 + 1)]
        );
        assert_eq!(allow(&cut), allow(&uncut));
    }

    /// Text in memory may declare modules it cannot load: they are simply not followed.
    #[test]
    fn text_in_memory_declaring_modules() {
        let parsed = parse_text(
            "t.rs",
            "mod a; #[path = \"x.rs\"] mod b; fn main() {}",
            Edition::E2021,
        );
        assert_eq!(parsed.crates.len(), 1);
        assert_eq!(
            parsed.mod_file(parsed.crates[0].root, &[], "a", &ModPaths::default()),
            None
        );
        let report = crate::analyze_text("t.rs", "mod a; fn main() {}", Edition::E2021);
        assert!(report.findings.is_empty());
    }
}
