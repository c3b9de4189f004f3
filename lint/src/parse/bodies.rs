//! Function bodies are parsed when they are walked, not with their file.
//!
//! A syntax tree is tens of times the size of its source, and the index must see every file
//! before any body can be walked; holding every body's tree until then made memory grow with
//! the crate. So before a file is parsed, the bodies of its functions are found by a small
//! lexer and blanked (every character but newlines becomes a space, so positions do not move):
//! the file parses into a *skeleton* whose functions have empty bodies, read into an outline and
//! dropped (`outline`); each function's text is parsed on the thread that walks it, and dropped
//! right after (`events::walker`).
//!
//! Doc comments are blanked the same way: to syn they are attributes, often the largest part of
//! a file's tree, and nothing the analysis reads. So are the insides of large array literals
//! made of literals alone (generated tables in `static`s and `const`s).
//!
//! A body is deferred whole when its own statements declare no items (`fn`, `struct`, `use`,
//! ...). One that does keeps its items, which the index needs up front (a function body is a
//! module), and only its other statements are blanked; one with inner attributes (`#![..]`, the
//! function's own) is kept whole. Nothing inside a `macro_rules!` definition is touched. When
//! the lexer and syn disagree (it misreads something and the skeleton does not parse), the
//! whole text is parsed instead: deferring saves memory, it never changes meaning.

use super::literals::{block_comment_end, memchr, quote_end, raw_or_prefixed_literal, string_end};

/// Keywords that start an item, which a deferred body must not declare at its top level.
const ITEM_KEYWORDS: &[&str] = &[
    "fn",
    "struct",
    "enum",
    "union",
    "trait",
    "impl",
    "mod",
    "static",
    "const",
    "use",
    "type",
    "extern",
    "macro_rules",
];

struct Frame {
    close: u8,
    body: Option<Body>,
    /// The braces of a top-level `impl`, `trait` or `mod` block, whose members are cut too
    /// (`Group`).
    group: bool,
    /// Inside a `macro_rules!` definition: its `fn`s are templates (`$name`, `$body`), not
    /// functions, and nothing in it is blanked.
    template: bool,
    /// Where it opens, and how many identifiers the file had before: a large `[..]` of
    /// literals alone (a generated table) is blanked, since no lock can be in it.
    open: usize,
    idents: usize,
}

/// Bytes from which an array of literals alone is blanked: syn makes a node of every element,
/// tens of times the text (a 2.5 MB table cost 180 MB).
const LARGE_TABLE: usize = 16 << 10;

/// A function body being read.
struct Body {
    open: usize,
    /// How many ranges were recorded before it (the ones inside it are dropped when it is
    /// deferred whole).
    mark: usize,
    /// Whether its own statements declare items.
    items: bool,
    /// `#![..]`: kept whole.
    inner_attr: bool,
    /// The statement being read (from the end of the previous one at the body's top level),
    /// the ranges recorded before it, and whether it is an item. A statement that is not an
    /// item is blanked if the body keeps its items.
    stmt: usize,
    stmt_mark: usize,
    stmt_item: bool,
}

impl Body {
    /// The statement before `end` is complete: blank it unless it is an item (if the body turns
    /// out to declare none, it is deferred whole and these ranges are dropped).
    fn end_stmt(&mut self, end: usize, ranges: &mut Vec<Blank>) {
        if !self.stmt_item && !self.inner_attr && end > self.stmt {
            ranges.truncate(self.stmt_mark);
            ranges.push(Blank::Text(self.stmt as u32, end as u32));
        }
        self.stmt = end;
        self.stmt_mark = ranges.len();
        self.stmt_item = false;
    }
}

/// What the skeleton leaves out: a deferred body (`{` and `}` offsets; what is between them is
/// blanked), or a byte range: a doc comment (docs are attributes to syn, and the largest part of
/// many files' trees, but nothing the analysis reads) or a statement of a body that is kept for
/// its items.
#[derive(Clone, Copy)]
enum Blank {
    Body(u32, u32),
    Text(u32, u32),
}

