//! The speed benchmark (a table, not a timed test). For each crate directory given (or every
//! benchmark crate in `bench/corpus`, see `bench/fetch.sh`), and for all of them together, on 1
//! and 2 threads: lines, files, functions, lock classes, findings, the wall time of the full
//! analysis, the wall time of parsing the same files with `syn` alone (the floor; and the floor
//! with the item-macro bodies the analysis also parses, `cfg_rt! { .. }`): medians of runs that
//! time the analysis and the floors back to back on worker threads started once, and the median
//! of each run's ratio; and the analysis' peak memory against the size of the source: the peak
//! of live heap (what the
//! analysis holds; counted by this binary's allocator) and the peak resident size of the real
//! command (which adds the executable, thread stacks and allocator slack). Plus a synthetic lock
//! graph with thousands of classes for the cycle search, and a generated 10 MiB file.
//!
//! cargo bench -p cargo-lockorder --bench real_crates [-- DIR...]

use std::alloc::{GlobalAlloc, Layout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

use lockorder_lint::discover::Edition;
use lockorder_lint::{analyze, analyze_on, worker_pool, Options};
use mimalloc::MiMalloc;
use rayon::prelude::*;

const CRATES: &[&str] = &[
    "tokio-1.48.0",
    "parking_lot-0.12.5",
    "crossbeam-channel-0.5.15",
    "rayon-core-1.13.0",
    "dashmap-6.1.0",
    "sled-0.34.7",
    "moka-0.12.11",
    "hyper-1.7.0",
];
const RUNS: usize = 11;

/// Counts live heap bytes while `COUNTING` is on (off while timing: the shared counters would
/// slow the threads down). Allocates with mimalloc, as the command does, for the analysis and
/// for the floor alike.
struct Counting;
static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to mimalloc; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(live, Relaxed);
        }
        MiMalloc.alloc(l)
    }

    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        if COUNTING.load(Relaxed) {
            LIVE.fetch_sub(l.size(), Relaxed);
        }
        MiMalloc.dealloc(p, l)
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, size: usize) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            let live = LIVE.fetch_add(size, Relaxed) + size;
            PEAK.fetch_max(live, Relaxed);
            LIVE.fetch_sub(l.size(), Relaxed);
        }
        MiMalloc.realloc(p, l, size)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak live heap of one analysis, counted in a process of its own: in this one, the threads of
