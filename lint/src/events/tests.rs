//! The walker at its boundary: a snippet in, its events out as text (`dump`), checked against
//! an inline snapshot. `UPDATE_EXPECT=1 cargo test` rewrites the snapshots.

use expect_test::{expect, Expect};

use crate::discover::Edition;

fn events(src: &str, edition: Edition) -> String {
    let mut parsed = crate::parse::parse_text("snippet.rs", src, edition);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let mut index = crate::index::Index::build(&mut parsed, &crate::config::Config::default());
    let mut classes = crate::locks::class::Classes::build(&index);
    let mut units = super::extract(&index, &classes, &parsed.db);
    super::link_callbacks(&mut index, &mut units);
    super::register_locals(&mut units, &mut classes);
    classes.shorten_names();
    super::dump(&units, &index, &classes)
}

fn check(src: &str, want: Expect) {
    want.assert_eq(&events(src, Edition::E2021));
}

/// The same snippet read as edition 2024, whose temporary scopes are narrower.
fn check_2024(src: &str, want: Expect) {
    want.assert_eq(&events(src, Edition::E2024));
}

const BANK: &str = "
use std::sync::{Mutex, RwLock, Condvar};
pub struct Bank { a: Mutex<u32>, b: Mutex<u32>, cache: RwLock<Vec<u32>>, ready: Condvar }
";

#[test]
fn a_let_bound_guard_lives_to_the_end_of_its_block() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self) {{
        let g = self.a.lock().unwrap();
        self.b.lock().unwrap();
        drop(g);
        self.b.lock().unwrap();
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:17 lock Bank::a at self.a, holds []
              8:9 lock Bank::b at self.b, holds [Bank::a@7]
              10:9 lock Bank::b at self.b, holds []
        "#]],
    );
}

#[test]
fn statement_temporaries_die_at_the_semicolon_and_let_underscore_binds_nothing() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self) {{
        *self.a.lock().unwrap() += *self.b.lock().unwrap();
        let _ = self.a.lock().unwrap();
        let _g = self.b.lock().unwrap();
        self.a.lock().unwrap();
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:10 lock Bank::a at self.a, holds [Bank::b@7]
              7:37 lock Bank::b at self.b, holds []
              8:17 lock Bank::a at self.a, holds []
              9:18 lock Bank::b at self.b, holds []
              10:9 lock Bank::a at self.a, holds [Bank::b@9]
        "#]],
    );
}

#[test]
fn a_match_scrutinee_lives_through_every_arm() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self) -> u32 {{
        match *self.a.lock().unwrap() {{
            0 => *self.b.lock().unwrap(),
            n => n,
        }}
    }}
    fn g(&self) -> u32 {{
        let n = *self.a.lock().unwrap();
        match n {{
            0 => *self.b.lock().unwrap(),
            n => n,
        }}
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:16 lock Bank::a at self.a, holds []
              8:19 lock Bank::b at self.b, holds [Bank::a@7]
            fn Bank::g
              13:18 lock Bank::a at self.a, holds []
              15:19 lock Bank::b at self.b, holds []
        "#]],
    );
}