/// What the lexer finds in a file.
pub struct Skeleton {
    /// The text with its function bodies (from `{` to `}`, exclusive) and doc comments blanked;
    /// `None` when there is nothing to blank.
    pub text: Option<String>,
    /// Just after top-level items (a `;`, or a `}` followed by another item): where the text
    /// can be cut into parts that parse on their own.
    pub item_ends: Vec<Cut>,
    /// The top-level `impl`, `trait` and `mod` blocks, in order: one can be most of a file (a
    /// 700-line `impl`, an inline `mod tests`), and its members can be parsed apart like items.
    pub groups: Vec<Group>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    Impl,
    Trait,
    Mod,
}

/// A top-level `impl`, `trait` or `mod` block, in skeleton bytes like `Cut`s.
#[derive(Debug, PartialEq, Eq)]
pub struct Group {
    pub kind: GroupKind,
    /// Just after its `{`.
    pub open: Cut,
    /// Just after members, as `item_ends` are after items: after every `;`, and after a `}`
    /// that another member follows.
    pub member_ends: Vec<Cut>,
    /// At its `}`.
    pub close: Cut,
}

/// A group as the lexer finds it, in bytes of the text.
struct RawGroup {
    kind: GroupKind,
    open: u32,
    member_ends: Vec<u32>,
    close: u32,
}

/// Where the top-level items and the members of groups end, as the lexer reads them.
#[derive(Default)]
struct Ends {
    items: Vec<u32>,
    /// Whether the first item keyword of the item being read has been seen, and the group its
    /// block opens if that keyword was `impl`, `trait` or `mod`.
    kind_seen: bool,
    group_kind: Option<GroupKind>,
    groups: Vec<RawGroup>,
}

impl Ends {
    fn item(&mut self, at: usize) {
        self.items.push(at as u32);
        self.kind_seen = false;
        self.group_kind = None;
    }

    /// A word at the top level.
    fn word(&mut self, word: &str) {
        if !self.kind_seen && ITEM_KEYWORDS.contains(&word) {
            self.kind_seen = true;
            self.group_kind = match word {
                "impl" => Some(GroupKind::Impl),
                "trait" => Some(GroupKind::Trait),
                "mod" => Some(GroupKind::Mod),
                _ => None,
            };
        }
    }

    /// A `{` at the top level, not a function's: whether it opens a group.
    fn open(&mut self, at: usize) -> bool {
        self.group_kind.take().is_some_and(|kind| {
            self.groups.push(RawGroup {
                kind,
                open: at as u32 + 1,
                member_ends: Vec::new(),
                close: 0,
            });
            true
        })
    }

    fn member(&mut self, at: usize) {
        if let Some(g) = self.groups.last_mut() {
            g.member_ends.push(at as u32);
        }
    }

    fn close(&mut self, at: usize) {
        if let Some(g) = self.groups.last_mut() {
            g.close = at as u32;
        }
    }
}

/// A place in the skeleton: its byte offset there, and its character offset (the same in the
/// file: blanking keeps characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    pub byte: u32,
    pub chars: u32,
}

/// Appends `s` blanked: a space for each character, its newlines kept, so that lines and
/// columns (in characters) stay where they were. A line at a time, not a character at a time:
/// most of a file's text is bodies, blanked here.
fn push_blanked(out: &mut String, s: &str) {
    const SPACES: &str = "                                                                ";
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut n = match line.is_ascii() {
            true => line.len(),
            false => line.chars().count(),
        };
        while n > 0 {
            let k = n.min(SPACES.len());
            out.push_str(&SPACES[..k]);
            n -= k;
        }
    }
}