/// earlier runs free their thread-local data while later runs are counted.
fn peak_heap(dirs: &[PathBuf], jobs: usize) -> Option<usize> {
    let out = Command::new(std::env::current_exe().ok()?)
        .arg("--peak-heap")
        .arg(jobs.to_string())
        .args(dirs)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The child side of `peak_heap`. The count starts high, so that frees of what was allocated
/// before counting began cannot wrap it.
fn count_peak_heap(dirs: &[PathBuf], jobs: usize) -> usize {
    LIVE.store(usize::MAX / 2, Relaxed);
    PEAK.store(usize::MAX / 2, Relaxed);
    COUNTING.store(true, Relaxed);
    let analysis = analyze(&opts(dirs, jobs));
    COUNTING.store(false, Relaxed);
    drop(analysis);
    PEAK.load(Relaxed) - usize::MAX / 2
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn opts(dirs: &[PathBuf], jobs: usize) -> Options {
    Options {
        paths: dirs.to_vec(),
        edition: Edition::E2021,
        jobs: Some(jobs),
        config: lockorder_lint::config::Config::default(),
        suggest: false,
        // Every target and the test code: the same work as before targets could be chosen.
        scope: lockorder_lint::discover::Scope::default().all_targets(),
    }
}

/// Reads and parses exactly the files the analysis read, with syn alone, on the same threads:
/// the floor any syn-based analysis stands on. With `macros`, the bodies of item macros
/// (`cfg_rt! { .. }`) are parsed too, as the analysis does to see the functions inside them.
fn syn_only(pool: &rayon::ThreadPool, files: &[String], macros: bool) -> Duration {
    let start = Instant::now();
    pool.install(|| {
        files.par_iter().for_each(|f| {
            if let Ok(t) = std::fs::read_to_string(f) {
                if let Ok(mut file) = syn::parse_file(&t) {
                    if macros {
                        lockorder_lint::parse::read_item_macros(&mut file);
                    }
                }
            }
            // As the analysis does: proc-macro2 otherwise keeps every text parsed on the
            // thread, and the runs slow each other down.
            proc_macro2::extra::invalidate_current_thread_spans();
        })
    });
    start.elapsed()
}

/// Peak resident memory of one analysis, in a process of its own (GNU time's maximum RSS).
fn peak_kb(dirs: &[PathBuf], jobs: usize) -> Option<u64> {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/cargo-lockorder");
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(&bin)
        .args(["--format", "json", "-j", &jobs.to_string()])
        .args(dirs)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()?
        .trim()
        .parse()
        .ok()
}

fn row(name: &str, dirs: &[PathBuf], jobs: usize) {
    let first = analyze(&opts(dirs, jobs)).expect("analysis");
    let files: Vec<String> = first
        .db
        .iter()
        .map(|(_, f)| f.path.to_string_lossy().into_owned())
        .collect();
    let bytes: usize = first.db.iter().map(|(_, f)| f.text.len()).sum();
    let lines: usize = first.db.iter().map(|(_, f)| f.text.lines().count()).sum();
    // On threads started once, for the analysis and the floor alike: a pool dropped after each
    // run would still be stopping while the next run is timed. Each run times the analysis and
    // the floors back to back, and ratios are the median of each run's: a VM has slow spells of
    // seconds, which would otherwise fall on one side of a ratio and not the other.
    let pool = worker_pool(Some(jobs)).expect("threads");
    let (mut full, mut floor, mut floor_macros) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        let _ = analyze_on(&pool, &opts(dirs, jobs));
        full.push(start.elapsed());
        floor.push(syn_only(&pool, &files, false));
        floor_macros.push(syn_only(&pool, &files, true));
    }
    let ratio = |floors: &[Duration]| {
        let mut r: Vec<f64> = full
            .iter()
            .zip(floors)
            .map(|(a, f)| a.as_secs_f64() / f.as_secs_f64())
            .collect();
        r.sort_by(f64::total_cmp);
        r[r.len() / 2]
    };
    let (ratio_floor, ratio_macros) = (ratio(&floor), ratio(&floor_macros));
    let (full, floor, floor_macros) = (median(full), median(floor), median(floor_macros));
    let s = &first.report.stats;
    let heap = peak_heap(dirs, jobs).map_or("n/a".into(), |heap| {
        format!(
            "{:.1} MiB ({:.1}x src)",
            heap as f64 / (1 << 20) as f64,
            heap as f64 / bytes.max(1) as f64
        )
    });
    let peak = peak_kb(dirs, jobs).map_or("n/a".into(), |kb| {
        format!(
            "{:.1} MiB ({:.1}x src)",
            kb as f64 / 1024.0,
            (kb * 1024) as f64 / bytes.max(1) as f64
        )
    });
    println!(
        "| {name} | {jobs} | {lines} | {} | {} | {} | {} | {:.1} | {:.1} | {:.2} | {:.1} | {:.2} | {heap} | {peak} |",
        s.files,
        s.functions,
        s.lock_classes,
        first.report.findings.len(),
        full.as_secs_f64() * 1e3,
        floor.as_secs_f64() * 1e3,
        ratio_floor,
        floor_macros.as_secs_f64() * 1e3,
        ratio_macros,
    );
}

/// A crate with `n` structs of `n` locks each, where every function nests two locks: thousands
/// of classes and edges, one giant strongly connected component.
fn stress_source(n: usize) -> String {
    let mut src = String::from("use std::sync::Mutex;\n");
    for s in 0..n {
        src.push_str(&format!("pub struct S{s} {{\n"));
        for f in 0..n {
            src.push_str(&format!("    pub f{f}: Mutex<u8>,\n"));
        }
        src.push_str("}\n");
        src.push_str(&format!("impl S{s} {{\n"));
        for f in 0..n {
            let g = (f * 7 + s + 1) % n;
            src.push_str(&format!(
                "    pub fn m{f}(&self, o: &S{}) {{ let _a = self.f{f}.lock().unwrap(); let _b = o.f{g}.lock().unwrap(); }}\n",
                (s + 1) % n
            ));
        }
        src.push_str("}\n");
    }
    src
}

/// A generated file of `bytes` bytes: structs with two locks and two short methods each, almost
/// all items and signatures (what the index reads); `n` is how many structs.
fn large_source(bytes: usize) -> (String, usize) {
    let mut src = String::from("use std::sync::Mutex;\n");
    let mut n = 0;
    while src.len() < bytes {
        src.push_str(&format!(
            "pub struct S{n} {{ pub a: Mutex<u64>, pub b: Mutex<Vec<u8>> }}\nimpl S{n} {{\n    pub fn get{n}(&self) -> u64 {{ *self.a.lock().unwrap() }}\n    pub fn put{n}(&self, v: u8) {{ self.b.lock().unwrap().push(v); }}\n}}\n"
        ));
        n += 1;
    }
    (src, n)
}

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, jobs, dirs @ ..] = all.as_slice() {
        if flag == "--peak-heap" {
            let dirs: Vec<PathBuf> = dirs.iter().map(PathBuf::from).collect();
            println!("{}", count_peak_heap(&dirs, jobs.parse().unwrap_or(1)));
            return;
        }
    }
    let args: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/corpus");
    let dirs: Vec<PathBuf> = if args.is_empty() {
        CRATES
            .iter()
            .map(|c| corpus.join(c))
            .filter(|d| d.is_dir())
            .collect()
    } else {
        args
    };
    if dirs.is_empty() {
        eprintln!("no benchmark crates: run bench/fetch.sh, or pass crate directories");
        return;
    }
    println!("| crate | threads | lines | files | functions | lock classes | findings | analysis ms | syn-only ms | ratio | syn + item macros ms | ratio | peak heap | peak RSS |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for jobs in [1, 2] {
        for d in &dirs {
            let name = d.file_name().map_or_else(
                || d.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            row(&name, std::slice::from_ref(d), jobs);
        }
        row("all together", &dirs, jobs);
    }
    let tmp = std::env::temp_dir().join("lockorder-bench-stress.rs");
    for n in [20, 60] {
        std::fs::write(&tmp, stress_source(n)).expect("write stress input");
        let start = Instant::now();
        let a = analyze(&opts(std::slice::from_ref(&tmp), 2)).expect("analysis");
        println!(
            "\nstress {n}x{n}: {} lock classes, {} edges, {} findings, {:.1} ms",
            a.report.stats.lock_classes,
            a.report.stats.lock_order_edges,
            a.report.findings.len(),
            start.elapsed().as_secs_f64() * 1e3
        );
    }
    let (src, n) = large_source(10 << 20);
    std::fs::write(&tmp, &src).expect("write large input");
    let start = Instant::now();
    let a = analyze(&opts(std::slice::from_ref(&tmp), 2)).expect("analysis");
    let elapsed = start.elapsed();
    let mib = |b: f64| b / (1 << 20) as f64;
    let path = std::slice::from_ref(&tmp);
    println!(
        "\ngenerated file: {:.1} MiB, {n} structs, {} functions: {:.2} s on 2 threads, peak heap {:.1} MiB, peak RSS {:.1} MiB",
        mib(src.len() as f64),
        a.report.stats.functions,
        elapsed.as_secs_f64(),
        peak_heap(path, 2).map_or(f64::NAN, |b| mib(b as f64)),
        peak_kb(path, 2).map_or(f64::NAN, |kb| kb as f64 / 1024.0),
    );
}
