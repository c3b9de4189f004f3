//! `#[lock_order]`: declare lock hierarchies next to the locks; `cargo lockorder` checks every
//! acquisition in the crate against them.
//!
//! ```ignore
//! use lockorder::lock_order;
//! use std::sync::{Mutex, RwLock};
//!
//! #[lock_order(accounts, ledger, audit)]           // outermost first
//! struct Bank {
//!     accounts: Mutex<Vec<u64>>,
//!     #[lock_order(before(journal::Journal::entries))]
//!     ledger: RwLock<Vec<u64>>,
//!     audit: Mutex<Vec<String>>,
//! }
//!
//! #[lock_order(level = 100)]                        // waited for only when holding lower levels
//! static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());
//! ```
//!
//! On a function, impl or module it suppresses findings, with the reason a reviewer reads:
//! `#[lock_order(allow(double-lock), reason = "the guard is dropped by `finish` first")]`.
//!
//! The attribute changes nothing in the compiled program. At compile time it rejects what it can
//! check alone: a name that is not a field, a field named twice, a malformed entry. The grammar
//! is documented in the `lockorder-attr` crate, which the analyzer shares.

use proc_macro::TokenStream;
use syn::spanned::Spanned;

#[proc_macro_attribute]
pub fn lock_order(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = proc_macro2::TokenStream::from(args);
    let mut item = match syn::parse::<syn::Item>(item) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error().into(),
    };
    let checked = match &mut item {
        syn::Item::Struct(s) => check_struct(args, s),
        syn::Item::Static(_) => lockorder_attr::parse_decl(args).map(drop),
        syn::Item::Fn(_) | syn::Item::Impl(_) | syn::Item::Mod(_) => {
            lockorder_attr::parse_allow(args).map(drop)
        }
        other => Err(syn::Error::new(
            other.span(),
            "`lock_order` goes on a struct or a static (to declare an order), or on a function, impl or module (to `allow(..)` findings)",
        )),
    };
    match checked {
        Ok(()) => quote::quote!(#item).into(),
        Err(e) => {
            let error = e.to_compile_error();
            quote::quote!(#error #item).into()
        }
    }
}

/// Checks the struct-level order and every field's declaration, and strips the field-level
/// attributes (attribute macros cannot sit on fields; this one reads them for the analyzer).
/// Every error is reported, and every field attribute is stripped either way, so that rustc
/// adds no confusing errors of its own.
fn check_struct(args: proc_macro2::TokenStream, s: &mut syn::ItemStruct) -> syn::Result<()> {
    let fields: Vec<syn::Ident> = s.fields.iter().filter_map(|f| f.ident.clone()).collect();
    let mut errors: Vec<syn::Error> = Vec::new();
    match lockorder_attr::parse_struct_order(args) {
        Ok(order) => errors.extend(lockorder_attr::check_struct_order(&order, &fields).err()),
        Err(e) => errors.push(e),
    }
    for field in s.fields.iter_mut() {
        field.attrs.retain(|attr| {
            if !lockorder_attr::is_lock_order(attr) {
                return true;
            }
            let decl = lockorder_attr::parse_decl(lockorder_attr::args(attr))
                .and_then(|d| lockorder_attr::check_sibling_paths(&d, &fields));
            errors.extend(decl.err());
            false
        });
    }
    match errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
