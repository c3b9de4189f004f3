//! Source text in, findings out: the whole analysis (parse, index, events, summaries, graph,
//! checks) must never panic, hang or blow up on any input.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lockorder_lint::discover::Edition;
use lockorder_lint::{analyze_text, worker_pool};

static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The same worker threads (and stack size) as the command line.
    let pool = POOL.get_or_init(|| worker_pool(Some(1)).expect("worker pool"));
    for edition in [Edition::E2021, Edition::E2024] {
        let report = pool.install(|| analyze_text("fuzz.rs", text, edition));
        for f in &report.findings {
            assert!(!f.message.is_empty());
            assert!(!f.labels.is_empty());
        }
    }
    // Leaving bodies and docs out must never make parseable text unparseable, nor move a
    // character (`parse::bodies`).
    if syn::parse_file(text).is_ok() {
        if let Some(sk) = lockorder_lint::parse::bodies::skeleton(text).and_then(|s| s.text) {
            assert_eq!(sk.chars().count(), text.chars().count());
            assert!(syn::parse_file(&sk).is_ok(), "skeleton does not parse");
        }
    }
    // proc-macro2 keeps every parsed text in a thread-local map; reports hold our own
    // positions, so the spans can go (or memory grows with every input).
    pool.install(proc_macro2::extra::invalidate_current_thread_spans);
});