/// Lexes `text`; `None` when it does not lex (syn will say why).
pub fn skeleton(text: &str) -> Option<Skeleton> {
    let (
        blanks,
        Ends {
            items: ends,
            groups,
            ..
        },
    ) = blanks(text)?;
    // Bytes each blank saves (a blanked `é` is one space), to move the cuts into the skeleton.
    let mut out = String::with_capacity(text.len());
    let mut saved: Vec<(usize, usize)> = Vec::with_capacity(blanks.len());
    let mut at = 0;
    for blank in &blanks {
        let (from, to) = match *blank {
            Blank::Body(open, close) => (open as usize + 1, close as usize),
            Blank::Text(start, end) => (start as usize, end as usize),
        };
        out.push_str(&text[at..from]);
        let before = out.len();
        push_blanked(&mut out, &text[from..to]);
        let total = saved.last().map_or(0, |&(_, s)| s) + (to - from) - (out.len() - before);
        saved.push((to, total));
        at = to;
    }
    if !blanks.is_empty() {
        out.push_str(&text[at..]);
    }
    // Item ends and groups are converted in the order of the text: one pass over the blanks.
    let mut to_cut = {
        let (mut chars, mut last, mut blank) = (0, 0, 0);
        move |end: u32| {
            let end = end as usize;
            // Cuts are never inside a blank: they are at the top level of a file or a group.
            while blank < saved.len() && saved[blank].0 <= end {
                blank += 1;
            }
            let shift = blank.checked_sub(1).map_or(0, |b| saved[b].1);
            chars += text[last..end].chars().count();
            last = end;
            Cut {
                byte: (end - shift) as u32,
                chars: chars as u32,
            }
        }
    };
    let mut item_ends = Vec::with_capacity(ends.len());
    let mut cut_groups = Vec::with_capacity(groups.len());
    let mut groups = groups.into_iter().peekable();
    for end in ends.into_iter().map(Some).chain([None]) {
        while let Some(g) = groups.next_if(|g| end.map_or(true, |e| g.close < e)) {
            cut_groups.push(Group {
                kind: g.kind,
                open: to_cut(g.open),
                member_ends: g.member_ends.into_iter().map(&mut to_cut).collect(),
                close: to_cut(g.close),
            });
        }
        item_ends.extend(end.map(&mut to_cut));
    }
    Some(Skeleton {
        text: (!blanks.is_empty()).then_some(out),
        item_ends,
        groups: cut_groups,
    })
}

/// The modules a skeleton plainly declares at its top level (`mod name;`, `pub(crate) mod
/// name;`), found before it is parsed: a hint, so that the files they name can start parsing
/// at once. Declarations with a `path` attribute, or anything unusual, are left out: the parsed
/// outline has them all.
pub fn plain_mods<'t>(src: &'t str, item_ends: &[Cut]) -> Vec<&'t str> {
    let mut out = Vec::new();
    let mut start = 0;
    for cut in item_ends {
        let item = src.get(start..cut.byte as usize).unwrap_or("");
        start = cut.byte as usize;
        let Some(body) = item.trim_end().strip_suffix(';') else {
            continue;
        };
        let body = body.trim_end();
        let name_at = body
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c == '_' || c.is_alphanumeric()))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let (before, name) = body.split_at(name_at);
        let before = before.trim_end();
        let is_mod = before
            .strip_suffix("mod")
            .is_some_and(|b| b.is_empty() || b.ends_with(|c: char| c.is_whitespace() || c == ')'));
        if is_mod && !name.is_empty() && !before.contains("path") {
            out.push(name);
        }
    }
    out
}

/// `///` and `//!` but not `////`; `/**` and `/*!` but not `/**/` or `/***`.
fn is_doc_comment(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied();
    match (at(1), at(2), at(3)) {
        (Some(b'/'), Some(b'/'), next) => next != Some(b'/'),
        (Some(b'/'), Some(b'!'), _) | (Some(b'*'), Some(b'!'), _) => true,
        (Some(b'*'), Some(b'*'), next) => next != Some(b'*') && next != Some(b'/'),
        _ => false,
    }
}