#[test]
fn if_let_scrutinee_reaches_else_before_2024_only() {
    let src = format!(
        "{BANK}
impl Bank {{
    fn f(&self) {{
        if let Some(x) = self.cache.read().unwrap().first() {{
            let _ = x;
        }} else {{
            self.cache.write().unwrap().push(1);
        }}
    }}
}}"
    );
    check(
        &src,
        expect![[r#"
        fn Bank::f
          7:26 read Bank::cache at self.cache, holds []
          10:13 write Bank::cache at self.cache, holds [Bank::cache@7]
    "#]],
    );
    check_2024(
        &src,
        expect![[r#"
        fn Bank::f
          7:26 read Bank::cache at self.cache, holds []
          10:13 write Bank::cache at self.cache, holds []
    "#]],
    );
}

#[test]
fn a_tail_expression_temporary_outlives_its_block_before_2024_only() {
    let src = format!(
        "{BANK}
impl Bank {{
    fn f(&self) -> u32 {{
        let n = {{ *self.a.lock().unwrap() }};
        *self.b.lock().unwrap() + n
    }}
    fn g(&self) -> usize {{
        let v = {{ self.cache.read().unwrap().len() }} + self.cache.write().unwrap().len();
        v
    }}
}}"
    );
    check(
        &src,
        expect![[r#"
        fn Bank::f
          7:20 lock Bank::a at self.a, holds []
          8:10 lock Bank::b at self.b, holds []
        fn Bank::g
          11:19 read Bank::cache at self.cache, holds []
          11:56 write Bank::cache at self.cache, holds [Bank::cache@11]
    "#]],
    );
    check_2024(
        &src,
        expect![[r#"
        fn Bank::f
          7:20 lock Bank::a at self.a, holds []
          8:10 lock Bank::b at self.b, holds []
        fn Bank::g
          11:19 read Bank::cache at self.cache, holds []
          11:56 write Bank::cache at self.cache, holds []
    "#]],
    );
}

#[test]
fn a_borrowed_temporary_in_let_is_extended_to_the_block() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self) {{
        let v = &self.cache.read().unwrap()[0];
        self.a.lock().unwrap();
        let n = self.cache.read().unwrap()[0];
        self.b.lock().unwrap();
        let _ = (v, n);
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:18 read Bank::cache at self.cache, holds []
              8:9 lock Bank::a at self.a, holds [Bank::cache@7]
              9:17 read Bank::cache at self.cache, holds [Bank::cache@7]
              10:9 lock Bank::b at self.b, holds [Bank::cache@7]
        "#]],
    );
}

/// `f`: each branch takes its own guard, and neither is held at the end of the other branch, so
/// none survives the merge: a known gap (the analysis reports what certainly happens).
#[test]
fn branches_merge_to_what_every_surviving_branch_holds() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self, c: bool) {{
        let g = if c {{ self.a.lock().unwrap() }} else {{ self.a.lock().unwrap() }};
        self.b.lock().unwrap();
        drop(g);
    }}
    fn g(&self, c: bool) {{
        let g = self.a.lock().unwrap();
        if c {{
            drop(g);
        }} else {{
            return;
        }}
        self.b.lock().unwrap();
    }}
    fn h(&self, c: bool) {{
        let g = self.a.lock().unwrap();
        if c {{
            drop(g);
        }}
        self.b.lock().unwrap();
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:24 lock Bank::a at self.a, holds []
              7:56 lock Bank::a at self.a, holds []
              8:9 lock Bank::b at self.b, holds []
            fn Bank::g
              12:17 lock Bank::a at self.a, holds []
              18:9 lock Bank::b at self.b, holds []
            fn Bank::h
              21:17 lock Bank::a at self.a, holds []
              25:9 lock Bank::b at self.b, holds []
        "#]],
    );
}

#[test]
fn a_failed_try_lock_holds_nothing() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self) {{
        if let Ok(g) = self.a.try_lock() {{
            self.b.lock().unwrap();
            drop(g);
        }} else {{
            self.b.lock().unwrap();
        }}
        match self.a.try_lock() {{
            Err(_) => {{ self.b.lock().unwrap(); }}
            Ok(_g) => {{ self.b.lock().unwrap(); }}
        }}
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:24 try lock Bank::a at self.a, holds []
              8:13 lock Bank::b at self.b, holds [Bank::a@7]
              11:13 lock Bank::b at self.b, holds []
              13:15 try lock Bank::a at self.a, holds []
              14:25 lock Bank::b at self.b, holds []
              15:25 lock Bank::b at self.b, holds [Bank::a@13]
        "#]],
    );
}

#[test]
fn loops_keep_their_head_and_condition_temporaries_as_rust_does() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self) {{
        for x in self.cache.read().unwrap().iter() {{
            self.a.lock().unwrap();
            let _ = x;
        }}
        while let Some(x) = self.cache.write().unwrap().pop() {{
            self.b.lock().unwrap();
            let _ = x;
        }}
        while *self.a.lock().unwrap() > 0 {{
            self.b.lock().unwrap();
        }}
        loop {{
            let _g = self.a.lock().unwrap();
            break;
        }}
        self.b.lock().unwrap();
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:18 read Bank::cache at self.cache, holds []
              8:13 lock Bank::a at self.a, holds [Bank::cache@7]
              11:29 write Bank::cache at self.cache, holds []
              12:13 lock Bank::b at self.b, holds [Bank::cache@11]
              15:16 lock Bank::a at self.a, holds []
              16:13 lock Bank::b at self.b, holds []
              19:22 lock Bank::a at self.a, holds []
              22:9 lock Bank::b at self.b, holds []
        "#]],
    );
}

#[test]
fn closures_run_where_they_are_called_and_spawned_ones_on_their_own_thread() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self, items: Vec<u32>) {{
        let g = self.a.lock().unwrap();
        items.iter().for_each(|_| {{ self.b.lock().unwrap(); }});
        let later = || self.cache.write().unwrap().clear();
        drop(g);
        later();
    }}
    fn g(self: std::sync::Arc<Self>) {{
        let _g = self.a.lock().unwrap();
        let me = self.clone();
        let t = std::thread::spawn(move || {{ me.b.lock().unwrap(); }});
        t.join().unwrap();
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:17 lock Bank::a at self.a, holds []
              8:37 lock Bank::b at self.b, holds [Bank::a@7]
              9:24 write Bank::cache at self.cache, holds []
            fn Bank::g
              14:18 lock Bank::a at self.a, holds []
              17:9 wait join on g::t at local3, holds [Bank::a@14], joins thread 2
            thread Bank::g::{closure}
              16:46 lock Bank::b at param0.b, holds []
        "#]],
    );
}

#[test]
fn macro_arguments_are_expressions_and_asserts_end_their_temporaries() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn f(&self) {{
        assert_eq!(*self.a.lock().unwrap(), 0);
        println!(\"{{}} {{}}\", self.b.lock().unwrap(), self.cache.read().unwrap().len());
        let g = self.a.lock().unwrap();
        if *g > 1 {{
            panic!(\"too many\");
        }}
        drop(g);
        self.b.lock().unwrap();
    }}
}}"
        ),
        expect![[r#"
            fn Bank::f
              7:21 lock Bank::a at self.a, holds []
              8:27 lock Bank::b at self.b, holds []
              8:51 read Bank::cache at self.cache, holds [Bank::b@8]
              9:17 lock Bank::a at self.a, holds []
              14:9 lock Bank::b at self.b, holds []
        "#]],
    );
}

#[test]
fn waits_wakes_and_awaits_record_what_is_held() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn wait(&self) {{
        let _b = self.b.lock().unwrap();
        let mut g = self.a.lock().unwrap();
        while *g == 0 {{
            g = self.ready.wait(g).unwrap();
        }}
    }}
    fn wake(&self) {{
        *self.a.lock().unwrap() = 1;
        self.ready.notify_all();
    }}
    async fn step(&self) {{
        let g = self.a.lock().unwrap();
        other().await;
        drop(g);
    }}
}}
async fn other() {{}}"
        ),
        expect![[r#"
            fn Bank::wait
              7:18 lock Bank::b at self.b, holds []
              8:21 lock Bank::a at self.a, holds [Bank::b@7]
              10:17 wait condition variable on Bank::ready at self.ready, holds [Bank::b@7], releases self.a
            fn Bank::wake
              14:10 lock Bank::a at self.a, holds []
              15:9 wake condition variable on Bank::ready at self.ready, holds []
            fn Bank::step
              18:17 lock Bank::a at self.a, holds []
              19:9 call other(), holds [Bank::a@18]
              19:17 await, holds [Bank::a@18]
        "#]],
    );
}

