//! The files of one run and positions inside them.
//!
//! Every location the analysis reports is a [`Loc`]: a file plus the 1-based line/column that
//! humans read and the byte range that `codespan-reporting` underlines.
//!
//! proc-macro2 (outside a proc macro, with `span-locations`) keeps the text behind spans in a
//! *thread-local* map that grows with every parse on the thread, and we free it after each parse
//! (a file's skeleton, one function). A span's raw offset into that map is visible through its
//! `Debug` form (`bytes(lo..hi)`, counted in characters despite the name), and each parsed text
//! starts at a known raw offset (its [`Origin`]). Positions, with the byte offsets that
//! `Span::start()` does not give, are computed from those two numbers and our own line tables,
//! on the thread that parsed, before the map is freed: a file's skeleton has one origin, each
//! function parsed when walked one of its own.
//!
//! Why not `Span::byte_range()`: it answers `0..0` when built for fuzzing (`cfg(fuzzing)`, which
//! `cargo fuzz` sets for every crate), so the fuzzer would never see real positions; it keeps a
//! per-file cache of character-to-byte offsets in the same thread-local map; and it gives no
//! line or column, for which we need our own tables anyway. The `Debug` form is not a stable API
//! either: `tests::span_debug_form_is_what_raw_range_reads` fails, saying so, if it changes.

use std::path::{Path, PathBuf};

use proc_macro2::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to the user: relative to the working directory when possible.
    pub display: String,
    pub text: String,
    /// Byte offset of each line's start (`u32`, like every offset in a `Loc`).
    line_starts: Vec<u32>,
    /// Character offset of each line's start; empty for ASCII text, where characters are bytes.
    line_char_starts: Vec<u32>,
}

/// What to subtract from a span's raw offset to get a character offset in its file: the raw
/// offset of the file's first character in the parse the span comes from. A body parsed on its
/// own has an origin that may be below its offset in the file, hence signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin(i64);

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let display = display_path(&path);
        let mut line_starts: Vec<u32> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect();
        // Kept for the whole run: without the slack of `collect` (up to half of it).
        line_starts.shrink_to_fit();
        let mut line_char_starts = Vec::new();
        if !text.is_ascii() {
            line_char_starts.reserve_exact(line_starts.len());
            let mut chars = 0;
            for (i, &start) in line_starts.iter().enumerate() {
                line_char_starts.push(chars);
                let end = line_starts.get(i + 1).map_or(text.len(), |&e| e as usize);
                chars += text[start as usize..end].chars().count() as u32;
            }
        }
        SourceFile {
            path,
            display,
            text,
            line_starts,
            line_char_starts,
        }
    }

    /// The character offset of a byte offset.
    fn char_offset(&self, byte: usize) -> usize {
        if self.line_char_starts.is_empty() {
            return byte;
        }
        let line = self
            .line_starts
            .partition_point(|&s| s as usize <= byte)
            .max(1);
        let start = self.line_starts[line - 1] as usize;
        self.line_char_starts[line - 1] as usize
            + self.text.get(start..byte).map_or(0, |t| t.chars().count())
    }

    /// (byte offset, 1-based line, 1-based column) of a character offset.
    fn position(&self, char_offset: usize) -> (usize, u32, u32) {
        let ascii = self.line_char_starts.is_empty();
        let char_starts = if ascii {
            &self.line_starts
        } else {
            &self.line_char_starts
        };
        let line = char_starts
            .partition_point(|&s| s as usize <= char_offset)
            .max(1);
        let column = char_offset - char_starts[line - 1] as usize;
        let start = self.line_starts[line - 1] as usize;
        let byte = if ascii {
            char_offset.min(self.text.len())
        } else {
            self.text[start..]
                .char_indices()
                .nth(column)
                .map_or(self.text.len(), |(i, _)| start + i)
        };
        (byte, line as u32, column as u32 + 1)
    }

    /// (line, column), both 1-based, of a character offset.
    pub fn line_column(&self, char_offset: usize) -> (u32, u32) {
        let (_, line, column) = self.position(char_offset);
        (line, column)
    }

    /// (line, column), both 1-based, of a byte offset.
    pub fn line_column_at(&self, byte: usize) -> (u32, u32) {
        self.line_column(self.char_offset(byte))
    }

    pub fn line_starts(&self) -> &[u32] {
        &self.line_starts
    }

    /// Where `span`, from a parse of part of this file starting at `origin`, is.
    pub fn pos_in(&self, origin: Origin, span: Span) -> Pos {
        let offset = |raw: usize| usize::try_from(raw as i64 - origin.0).unwrap_or(0);
        let (lo, hi) = raw_range(span).map_or((0, 0), |(lo, hi)| (offset(lo), offset(hi)));
        let (start, line, column) = self.position(lo);
        let (end, _, _) = self.position(hi);
        Pos {
            line,
            column,
            start: start as u32,
            end: end.max(start) as u32,
        }
    }

    /// From the start of one span to the end of another.
    pub fn pos_between(&self, origin: Origin, from: Span, to: Span) -> Pos {
        let (a, b) = (self.pos_in(origin, from), self.pos_in(origin, to));
        Pos {
            end: b.end.max(a.start),
            ..a
        }
    }
}

