//! Blocks, statements and `let`: where variables and temporaries die. Each place a temporary
//! scope begins or ends cites the Reference rule (destructors.scope.temporary); the
//! bookkeeping of who owns a guard is `guards.rs`'s.

use super::control::is_success_pattern;
use super::{index_text, Val, Walker};

impl Walker<'_> {
    /// Runs `f` in a block scope: variables declared inside drop at its end.
    pub(super) fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let (len, first) = (self.bindings.len(), self.next_local);
        let out = f(self);
        self.bindings.truncate(len);
        self.life.release_bindings_from(first);
        out
    }

    /// Runs `f` in a temporary scope of its own.
    pub(super) fn temp_scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.life.push_temp_scope();
        let out = f(self);
        self.life.pop_temp_scope();
        self.run_drops(None);
        out
    }

    /// Runs `f` in a temporary scope whose result is the value of the construct: the result's
    /// guards survive the scope (and leave any variable that owned them); other temporaries die.
    pub(super) fn value_scoped(&mut self, f: impl FnOnce(&mut Self) -> Val) -> Val {
        self.life.push_temp_scope();
        let v = f(self);
        self.life.hand_up(&v.guards);
        self.life.pop_temp_scope();
        self.run_drops(None);
        v
    }

    pub(super) fn block(&mut self, b: &syn::Block) -> Val {
        let v = self.block_scoped(b);
        // Values its variables owned drop at the closing brace.
        self.run_drops_at(|w| Some(w.loc(b.brace_token.span.close())));
        v
    }

    fn block_scoped(&mut self, b: &syn::Block) -> Val {
        let value = self.scoped(|w| {
            let mut value = Val::default();
            let last = b.stmts.len().saturating_sub(1);
            for (i, stmt) in b.stmts.iter().enumerate() {
                if w.diverged {
                    break;
                }
                // `#[cfg(P)] stmt; #[cfg(not(P))] stmt;` are alternatives: only one is compiled,
                // so only the first is walked (we analyze one configuration, not both at once).
                if i > 0 && complementary_cfg(&b.stmts[i - 1], stmt) {
                    continue;
                }
                // Test code is walked only when tests are analyzed, as items are (`index`).
                if !w.test_code && crate::parse::outline::is_test(stmt_attrs(stmt)) {
                    continue;
                }
                match stmt {
                    syn::Stmt::Expr(e, None) if i == last => value = w.tail(e),
                    _ => w.stmt(stmt),
                }
                if let Some(semi) = stmt_semi(stmt).filter(|_| !w.published_behind.is_empty()) {
                    let at = w.loc(semi);
                    w.settle_published(at);
                }
            }
            // The value leaves the block: guards it owns are no longer its variables'.
            w.life.make_temporary(&value.guards);
            value
        });
        if !self.published_behind.is_empty() {
            let at = self.loc(b.brace_token.span.close());
            self.settle_published(at);
        }
        value
    }

    /// A block's tail expression. Edition 2024 drops its temporaries right after it; before,
    /// they live on into the enclosing statement.
    pub(super) fn tail(&mut self, e: &syn::Expr) -> Val {
        if !self.edition.narrow_temporaries() {
            return self.expr(e);
        }
        self.value_scoped(|w| w.expr(e))
    }

    pub(super) fn stmt(&mut self, s: &syn::Stmt) {
        match s {
            syn::Stmt::Local(l) => self.local(l),
            syn::Stmt::Expr(e, _) => {
                self.temp_scoped(|w| w.expr(e));
            }
            syn::Stmt::Macro(m) => {
                self.temp_scoped(|w| w.mac(&m.mac));
            }
            syn::Stmt::Item(_) => {}
        }
    }

    pub(super) fn local(&mut self, l: &syn::Local) {
        let depth = self.life.push_temp_scope();
        let v = match &l.init {
            Some(init) => {
                let v = self.initializer(&init.expr);
                if let Some((_, else_block)) = &init.diverge {
                    // `let P = e else { .. }`: the else block runs (and diverges) when P does not
                    // match, after the initializer's temporaries are dropped (rustc drops them
                    // before the else block since let-else was stabilized, Rust 1.65).
                    let snap = self.life.snapshot();
                    let diverged = self.diverged;
                    self.life.kill_temps_from(depth);
                    // `let Ok(g) = try_result else { .. }`: the try failed, there is no guard.
                    if is_success_pattern(&l.pat) {
                        let failed = self.success_only_guards(&v);
                        self.life.kill(&failed);
                    }
                    self.expr(else_block);
                    self.life.restore(&snap);
                    self.diverged = diverged;
                }
                v
            }
            None => Val::default(),
        };
        self.bind_pat(&l.pat, v);
        self.life.pop_temp_scope();
        self.run_drops(None);
    }

    /// A `let` initializer, with temporary lifetime extension: in `let x = &temp().field;` the
    /// temporary lives as long as `x` (Reference, destructors.scope.lifetime-extension).
    pub(super) fn initializer(&mut self, e: &syn::Expr) -> Val {
        match e {
            syn::Expr::Reference(r) => {
                let v = self.extended_operand(&r.expr);
                Val {
                    guards: Vec::new(),
                    ..v
                }
            }
            syn::Expr::Cast(c) => self.initializer(&c.expr),
            syn::Expr::Paren(p) => self.initializer(&p.expr),
            _ => self.expr(e),
        }
    }

    pub(super) fn extended_operand(&mut self, e: &syn::Expr) -> Val {
        match e {
            syn::Expr::Field(f) => {
                let base = self.extended_operand(&f.base);
                self.project_member(base, &f.member)
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                let v = self.extended_operand(&u.expr);
                self.deref(v)
            }
            syn::Expr::Index(i) => {
                let base = self.extended_operand(&i.expr);
                self.expr(&i.index);
                self.project_index(base, index_text(&i.index))
            }
            syn::Expr::Paren(p) => self.extended_operand(&p.expr),
            syn::Expr::Reference(r) => {
                let v = self.extended_operand(&r.expr);
                Val {
                    guards: Vec::new(),
                    ..v
                }
            }
            // A variable is a place, not a temporary (`let q = &guard.queues;`): it keeps what
            // it owns, and `drop(guard)` still ends it.
            syn::Expr::Path(_) => self.expr(e),
            _ => {
                let v = self.expr(e);
                // Owned by a variable number reserved for the extension: it drops with the
                // block, like the variable it is extended for.
                let ext = self.fresh_local();
                self.life.give_to_binding(&v.guards, ext);
                v
            }
        }
    }
}