#[test]
fn block_on_waits_for_what_its_future_waits_for() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    async fn next(&self, rx: &mut tokio::sync::mpsc::Receiver<u32>) -> Option<u32> {{
        rx.recv().await
    }}
    fn drain(&self, rx: &mut tokio::sync::mpsc::Receiver<u32>) {{
        let _a = self.a.lock().unwrap();
        futures::executor::block_on(self.next(rx));
        futures::executor::block_on(async {{
            let _b = self.b.lock().unwrap();
            rx.recv().await;
            reqwest::get(\"http://x\").await;
        }});
    }}
}}"
        ),
        expect![[r#"
            fn Bank::next
              7:19 task wait channel receive on the caller's at rx, holds []
              7:19 await, holds []
            fn Bank::drain
              10:18 lock Bank::a at self.a, holds []
              11:37 call Bank::next(self, rx (the caller's)), run to its end, holds [Bank::a@10]
              13:22 lock Bank::b at self.b, holds [Bank::a@10]
              14:23 wait channel receive on the caller's at rx, holds [Bank::a@10, Bank::b@13]
              14:23 await, holds [Bank::b@13]
              15:38 await, holds [Bank::b@13]
        "#]],
    );
}

#[test]
fn guards_returned_by_calls_are_held_by_the_caller() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn a(&self) -> std::sync::MutexGuard<'_, u32> {{
        self.a.lock().unwrap()
    }}
    fn f(&self, other: &Bank) {{
        let g = self.a();
        other.a.lock().unwrap();
        let _ = g;
    }}
}}"
        ),
        expect![[r#"
            fn Bank::a
              7:9 lock Bank::a at self.a, holds []
              returns [Bank::a@7]
            fn Bank::f
              10:17 call Bank::a(self), holds []
              11:9 lock Bank::a at other.a, holds [returned by Bank::a@10]
        "#]],
    );
}