fn blanks(text: &str) -> Option<(Vec<Blank>, Ends)> {
    // Offsets are stored as u32 (positions in `Loc` are too).
    u32::try_from(text.len()).ok()?;
    let b = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut ranges: Vec<Blank> = Vec::new();
    // `fn` seen, its name expected next.
    let mut after_fn = false;
    // `macro_rules` seen: the next group is its definition.
    let mut macro_rules = false;
    // `fn name` seen at this depth: the next `{` at this depth opens its body.
    let mut pending: Option<usize> = None;
    let mut ends = Ends::default();
    // A `}` closed a top-level group here: an item ends if another one starts next, with an
    // attribute or a word other than `else` and `as` (not if `;` or an operator follows:
    // `static S: T = T { .. };`, `const N: usize = if a { 1 } else { 2 };`).
    let mut after_group: Option<usize> = None;
    // The same as `after_group`, for members inside the group being read.
    let mut after_member: Option<usize> = None;
    // Identifiers seen so far (`Frame::idents`).
    let mut idents = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => {
                let end = if b[i + 1] == b'/' {
                    memchr(b'\n', b, i).unwrap_or(b.len())
                } else {
                    block_comment_end(b, i)?
                };
                if is_doc_comment(b, i) && !stack.last().is_some_and(|f| f.template) {
                    ranges.push(Blank::Text(i as u32, end as u32));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        let mut group_end = after_group.take();
        let mut member_end = after_member.take();
        if c == b'#' {
            if let Some(e) = group_end.take() {
                ends.item(e);
            }
            if let Some(e) = member_end.take() {
                ends.member(e);
            }
        }
        let mut name = false;
        match c {
            b'"' => i = string_end(b, i + 1)?,
            b'\'' => i = quote_end(text, i)?,
            b'{' | b'(' | b'[' => {
                let depth = stack.len();
                let body = (c == b'{' && pending == Some(depth)).then(|| Body {
                    open: i,
                    mark: ranges.len(),
                    items: false,
                    inner_attr: false,
                    stmt: i + 1,
                    stmt_mark: ranges.len(),
                    stmt_item: false,
                });
                if body.is_some() {
                    pending = None;
                }
                let template = macro_rules || stack.last().is_some_and(|f| f.template);
                macro_rules = false;
                let group = c == b'{' && depth == 0 && body.is_none() && !template && ends.open(i);
                stack.push(Frame {
                    group,
                    template,
                    open: i,
                    idents,
                    close: match c {
                        b'{' => b'}',
                        b'(' => b')',
                        _ => b']',
                    },
                    body,
                });
                i += 1;
            }
            b'}' | b')' | b']' => {
                let frame = stack.pop()?;
                if frame.close != c {
                    return None;
                }
                let table = c == b']'
                    && frame.idents == idents
                    && i - frame.open > LARGE_TABLE
                    && !frame.template
                    && stack.iter().all(|f| f.body.is_none());
                if table {
                    ranges.push(Blank::Text(frame.open as u32 + 1, i as u32));
                }
                if let Some(mut body) = frame.body {
                    if body.items || body.inner_attr {
                        body.end_stmt(i, &mut ranges);
                    } else {
                        ranges.truncate(body.mark);
                        ranges.push(Blank::Body(body.open as u32, i as u32));
                    }
                }
                if c == b'}' && stack.is_empty() {
                    after_group = Some(i + 1);
                    if frame.group {
                        ends.close(i);
                    }
                }
                if c == b'}' && stack.len() == 1 && stack[0].group {
                    after_member = Some(i + 1);
                }
                // A block closing at a body's top level ends a statement (`if x { .. }`); the
                // `;` of `let s = S { .. };` is then a statement of its own, and is kept.
                if c == b'}' {
                    if let Some(body) = stack.last_mut().and_then(|f| f.body.as_mut()) {
                        body.end_stmt(i + 1, &mut ranges);
                    }
                }
                if pending.is_some_and(|d| d > stack.len()) {
                    pending = None;
                }
                i += 1;
            }
            // An inner attribute (`#![allow(..)]`) belongs to the function: the index reads it.
            b'#' if b.get(i + 1) == Some(&b'!') => {
                if let Some(body) = stack.last_mut().and_then(|f| f.body.as_mut()) {
                    body.inner_attr = true;
                }
                // A group's inner attributes are its own: it is parsed whole.
                if stack.len() == 1 && stack[0].group {
                    stack[0].group = false;
                    ends.groups.pop();
                }
                i += 1;
            }
            b';' => {
                if pending == Some(stack.len()) {
                    pending = None;
                }
                if stack.is_empty() {
                    ends.item(i + 1);
                }
                if stack.len() == 1 && stack[0].group {
                    ends.member(i + 1);
                }
                // The `;` itself stays: blanking it could join an item to what follows.
                if let Some(body) = stack.last_mut().and_then(|f| f.body.as_mut()) {
                    body.end_stmt(i, &mut ranges);
                    body.stmt = i + 1;
                }
                i += 1;
            }
            c if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80 => {
                let start = i;
                while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric() || b[i] >= 0x80)
                {
                    i += 1;
                }
                let word = &text[start..i];
                if let Some(end) = raw_or_prefixed_literal(b, word, i) {
                    i = end?;
                } else {
                    if word != "else" && word != "as" {
                        if let Some(e) = group_end {
                            ends.item(e);
                        }
                        if let Some(e) = member_end {
                            ends.member(e);
                        }
                    }
                    if stack.is_empty() {
                        ends.word(word);
                    }
                    if !word.starts_with(|c: char| c.is_ascii_digit()) {
                        idents += 1;
                    }
                    if after_fn && !word.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                        pending = Some(stack.len());
                    }
                    name = word == "fn" && !stack.last().is_some_and(|f| f.template);
                    macro_rules |= word == "macro_rules";
                    if let Some(body) = stack.last_mut().and_then(|f| f.body.as_mut()) {
                        let item = ITEM_KEYWORDS.contains(&word);
                        body.items |= item;
                        body.stmt_item |= item;
                    }
                }
            }
            _ => i += 1,
        }
        after_fn = name;
    }
    stack.is_empty().then_some((ranges, ends))
}

