//! Where a comment or a literal that starts at a given byte ends: what the body lexer
//! (`bodies`) skips so that braces inside strings, chars and comments do not count.

/// The first `needle` in `b` from `from` on; `None` past the end (`'\` at the end of a file
/// looks for its closing quote past it).
#[inline]
pub(super) fn memchr(needle: u8, b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == needle)
        .map(|p| from + p)
}

/// The end of a (nesting) block comment starting at `i`.
#[inline]
pub(super) fn block_comment_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// The end of a string whose opening `"` is just before `i` (escapes honoured).
#[inline]
pub(super) fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// After a `'` at `i`: the end of a character literal, or of a lifetime or label.
#[inline]
pub(super) fn quote_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b.get(i + 1)? {
        b'\\' => {
            // An escape: the literal ends at the next quote after the escaped character.
            let close = memchr(b'\'', b, i + 3)?;
            Some(close + 1)
        }
        _ => {
            let ch = text.get(i + 1..)?.chars().next()?;
            let after = i + 1 + ch.len_utf8();
            if b.get(after) == Some(&b'\'') {
                Some(after + 1)
            } else {
                // A lifetime or label (`'static` is not the `static` keyword).
                let name = b[i + 1..]
                    .iter()
                    .take_while(|&&x| x == b'_' || x.is_ascii_alphanumeric() || x >= 0x80)
                    .count();
                Some(i + 1 + name)
            }
        }
    }
}

/// Raw strings (`r"..."`, `r#"..."#`, `br`, `cr`) and prefixed strings (`b"..."`, `c"..."`)
/// start with what looks like a word. `Some(end)` when `word` ends at `i` and starts one
/// (`Some(None)`: it does not end).
#[inline]
pub(super) fn raw_or_prefixed_literal(b: &[u8], word: &str, i: usize) -> Option<Option<usize>> {
    match (word, b.get(i)) {
        ("b" | "c", Some(b'"')) => Some(string_end(b, i + 1)),
        ("r" | "br" | "cr", Some(b'"' | b'#')) => {
            let hashes = b[i..].iter().take_while(|&&x| x == b'#').count();
            if b.get(i + hashes) != Some(&b'"') {
                // `r#ident`: a raw identifier.
                return None;
            }
            let mut j = i + hashes + 1;
            Some(loop {
                let Some(q) = memchr(b'"', b, j) else {
                    break None;
                };
                if b[q + 1..]
                    .iter()
                    .take(hashes)
                    .filter(|&&x| x == b'#')
                    .count()
                    == hashes
                {
                    break Some(q + 1 + hashes);
                }
                j = q + 1;
            })
        }
        _ => None,
    }
}