pub fn display_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}

/// The raw `lo..hi` of a span. Only meaningful relative to the origin of the parse it came from.
fn raw_range(span: Span) -> Option<(usize, usize)> {
    // Formatted on the stack: every location goes through here.
    struct Buf([u8; 48], usize);
    impl std::fmt::Write for Buf {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            let end = self.1 + s.len();
            self.0
                .get_mut(self.1..end)
                .ok_or(std::fmt::Error)?
                .copy_from_slice(s.as_bytes());
            self.1 = end;
            Ok(())
        }
    }
    let mut buf = Buf([0; 48], 0);
    std::fmt::Write::write_fmt(&mut buf, format_args!("{span:?}")).ok()?;
    let dbg = std::str::from_utf8(&buf.0[..buf.1]).ok()?;
    let inner = dbg.strip_prefix("bytes(")?.strip_suffix(')')?;
    let (lo, hi) = inner.split_once("..")?;
    Some((lo.parse().ok()?, hi.parse().ok()?))
}

/// Parses `part`, a sequence of items or of a block's members (`T`) that starts `chars_before`
/// characters into its file (in the file's text, or its skeleton: the same characters), on the
/// current thread. `start` gets the origin that turns spans into positions in the file; `read`
/// gets each item as soon as it is parsed, so that the tree of the whole part never exists
/// (syn's tree of generic signatures is far larger than their text).
pub fn parse_each<T: syn::parse::Parse, R>(
    part: &str,
    chars_before: usize,
    legacy: bool,
    start: impl FnOnce(Origin) -> R,
    mut read: impl FnMut(&mut R, T),
) -> syn::Result<R> {
    parse_file(part, chars_before, legacy, |input, origin| {
        let mut reader = start(origin);
        // A file, and a block's members, may open with inner attributes.
        input.call(syn::Attribute::parse_inner)?;
        while !input.is_empty() {
            read(&mut reader, input.parse()?);
        }
        Ok(reader)
    })
}

/// Parses `text` (a file, or a file's part starting `chars_before` characters into it) with
/// `parser`, on the current thread, giving it the origin of the text's spans.
fn parse_file<T>(
    text: &str,
    chars_before: usize,
    legacy: bool,
    parser: impl FnOnce(syn::parse::ParseStream, Origin) -> syn::Result<T>,
) -> syn::Result<T> {
    // What syn::parse_file strips (a byte-order mark, a `#!` line) is blanked instead, so that
    // offsets in the text stay offsets in the source.
    let mut src = std::borrow::Cow::Borrowed(text);
    let mut start = 0;
    if src.starts_with('\u{feff}') {
        // One character, like the space that replaces it.
        src.to_mut().replace_range(..3, " ");
        start = 1;
    }
    if src[start..].starts_with("#!") && !src[start..].starts_with("#![") {
        let end = src.find('\n').unwrap_or(src.len());
        src.to_mut()
            .replace_range(start..end, &" ".repeat(end - start));
    }
    let mut tokens: proc_macro2::TokenStream = src.parse()?;
    if legacy {
        tokens = crate::parse::legacy::rewrite(tokens);
    }
    syn::parse::Parser::parse2(
        |input: syn::parse::ParseStream| {
            // The first token's span, taken by the parser itself: iterating a copy of the token
            // stream would clone every token at the top level of the file.
            let first = (!input.is_empty()).then(|| input.span());
            let base = first.and_then(|f| first_span_base(&src, f)).unwrap_or(0);
            parser(input, Origin(base as i64 - chars_before as i64))
        },
        tokens,
    )
}