#[test]
fn locks_made_in_the_function_are_classes_of_their_own() {
    check(
        "
use std::sync::{Arc, Mutex};
fn f() {
    let m = Arc::new(Mutex::new(0));
    let pair = Arc::new((Mutex::new(0), Mutex::new(1)));
    let g = m.lock().unwrap();
    let _h = pair.1.lock().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<u32>();
    tx.send(1).unwrap();
    drop(g);
    rx.recv().unwrap();
}",
        expect![[r#"
            fn f
              6:13 lock f::m at local0, holds []
              7:14 lock f::pair.1 at local1.1, holds [f::m@6]
              9:5 wake channel send on f::channel@8 at local4, holds [f::m@6, f::pair.1@7]
              11:5 wait channel receive on f::channel@8 at local5, holds [f::pair.1@7]
        "#]],
    );
}

#[test]
fn async_locks_are_taken_where_their_future_is_awaited() {
    check(
        "
use tokio::sync::Mutex;
struct S { a: Mutex<u32>, b: Mutex<u32> }
impl S {
    async fn f(&self) {
        let fut = self.a.lock();
        let _b = self.b.lock().await;
        let _a = fut.await;
    }
}",
        expect![[r#"
            fn S::f
              6:19 lock S::a at self.a, holds [S::b@7]
              7:18 lock S::b at self.b, holds []
              7:32 await, holds []
              8:22 await, holds [S::b@7]
        "#]],
    );
}

#[test]
fn an_async_fn_runs_where_its_future_is_awaited() {
    check(
        "
use tokio::sync::Mutex;
struct S { a: Mutex<u32>, b: Mutex<u32> }
impl S {
    async fn touch(&self) { *self.b.lock().await += 1; }
    async fn f(&self) {
        let fut = {
            let _a = self.a.lock().await;
            self.touch()
        };
        fut.await;
        let _a = self.a.lock().await;
        self.touch().await;
    }
}",
        expect![[r#"
            fn S::touch
              5:30 lock S::b at self.b, holds []
              5:44 await, holds []
            fn S::f
              8:22 lock S::a at self.a, holds []
              8:36 await, holds []
              9:13 call S::touch(self), holds []
              11:13 await, holds []
              12:18 lock S::a at self.a, holds []
              12:32 await, holds []
              13:9 call S::touch(self), holds [S::a@12]
              13:22 await, holds [S::a@12]
        "#]],
    );
}

#[test]
fn a_call_through_a_trait_reaches_every_implementation_and_default_methods_get_self() {
    check(
        "
use std::sync::Mutex;
pub trait Store { fn put(&self); fn put_twice(&self) { self.put(); self.put(); } }
pub struct A { m: Mutex<u32> }
pub struct B { n: Mutex<u32> }
impl Store for A { fn put(&self) { *self.m.lock().unwrap() += 1; } }
impl Store for B { fn put(&self) { *self.n.lock().unwrap() += 1; } fn put_twice(&self) {} }
pub fn commit<S: Store>(s: &S) { s.put(); }
pub fn commit_dyn(s: &dyn Store) { s.put_twice(); }
pub fn direct(a: &A) { a.put_twice(); }
",
        expect![[r#"
            fn commit
              8:34 call A::put(s), holds []
              8:34 call B::put(s), holds []
            fn commit_dyn
              9:36 call A::put_twice(s), holds []
              9:36 call B::put_twice(s), holds []
            fn direct
              10:24 call A::put_twice(a), holds []
            fn A::put_twice
              3:56 call A::put(self), holds []
              3:68 call A::put(self), holds []
            fn A::put
              6:37 lock A::m at self.m, holds []
            fn B::put
              7:37 lock B::n at self.n, holds []
        "#]],
    );
}

#[test]
fn a_value_with_a_drop_impl_runs_its_drop_where_it_dies() {
    check(
        "
use std::sync::Mutex;
pub struct Registry { handles: Mutex<u32> }
pub struct Handle<'a> { id: u64, registry: &'a Registry }
impl Drop for Handle<'_> { fn drop(&mut self) { *self.registry.handles.lock().unwrap() -= 1; } }
impl Registry {
    pub fn release(&self, h: Handle<'_>) { let _m = self.handles.lock().unwrap(); drop(h); }
    pub fn scope(&self) { let _m = self.handles.lock().unwrap(); let _h = Handle { id: 1, registry: self }; }
    pub fn before(&self) { let _h = Handle { id: 1, registry: self }; let _m = self.handles.lock().unwrap(); }
    pub fn kept(&self, all: &mut Vec<Handle<'_>>) { let _m = self.handles.lock().unwrap(); let h = Handle { id: 1, registry: self }; all.push(h); }
}
",
        expect![[r#"
            fn Handle::drop
              5:50 lock Registry::handles at self.registry.handles, holds []
            fn Registry::release
              7:53 lock Registry::handles at self.handles, holds []
              7:83 call Handle::drop(h), holds [Registry::handles@7]
            fn Registry::scope
              8:36 lock Registry::handles at self.handles, holds []
              8:109 call Handle::drop(_), holds [Registry::handles@8]
            fn Registry::before
              9:80 lock Registry::handles at self.handles, holds []
              9:110 call Handle::drop(_), holds []
            fn Registry::kept
              10:62 lock Registry::handles at self.handles, holds []
        "#]],
    );
}

#[test]
fn dropping_a_runtime_waits_for_its_tasks() {
    check(
        "
use std::sync::{Arc, Mutex};
use tokio::runtime::{Handle, Runtime};
pub struct Inner { merger: Mutex<Option<Runtime>> }
pub struct Rt { inner: Arc<Inner> }
impl Rt {
    fn inner(&self) -> &Inner { &self.inner }
    pub fn merger(&self) -> Handle { self.inner().merger.lock().unwrap().as_ref().expect(\"down\").handle().clone() }
    pub fn start(self: Arc<Self>) { let this = self.clone(); self.merger().spawn(async move { this.merger(); }); }
    pub fn join(&self) { if let Some(rt) = self.inner().merger.lock().unwrap().take() { drop(rt); } }
}
",
        expect![[r#"
            fn Rt::inner
            fn Rt::merger
              8:38 lock Inner::merger at self.inner.merger, holds []
              8:38 call Rt::inner(self), holds []
            fn Rt::start
              9:62 call Rt::merger(self), holds []
            thread Rt::start::{closure}
              9:95 call Rt::merger(param0), holds []
            fn Rt::join
              10:44 lock Inner::merger at self.inner.merger, holds []
              10:44 call Rt::inner(self), holds []
              10:89 wait runtime shutdown, holds [Inner::merger@10]
        "#]],
    );
}

#[test]
fn a_closure_kept_in_a_field_runs_where_the_field_is_called() {
    check(
        &format!(
            "{BANK}
pub struct Hooks {{ bank: Bank, on_close: Box<dyn Fn(u32)>, later: Vec<Box<dyn Fn()>> }}
impl Hooks {{
    fn set(&mut self, bank: std::sync::Arc<Bank>) {{
        let _g = self.bank.a.lock().unwrap();
        self.on_close = Box::new(move |n| {{ *bank.b.lock().unwrap() = n; }});
    }}
    fn add(&mut self, f: impl Fn() + 'static) {{
        self.later.push(Box::new(f));
    }}
    fn close(&self) {{
        let _g = self.bank.a.lock().unwrap();
        (self.on_close)(1);
        for f in self.later.iter() {{
            f();
        }}
    }}
    fn user(&mut self, bank: std::sync::Arc<Bank>) {{
        self.add(move || {{ bank.a.lock().unwrap(); }});
    }}
}}"
        ),
        expect![[r#"
            fn Hooks::set
              8:18 lock Bank::a at self.bank.a, holds []
            fn Hooks::set::{closure}
              9:46 lock Bank::b at local1.b, holds []
            fn Hooks::add
            fn Hooks::close
              15:18 lock Bank::a at self.bank.a, holds []
              16:9 call Hooks::set::{closure}(_, self), holds [Bank::a@15]
              18:13 call Hooks::user::{closure}(self), holds [Bank::a@15]
            fn Hooks::user
              22:9 call Hooks::add(self, _), holds []
            fn Hooks::user::{closure}
              22:28 lock Bank::a at local1.a, holds []
        "#]],
    );
}

#[test]
fn a_reference_into_a_guards_data_does_not_take_the_guard_over() {
    check(
        &format!(
            "{BANK}
impl Bank {{
    fn total(&self) {{ self.a.lock().unwrap(); }}
    fn settle(&self, n: u32) {{
        let guard = self.a.lock().unwrap();
        let balance = &*guard;
        if *balance == n {{
            drop(guard);
            self.total();
        }}
        let kept = &self.b.lock().unwrap();
        self.total();
        drop(kept);
    }}
}}"
        ),
        expect![[r#"
            fn Bank::total
              6:23 lock Bank::a at self.a, holds []
            fn Bank::settle
              8:21 lock Bank::a at self.a, holds []
              12:13 call Bank::total(self), holds []
              14:21 lock Bank::b at self.b, holds []
              15:9 call Bank::total(self), holds [Bank::b@14]
        "#]],
    );
}