#[cfg(test)]
mod tests {
    #[test]
    fn blanking_keeps_lines_and_counts_characters() {
        let text = format!("é = \"ß\";\r\n{}\n\nend", "x".repeat(150));
        let mut out = String::from("{");
        push_blanked(&mut out, &text);
        let want: String = text
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        assert_eq!(out, format!("{{{want}"));
    }

    use super::*;
    use crate::source::parse_each;
    use std::path::Path;

    fn blanked(text: &str) -> String {
        skeleton(text).and_then(|s| s.text).unwrap()
    }

    fn bodies(text: &str) -> Vec<&str> {
        blanks(text)
            .map(|(b, _)| b)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|b| match b {
                Blank::Body(open, close) => Some(&text[open as usize..=close as usize]),
                Blank::Text(..) => None,
            })
            .collect()
    }

    #[test]
    fn function_bodies_are_found_and_blanked_in_place() {
        let text = "fn a() { x(); }\nimpl S { fn b(&self) -> u8 {\n 1 } }\ntrait T { fn c(); fn d() { é() } }";
        assert_eq!(bodies(text), ["{ x(); }", "{\n 1 }", "{ é() }"]);
        let s = blanked(text);
        assert_eq!(s.chars().count(), text.chars().count());
        assert_eq!(s.lines().count(), text.lines().count());
        assert!(s.starts_with("fn a() {      }\nimpl"));
        syn::parse_file(&s).unwrap();
    }

    #[test]
    fn bodies_declaring_items_stay_but_their_inner_functions_are_deferred() {
        let text = "fn a() { use std::sync::Mutex; fn inner() { lock(); } inner() }";
        assert_eq!(bodies(text), ["{ lock(); }"]);
        // Items in nested blocks are not the body's own: the body is deferred whole.
        assert_eq!(bodies("fn a() { let f = || { fn g() {} }; }").len(), 1);
    }

    /// A body declaring items keeps them (their own bodies deferred) and blanks its statements.
    #[test]
    fn bodies_declaring_items_keep_only_their_items() {
        let text = "fn a() {\n    let x = 1;\n    use std::sync::Mutex;\n    if x { y() } else { z() }\n    #[cfg(test)]\n    fn inner() { lock(); }\n    static M: Mutex<u8> = Mutex::new(0);\n    let s = S { a: 1 };\n    const C: u8 = { 1 };\n    inner()\n}";
        let s = blanked(text);
        assert_eq!(
            s,
            "fn a() {\n             ;\n    use std::sync::Mutex;\n                             \n    #[cfg(test)]\n    fn inner() {         }\n    static M: Mutex<u8> = Mutex::new(0);\n                      ;\n    const C: u8 = { 1 };\n           \n}"
        );
        let file = syn::parse_file(&s).unwrap();
        let syn::Item::Fn(f) = &file.items[0] else {
            panic!()
        };
        let items = f.block.stmts.iter();
        assert_eq!(items.filter(|s| matches!(s, syn::Stmt::Item(_))).count(), 4);
        // An inner attribute keeps the body whole.
        let text = "fn a() { #![allow(unused)] use x::Y; let y = 1; }";
        assert!(skeleton(text).unwrap().text.is_none());
    }

    #[test]
    fn strings_comments_and_chars_do_not_confuse_the_braces() {
        let text = r####"fn a() { let s = "}"; let c = '}'; let e = '\''; let r = r#"}"#; /* } /* } */ */ // }
 let b = b'{'; let l: &'static str = "x"; 'outer: loop { break 'outer; } }
fn b() {}"####;
        assert_eq!(bodies(text).len(), 2, "{:?}", bodies(text));
        assert!(bodies(text)[0].ends_with("break 'outer; } }"));
        syn::parse_file(&blanked(text)).unwrap();
    }

    #[test]
    fn doc_comments_are_blanked_other_comments_kept() {
        let text = "//! crate\n/// item\n//// plain\n/** block */ /**/ struct S;";
        assert!(bodies(text).is_empty());
        assert_eq!(
            blanked(text),
            "         \n        \n//// plain\n             /**/ struct S;"
        );
    }

    /// Where a file can be cut: after a top-level `;`, or a `}` that another item follows.
    #[test]
    fn large_tables_of_literals_are_blanked_others_kept() {
        let numbers: Vec<String> = (0..4000).map(|n| format!("0x{n:04X}u16")).collect();
        let table = format!("static T: [u16; 4000] = [{}];\n", numbers.join(", "));
        let s = blanked(&table);
        assert!(s.starts_with("static T: [u16; 4000] = [ ") && s.trim_end().ends_with(" ];"));
        assert!(!s.contains("0x"));
        syn::parse_file(&s).unwrap();
        // A lock named in it, or a small one: kept (nothing to blank).
        let named = table.replace("0x0001u16", "Mutex::new(1)");
        assert!(skeleton(&named).and_then(|s| s.text).is_none());
        let small = "static T: [u8; 3] = [1, 2, 3];";
        assert!(skeleton(small).and_then(|s| s.text).is_none());
    }

    #[test]
    fn item_ends() {
        let text = "static S: T = T { a: 1 };\nfn f() {} // f\n#[a] struct X { }\nconst C: u8 = { 1 } + 2;\nconst D: u8 = if a { 1 } else { 2 };\nimpl X { }";
        let ends: Vec<&str> = skeleton(text)
            .unwrap()
            .item_ends
            .iter()
            .map(|e| &text[..e.byte as usize])
            .collect();
        assert_eq!(
            ends,
            [
                "static S: T = T { a: 1 };",
                "static S: T = T { a: 1 };\nfn f() {}",
                "static S: T = T { a: 1 };\nfn f() {} // f\n#[a] struct X { }",
                "static S: T = T { a: 1 };\nfn f() {} // f\n#[a] struct X { }\nconst C: u8 = { 1 } + 2;",
                "static S: T = T { a: 1 };\nfn f() {} // f\n#[a] struct X { }\nconst C: u8 = { 1 } + 2;\nconst D: u8 = if a { 1 } else { 2 };",
            ]
        );
    }

    #[test]
    fn impl_trait_and_mod_blocks_and_their_members() {
        let text = "fn f() -> impl X { }\n#[a] pub(crate) unsafe impl<T> S<T> where T: X {\n    /// é\n    const C: u8 = { 1 };\n    fn a(&self) { é }\n    m! { }\n    #[b] type T = u8;\n}\nmod m { fn g() {} struct Z; }\nmod n { #![allow(x)] fn h() {} }\ntrait T { fn d() {} fn e(); }\nmod o;\nstruct P { }";
        let sk = skeleton(text).unwrap();
        let src = sk.text.as_deref().unwrap();
        let groups: Vec<(GroupKind, Vec<&str>)> = sk
            .groups
            .iter()
            .map(|g| {
                let mut from = g.open.byte as usize;
                let mut members = Vec::new();
                for m in g.member_ends.iter().chain([&g.close]) {
                    members.push(src[from..m.byte as usize].trim());
                    from = m.byte as usize;
                }
                // Positions in the file, as characters.
                let open = text.chars().take(g.open.chars as usize).collect::<String>();
                assert!(open.ends_with('{'));
                (g.kind, members)
            })
            .collect();
        assert_eq!(
            groups,
            [
                (
                    GroupKind::Impl,
                    vec![
                        "const C: u8 = { 1 };",
                        "fn a(&self) {   }",
                        "m! { }",
                        "#[b] type T = u8;",
                        ""
                    ]
                ),
                (GroupKind::Mod, vec!["fn g() {}", "struct Z;", ""]),
                (GroupKind::Trait, vec!["fn d() {}", "fn e();", ""]),
            ]
        );
    }

    #[test]
    fn plain_module_declarations_are_hinted() {
        let text = "//! doc\nmod a;\npub(crate) mod b;\n#[cfg(unix)]\npub mod c_d;\n#[path = \"x.rs\"]\nmod e;\nmod f { mod g; }\nuse h::mod_i;\nfn mod_j() {}\nconst K: u8 = 1;\nmod /* l */ l;\n";
        let sk = skeleton(text).unwrap();
        let src = sk.text.as_deref().unwrap();
        assert_eq!(plain_mods(src, &sk.item_ends), ["a", "b", "c_d"]);
        let text = "const A: &str = \"é\";\nmod ö;\nstatic B: u8 = 0→1;\n";
        let sk = skeleton(text).unwrap();
        assert_eq!(plain_mods(text, &sk.item_ends), ["ö"]);
    }

    #[test]
    fn what_is_not_a_function_body_is_left_alone() {
        // Function pointer types, bodiless declarations, macro_rules metavariables.
        assert!(bodies("struct S { f: fn(u8) -> u8 } trait T { fn f(&self); }").is_empty());
        assert!(bodies("macro_rules! m { () => { fn f() { $x } } }").is_empty());
        assert!(bodies("fn f() { #![allow(unused)] x }").is_empty());
        assert_eq!(bodies("fn r#match() { x }"), ["{ x }"]);
        // Unbalanced text: syn reports it, we defer nothing.
        assert!(skeleton("fn a() { ( }").is_none());
        // Found by the fuzzer: an escape opening a character literal at the very end.
        assert!(skeleton("fn a() {} '\\").is_none());
        assert!(skeleton("'\\").is_none());
    }

    /// Every real file syn parses must give a skeleton syn parses, with the same positions, cut
    /// into items that parse alone, and every function in it must parse from its text when
    /// walked: the lexer above must never disagree with proc-macro2. Runs on the fixtures, the example crate and this crate's own
    /// source; more directories (the benchmark corpus) through `LOCKORDER_SKELETON_DIRS`,
    /// separated by `:`.
    #[test]
    fn skeletons_of_real_files_parse_and_keep_positions() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut dirs = vec![
            root.join("ui-tests"),
            root.join("examples"),
            root.join("lint/src"),
        ];
        if let Ok(more) = std::env::var("LOCKORDER_SKELETON_DIRS") {
            dirs.extend(more.split(':').map(std::path::PathBuf::from));
        }
        let pool = crate::worker_pool(Some(1)).unwrap();
        let (mut files, mut bodies, mut groups) = (0, 0, 0);
        for dir in dirs {
            for entry in walkdir::WalkDir::new(dir)
                .into_iter()
                .filter_map(Result::ok)
            {
                let path = entry.path();
                if path.extension().is_none_or(|x| x != "rs") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(path) else {
                    continue;
                };
                if syn::parse_file(&text).is_err() {
                    continue;
                }
                files += 1;
                let Some(sk) = skeleton(&text) else {
                    panic!("{path:?}: does not lex")
                };
                let s = sk.text.as_deref().unwrap_or(&text);
                assert_eq!(s.chars().count(), text.chars().count(), "{path:?}");
                assert_eq!(s.lines().count(), text.lines().count(), "{path:?}");
                if let Err(e) = syn::parse_file(s) {
                    panic!("{path:?}: skeleton does not parse: {e}");
                }
                // Every item, cut at its end, parses on its own, and cuts count characters.
                let mut start = 0;
                for cut in &sk.item_ends {
                    let end = cut.byte as usize;
                    let piece = &s[start..end];
                    if let Err(e) = syn::parse_file(piece) {
                        panic!("{path:?} bytes {start}..{end}: item does not parse alone: {e}");
                    }
                    assert_eq!(s[..end].chars().count(), cut.chars as usize, "{path:?}");
                    start = end;
                }
                if let Err(e) = syn::parse_file(&s[start..]) {
                    panic!("{path:?} from byte {start}: item does not parse alone: {e}");
                }
                // So does every member of a group, as a member of its kind.
                for g in &sk.groups {
                    let mut from = g.open.byte as usize;
                    for cut in g.member_ends.iter().chain([&g.close]) {
                        let end = cut.byte as usize;
                        let piece = &s[from..end];
                        let parsed = match g.kind {
                            GroupKind::Impl => {
                                parse_each(piece, 0, false, drop, |_, _: syn::ImplItem| ())
                            }
                            GroupKind::Trait => {
                                parse_each(piece, 0, false, drop, |_, _: syn::TraitItem| ())
                            }
                            GroupKind::Mod => {
                                parse_each(piece, 0, false, drop, |_, _: syn::Item| ())
                            }
                        };
                        if let Err(e) = parsed {
                            panic!(
                                "{path:?} bytes {from}..{end}: member does not parse alone: {e}"
                            );
                        }
                        assert_eq!(s[..end].chars().count(), cut.chars as usize, "{path:?}");
                        from = end;
                    }
                    groups += 1;
                }
                bodies += self::bodies(&text).len();
                let name = path.to_string_lossy();
                let report = pool
                    .install(|| crate::analyze_text(&name, &text, crate::discover::Edition::E2021));
                for p in &report.problems {
                    assert!(!p.message.contains("cannot parse"), "{}", p.message);
                }
            }
        }
        eprintln!("{files} files, {bodies} deferred bodies, {groups} groups");
        assert!(
            files > 100 && bodies > 500 && groups > 50,
            "{files} files, {bodies} bodies, {groups} groups"
        );
    }
}
