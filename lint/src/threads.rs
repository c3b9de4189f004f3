//! The one place where syntax trees cross threads.
//!
//! syn's trees are `!Send`/`!Sync` because proc-macro2 can wrap the compiler's own token types,
//! and its pure-Rust fallback (the only implementation outside a proc macro, which is always
//! our case) keeps token streams in non-atomic `Rc`s and span text in a thread-local map.
//! Moving a whole tree to another thread is harmless; what is not is (a) two threads changing
//! the reference count of the *same* token stream at once, and (b) asking proc-macro2 for span
//! positions or joins (thread-local state) off the parsing thread.
//!
//! The analysis keeps both rules:
//! - a tree is built on one thread and handed over whole (`parse`); most function bodies are
//!   not in it (`parse::bodies`): each is parsed, walked and dropped by the thread that walks
//!   it, and is never shared;
//! - while trees are shared, token streams are cloned only by the walk of the function whose
//!   body contains them (`events::walker`: macro arguments, closures), and all the functions of
//!   one file are walked by one task (`events::extract`): a file can be a module of several
//!   crates, so one body can stand for several functions, and walking per function would let two
//!   threads clone the same token stream; everything else only reads;
//! - spans are turned into positions by `source::SourceDb::loc`, which reads a span's raw
//!   offsets through its `Debug` form and never touches proc-macro2's thread-local map; no
//!   code calls `Span::join`, `Span::start` or `Spanned::span` off the parsing thread.

use std::ops::Deref;

/// A parsed file that may be moved to and read from other threads (see the module docs).
pub struct Ast(pub syn::File);

// SAFETY: see the module documentation: no token stream of a shared tree has its reference
// count changed by two threads at once, and no thread-local proc-macro2 state is consulted for
// spans created on another thread.
unsafe impl Send for Ast {}
// SAFETY: as above; shared access only reads, except for the per-function clones described.
unsafe impl Sync for Ast {}

/// Shares a reference to data that borrows `Ast`s (the index) with the worker threads.
pub struct Shared<'r, T>(pub &'r T);

// SAFETY: `T` is only `!Sync` because it borrows syntax trees, which `Ast` makes shareable
// under the rules of the module documentation.
unsafe impl<T> Sync for Shared<'_, T> {}
// SAFETY: as above.
unsafe impl<T> Send for Shared<'_, T> {}

impl<T> Deref for Shared<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0
    }
}