/// Parses the function body at bytes `start..=end` of `file` (brace to brace), on the current
/// thread: bodies are parsed when walked (`parse::outline`). The error carries the position
/// when there is one.
pub fn parse_body(
    db: &SourceDb,
    file: FileId,
    start: u32,
    end: u32,
) -> Result<(syn::Block, Origin), (Option<Loc>, String)> {
    let f = db.get(file);
    let text = f
        .text
        .get(start as usize..=end as usize)
        .ok_or((None, "function out of bounds".to_string()))?;
    let tokens: proc_macro2::TokenStream = text.parse().map_err(|e| (None, format!("{e}")))?;
    // The body's group starts at the text's first character.
    let origin = tokens
        .clone()
        .into_iter()
        .next()
        .and_then(|t| raw_range(t.span()))
        .map(|(lo, _)| Origin(lo as i64 - f.char_offset(start as usize) as i64))
        .ok_or((None, "empty function".to_string()))?;
    let body = |input: syn::parse::ParseStream| {
        if !input.peek(syn::token::Brace) {
            // A closure's expression body (a lazy static's initializer): a block of one.
            let span = input.span();
            let e: syn::Expr = input.parse()?;
            return Ok(syn::Block {
                brace_token: syn::token::Brace(span),
                stmts: vec![syn::Stmt::Expr(e, None)],
            });
        }
        // A body may start with inner attributes (`#![allow(..)]`), which `Block` rejects.
        let content;
        let brace_token = syn::braced!(content in input);
        content.call(syn::Attribute::parse_inner)?;
        let stmts = content.call(syn::Block::parse_within)?;
        Ok(syn::Block { brace_token, stmts })
    };
    // Edition 2015 code that today's syntax rejects is read as what it means now (lexed again:
    // a copy of every body's tokens for the few that fail would cost more).
    syn::parse::Parser::parse2(body, tokens)
        .or_else(|e| {
            let again: proc_macro2::TokenStream = text.parse().map_err(|_| e.clone())?;
            syn::parse::Parser::parse2(body, crate::parse::legacy::rewrite(again)).map_err(|_| e)
        })
        .map(|body| (body, origin))
        .map_err(|e| (Some(db.loc_in(file, origin, e.span())), e.to_string()))
}

fn first_span_base(src: &str, first: Span) -> Option<usize> {
    let (lo, _) = raw_range(first)?;
    // On this (the parsing) thread, start() is right: measure where the token really is.
    let at = first.start();
    let chars_before_line: usize = src
        .split_inclusive('\n')
        .take(at.line.saturating_sub(1))
        .map(|l| l.chars().count())
        .sum();
    lo.checked_sub(chars_before_line + at.column)
}

#[derive(Default)]
pub struct SourceDb {
    files: Vec<SourceFile>,
}

impl SourceDb {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// Where `span`, from a parse of part of `file` starting at `origin`, is.
    pub fn loc_in(&self, file: FileId, origin: Origin, span: Span) -> Loc {
        self.get(file).pos_in(origin, span).in_file(file)
    }

    /// `path:line:column`, as problems and explanations name a place.
    pub fn at(&self, loc: Loc) -> String {
        format!("{}:{}:{}", self.get(loc.file).display, loc.line, loc.column)
    }

