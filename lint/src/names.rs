//! Interned identifiers: the names and path segments that outlines and the index hold.
//!
//! A crate's signatures repeat a few hundred names thousands of times (`self`, `T`, `Arc`,
//! `Mutex`, its own types). As `String`s (24 bytes, plus an allocation each) they were most of
//! the outlines and the index. A [`Name`] is 4 bytes, and each distinct name's text is stored
//! once, in one buffer.
//!
//! Names are interned while files are parsed, on every thread at once (`Interner`), and only read
//! once the index is built (`Names`). Text that was never interned (an identifier met only in a
//! function body) is no item's name: `Names::find` says so without interning it.

use std::hash::BuildHasher;
use std::sync::Mutex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(u32);

impl Name {
    /// Interned first by every table, for the paths that name resolution treats specially.
    pub const SELF_TYPE: Name = Name(0);
    pub const SELF_VALUE: Name = Name(1);
    pub const SUPER: Name = Name(2);
    pub const CRATE: Name = Name(3);
    pub const UNDERSCORE: Name = Name(4);
    const PREDEFINED: [&'static str; 5] = ["Self", "self", "super", "crate", "_"];
}

pub struct Names {
    /// Names by the hash of their text.
    table: hashbrown::HashTable<Name>,
    texts: Texts,
}

/// Every name's text, one after the other, and how names are hashed.
struct Texts {
    text: String,
    /// Where each name ends in `text`, by `Name`.
    ends: Vec<u32>,
    /// Seeded at random: names come from the analyzed source, which is not to choose their
    /// collisions; foldhash, as the names of a crate are many and short.
    hasher: foldhash::fast::RandomState,
}

impl Texts {
    fn str(&self, Name(i): Name) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn hash(&self, s: &str) -> u64 {
        self.hasher.hash_one(s)
    }
}

impl Default for Names {
    fn default() -> Self {
        let mut names = Names {
            table: hashbrown::HashTable::new(),
            texts: Texts {
                text: String::new(),
                ends: Vec::new(),
                hasher: foldhash::fast::RandomState::default(),
            },
        };
        for s in Name::PREDEFINED {
            names.intern(s);
        }
        names
    }
}

impl Names {
    pub fn intern(&mut self, s: &str) -> Name {
        let hash = self.texts.hash(s);
        self.intern_hashed(s, hash)
    }

    /// `intern`, with the hash of `s` by this table's hasher computed beforehand.
    fn intern_hashed(&mut self, s: &str, hash: u64) -> Name {
        if let Some(name) = self.find_hashed(s, hash) {
            return name;
        }
        let texts = &mut self.texts;
        texts.text.push_str(s);
        texts.ends.push(texts.text.len() as u32);
        let name = Name(texts.ends.len() as u32 - 1);
        let texts = &self.texts;
        self.table
            .insert_unique(hash, name, |&n| texts.hash(texts.str(n)));
        name
    }

    /// The name `s` is, if anything was ever named so.
    pub fn find(&self, s: &str) -> Option<Name> {
        self.find_hashed(s, self.texts.hash(s))
    }

    fn find_hashed(&self, s: &str, hash: u64) -> Option<Name> {
        self.table.find(hash, |&n| self.str(n) == s).copied()
    }

    pub fn str(&self, name: Name) -> &str {
        self.texts.str(name)
    }

    /// `a::b::c` for display.
    pub fn join(&self, path: &[Name]) -> String {
        let parts: Vec<&str> = path.iter().map(|&n| self.str(n)).collect();
        parts.join("::")
    }

    /// Once every name is in: the table is not growing any more.
    pub fn shrink_to_fit(&mut self) {
        self.texts.text.shrink_to_fit();
        self.texts.ends.shrink_to_fit();
        let texts = &self.texts;
        self.table.shrink_to_fit(|&n| texts.hash(texts.str(n)));
    }
}

/// A path segment as name resolution reads it: a name from an outline, or text from a function
/// body or a declaration, which may be no name at all.
pub trait Segment {
    fn name(&self, names: &Names) -> Option<Name>;
    fn text<'s>(&'s self, names: &'s Names) -> &'s str;
}

impl Segment for Name {
    fn name(&self, _: &Names) -> Option<Name> {
        Some(*self)
    }

    fn text<'s>(&'s self, names: &'s Names) -> &'s str {
        names.str(*self)
    }
}

impl Segment for String {
    fn name(&self, names: &Names) -> Option<Name> {
        names.find(self)
    }

    fn text<'s>(&'s self, _: &'s Names) -> &'s str {
        self
    }
}

/// Names interned from several threads at once, while files are parsed. A name is hashed before
/// the table is locked: the lock is held for a lookup, and every identifier of every signature
/// takes it.
pub struct Interner {
    names: Mutex<Names>,
    /// The table's hasher (a copy).
    hasher: foldhash::fast::RandomState,
}

impl Default for Interner {
    fn default() -> Self {
        Names::default().into()
    }
}

impl Interner {
    pub fn intern(&self, s: &str) -> Name {
        let hash = self.hasher.hash_one(s);
        self.names().intern_hashed(s, hash)
    }

    pub fn string(&self, name: Name) -> String {
        self.names().str(name).to_string()
    }

    pub fn into_names(self) -> Names {
        let mut names = self.names.into_inner().unwrap_or_else(|e| e.into_inner());
        names.shrink_to_fit();
        names
    }

    fn names(&self) -> std::sync::MutexGuard<'_, Names> {
        // A panic while interning leaves the table whole (a push, then an insert).
        self.names.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl From<Names> for Interner {
    fn from(names: Names) -> Self {
        Interner {
            hasher: names.texts.hasher.clone(),
            names: Mutex::new(names),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_per_text() {
        let mut names = Names::default();
        let a = names.intern("Arc");
        let m = names.intern("Mutex");
        assert_eq!(names.intern("Arc"), a);
        assert_ne!(a, m);
        assert_eq!(names.intern("Self"), Name::SELF_TYPE);
        assert_eq!(names.intern("_"), Name::UNDERSCORE);
        assert_eq!(names.str(m), "Mutex");
        assert_eq!(names.find("Mutex"), Some(m));
        assert_eq!(names.find("RwLock"), None);
        // Prefixes of each other are different names.
        let ar = names.intern("Ar");
        assert_ne!(ar, a);
        assert_eq!(names.str(ar), "Ar");
        names.shrink_to_fit();
        assert_eq!(names.find("Arc"), Some(a));
        assert_eq!(names.join(&[a, m]), "Arc::Mutex");
        // Interned from threads, the same names.
        let interner = Interner::from(names);
        assert_eq!(interner.intern("Mutex"), m);
        let c = interner.intern("Condvar");
        let names = interner.into_names();
        assert_eq!(names.find("Condvar"), Some(c));
        assert_eq!(names.str(a), "Arc");
    }
}