/// The outer attributes of a statement (of the expression statements that can carry one).
fn stmt_attrs(stmt: &syn::Stmt) -> &[syn::Attribute] {
    match stmt {
        syn::Stmt::Local(l) => &l.attrs,
        syn::Stmt::Macro(m) => &m.attrs,
        syn::Stmt::Expr(e, _) => match e {
            syn::Expr::If(x) => &x.attrs,
            syn::Expr::Block(x) => &x.attrs,
            syn::Expr::Call(x) => &x.attrs,
            syn::Expr::MethodCall(x) => &x.attrs,
            syn::Expr::Macro(x) => &x.attrs,
            syn::Expr::Match(x) => &x.attrs,
            syn::Expr::While(x) => &x.attrs,
            syn::Expr::ForLoop(x) => &x.attrs,
            syn::Expr::Loop(x) => &x.attrs,
            syn::Expr::Unsafe(x) => &x.attrs,
            syn::Expr::Assign(x) => &x.attrs,
            syn::Expr::Await(x) => &x.attrs,
            _ => &[],
        },
        syn::Stmt::Item(_) => &[],
    }
}

/// The predicate of a statement's `#[cfg(..)]`, as text.
pub(super) fn cfg_of(stmt: &syn::Stmt) -> Option<String> {
    let attrs = match stmt {
        syn::Stmt::Local(l) => &l.attrs,
        syn::Stmt::Macro(m) => &m.attrs,
        _ => return None,
    };
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::List(l) if l.path.is_ident("cfg") => Some(l.tokens.to_string()),
        _ => None,
    })
}

/// Whether two statements are `#[cfg(P)]` and `#[cfg(not(P))]`, in either order.
pub(super) fn complementary_cfg(a: &syn::Stmt, b: &syn::Stmt) -> bool {
    let (Some(p), Some(q)) = (cfg_of(a), cfg_of(b)) else {
        return false;
    };
    let negation = |x: &str, y: &str| {
        y.strip_prefix("not")
            .map(|r| {
                r.trim()
                    .trim_start_matches('(')
                    .trim_end_matches(')')
                    .trim()
                    == x.trim()
            })
            .unwrap_or(false)
    };
    negation(&p, &q) || negation(&q, &p)
}

/// The semicolon that ends a statement, if it has one: where its temporaries are gone.
fn stmt_semi(s: &syn::Stmt) -> Option<proc_macro2::Span> {
    match s {
        syn::Stmt::Local(l) => Some(l.semi_token.span),
        syn::Stmt::Expr(_, Some(semi)) => Some(semi.span),
        syn::Stmt::Macro(m) => m.semi_token.map(|t| t.span),
        _ => None,
    }
}