    /// A span from the start of one to the end of another (both in `file`).
    pub fn loc_between_in(&self, file: FileId, origin: Origin, from: Span, to: Span) -> Loc {
        self.get(file).pos_between(origin, from, to).in_file(file)
    }
}

/// A place in the analyzed source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    pub line: u32,
    pub column: u32,
    pub start: u32,
    pub end: u32,
}

/// A place in a file that has no `FileId` yet: what a file's outline records on the thread that
/// parsed it (`parse::outline`), located once files are numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    /// Byte range.
    pub start: u32,
    pub end: u32,
}

impl Pos {
    pub fn in_file(self, file: FileId) -> Loc {
        Loc {
            file,
            line: self.line,
            column: self.column,
            start: self.start,
            end: self.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_items(text: &str, chars_before: usize) -> syn::Result<(Vec<syn::Item>, Origin)> {
        parse_each(
            text,
            chars_before,
            false,
            |o| (Vec::new(), o),
            |(v, _), item| v.push(item),
        )
    }

    /// Positions rest on proc-macro2's `Debug` form of a span (see the module's docs).
    #[test]
    fn span_debug_form_is_what_raw_range_reads() {
        let (ast, _) = parse_items("fn first() {}\nfn second() {}", 0).unwrap();
        let syn::Item::Fn(f) = &ast[1] else { panic!() };
        let span = f.sig.ident.span();
        let (lo, hi) = raw_range(span).unwrap_or_else(|| {
            panic!(
                "proc-macro2 no longer formats a span as `bytes(lo..hi)` (it printed `{span:?}`): \
                 every position is read from that form; see `source.rs`"
            )
        });
        assert_eq!(
            hi - lo,
            "second".len(),
            "`{span:?}` is not `lo..hi` of the span"
        );
    }

    /// Raw offsets keep growing on a thread until its span map is freed: positions must not
    /// depend on what the thread parsed before, nor on where in the file a part starts.
    #[test]
    fn positions_after_other_parses_and_in_parts() {
        let text = "// x\nfn a() {}\n\nfn  béta() { let y = 1; }\n";
        let file = SourceFile::new("t.rs".into(), text.to_string());
        let _ = parse_items("fn other() {}", 0).unwrap();
        for start in [0, text.find("\n\n").unwrap()] {
            let (ast, origin) = parse_items(&text[start..], text[..start].chars().count()).unwrap();
            let syn::Item::Fn(f) = ast.last().unwrap() else {
                panic!()
            };
            let pos = file.pos_in(origin, f.sig.ident.span());
            assert_eq!((pos.line, pos.column), (4, 5));
            assert_eq!(&text[pos.start as usize..pos.end as usize], "béta");
        }
    }

    /// Bodies are parsed from their text when walked; a body may open with inner attributes.
    #[test]
    fn body_text_with_inner_attributes() {
        let text = "fn f(a: u8) -> u8 {\n    #![allow(unused)]\n    a\n}\n";
        let mut db = SourceDb::default();
        let id = db.add(SourceFile::new("t.rs".into(), text.into()));
        let (start, end) = (
            text.find('{').unwrap() as u32,
            text.rfind('}').unwrap() as u32,
        );
        let (body, origin) = parse_body(&db, id, start, end).unwrap();
        assert_eq!(body.stmts.len(), 1);
        let syn::Stmt::Expr(syn::Expr::Path(p), None) = &body.stmts[0] else {
            panic!()
        };
        let loc = db.loc_in(id, origin, p.path.segments[0].ident.span());
        assert_eq!((loc.line, loc.column), (3, 5));
    }

    #[test]
    fn shebang_and_bom_keep_offsets() {
        let text = "\u{feff}#!/usr/bin/env run\nfn main() {}\n";
        let file = SourceFile::new("t.rs".into(), text.into());
        let (ast, origin) = parse_items(text, 0).unwrap();
        let syn::Item::Fn(f) = &ast[0] else { panic!() };
        let pos = file.pos_in(origin, f.sig.ident.span());
        assert_eq!((pos.line, pos.column), (2, 4));
    }
}
