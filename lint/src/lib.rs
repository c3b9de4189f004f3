//! lockorder: finds deadlocks in Rust source without compiling it: lock-order cycles, double
//! locks, blocking while holding a lock, and violations of declared lock hierarchies.
//!
//! The pipeline, one module per step (see ARCHITECTURE.md):
//! `discover` -> `parse` -> `index` -> `events` -> `summary` -> `graph` -> `check` ->
//! `suppress` / `config` (and `baseline`, applied by the command line) -> `report`.

pub mod baseline;
pub mod check;
pub mod config;
pub mod discover;
pub mod events;
pub mod graph;
pub mod index;
pub mod locks;
pub mod names;
pub mod parse;
pub mod report;
pub mod source;
pub mod suggest;
pub mod summary;
pub mod suppress;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use discover::Edition;
use report::{Report, Stats};
use source::SourceDb;

pub struct Options {
    pub paths: Vec<PathBuf>,
    /// From `lockorder.toml` or Cargo.toml metadata (`config::Config::discover`).
    pub config: config::Config,
    /// Edition of files that no Cargo.toml describes.
    pub edition: Edition,
    /// Worker threads; `None` uses every core.
    pub jobs: Option<usize>,
    /// Propose a lock hierarchy (`Analysis::suggestion`).
    pub suggest: bool,
    /// Which packages and targets.
    pub scope: discover::Scope,
}

pub struct Analysis {
    pub report: Report,
    pub db: SourceDb,
    /// The cargo target each file of a crate asked for belongs to (the first, when several
    /// share a file).
    pub targets: HashMap<source::FileId, Arc<discover::Target>>,
    /// The lock graph as the picture shows it.
    pub map: graph::map::LockMap,
    /// When `Options::suggest` asks for it.
    pub suggestion: Option<suggest::Suggestion>,
    /// Whether anything at all could be analyzed.
    pub analyzed_any: bool,
}

/// syn and our walker recurse on nesting depth; deeply nested generated code needs room.
const STACK_SIZE: usize = 256 << 20;

/// The worker threads every analysis runs on (`jobs`: `None` for one per core).
pub fn worker_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, String> {
    let mut pool = rayon::ThreadPoolBuilder::new().stack_size(STACK_SIZE);
    if let Some(n) = jobs {
        pool = pool.num_threads(n);
    }
    pool.build()
        .map_err(|e| format!("cannot start worker threads: {e}"))
}

pub fn analyze(opts: &Options) -> Result<Analysis, String> {
    Ok(analyze_on(&worker_pool(opts.jobs)?, opts))
}

/// `analyze` on threads the caller keeps (`worker_pool`; `opts.jobs` is not read): for runs
/// one after another, as in the benchmark. A dropped pool's threads exit after the drop
/// returns, and on a small machine they slow down whatever runs next.
pub fn analyze_on(pool: &rayon::ThreadPool, opts: &Options) -> Analysis {
    pool.install(|| run(opts))
}

fn run(opts: &Options) -> Analysis {
    let discovered = discover::discover(&opts.paths, opts.edition, &opts.scope);
    let mut parsed = parse::parse_all(&discovered.crates);
    let Outputs {
        mut report,
        targets,
        map,
        suggestion,
    } = analyze_parsed(&mut parsed, &opts.config, opts.suggest);
    let mut problems = discovered.problems;
    problems.append(&mut report.problems);
    problems.extend(parsed.problems.iter().cloned());
    report.problems = problems;
    Analysis {
        analyzed_any: !parsed.crates.is_empty(),
        report,
        db: parsed.db,
        targets,
        map,
        suggestion,
    }
}

/// Analyzes one file's text as a crate root: for fuzzing and tests. Call it inside
/// `worker_pool(..).install(..)` for the stack depth deeply nested input needs. `mod`
/// declarations to other files are not followed.
pub fn analyze_text(name: &str, text: &str, edition: Edition) -> Report {
    let mut parsed = parse::parse_text(name, text, edition);
    let mut report = analyze_parsed(&mut parsed, &config::Config::default(), false).report;
    report.problems.extend(parsed.problems.iter().cloned());
    report
}

/// What the analysis of parsed crates gives besides the source.
struct Outputs {
    report: Report,
    targets: HashMap<source::FileId, Arc<discover::Target>>,
    map: graph::map::LockMap,
    suggestion: Option<suggest::Suggestion>,
}

fn analyze_parsed(parsed: &mut parse::Parsed, config: &config::Config, suggest: bool) -> Outputs {
    let files_unparsed = parsed.outlines.iter().filter(|a| a.is_none()).count();
    // The index takes what it needs from the outlines, and frees them.
    let mut index = index::Index::build(parsed, config);
    let mut classes = locks::class::Classes::build(&index);
    let mut units = events::extract(&index, &classes, &parsed.db);
    let functions = index.fns.len();
    events::link_callbacks(&mut index, &mut units);
    events::register_locals(&mut units, &mut classes);
    classes.shorten_names();
    let hierarchy = locks::hierarchy::Hierarchy::resolve(&index, &classes, &parsed.db);
    let aliases = locks::aliases::Aliases::build(&index, &classes, &units);
    let mut summaries = summary::summarize(&units, index.fns.len());
    let graph = graph::build(
        std::mem::take(&mut summaries.found.interactions),
        &hierarchy,
        &aliases,
        &units,
    );
    let cx = check::Cx {
        index: &index,
        classes: &classes,
        units: &units,
        summaries: &summaries,
        hierarchy: &hierarchy,
        aliases: &aliases,
        vias: check::Cx::call_vias(&units),
        regions: check::Cx::code_regions(&units),
        unseen_wakers: match config.unseen_wakers {
            Some(config::Level::Allow) => check::Unseen::Off,
            Some(config::Level::Deny) => check::Unseen::Every(report::Severity::Error),
            Some(config::Level::Warn) => check::Unseen::Every(report::Severity::Warning),
            None => check::Unseen::MadeHere,
        },
        db: &parsed.db,
    };
    let mut findings = check::run(&cx, &graph);
    let map = graph::map::LockMap::build(&cx, &graph);
    let suggestion = suggest.then(|| suggest::suggest(&map, &index, &parsed.db));
    let mut targets = HashMap::new();
    for m in &index.modules {
        let krate = &index.crates[m.krate];
        if let (Some(t), false) = (&krate.target, krate.context) {
            targets.entry(m.file).or_insert_with(|| t.clone());
        }
    }
    // Crates read as context are reported on only where a finding touches a crate asked for.
    if index.crates.iter().any(|c| c.context) {
        let asked: std::collections::HashSet<source::FileId> = index
            .modules
            .iter()
            .filter(|m| !index.crates[m.krate].context)
            .map(|m| m.file)
            .collect();
        findings.retain(|f| f.labels.iter().any(|l| asked.contains(&l.loc.file)));
    }
    let mut suppressions = index.suppressions.clone();
    suppressions.extend(suppress::from_comments(&parsed.db));
    suppress::apply(&mut findings, &suppressions);
    let unused_ignores = config.apply(&mut findings, &parsed.db);
    let key = |f: &report::Finding| {
        let p = f.primary().map(|l| l.loc);
        (
            p.map(|l| parsed.db.get(l.file).display.clone()),
            p.map(|l| (l.line, l.column)),
            f.kind,
            f.message.clone(),
        )
    };
    findings.sort_by_cached_key(key);
    findings.dedup_by(|a, b| a.kind == b.kind && a.message == b.message && a.labels == b.labels);
    let findings = report::group(findings);
    let stats = Stats {
        crates: index.crates.len(),
        files: parsed.db.len(),
        files_unparsed,
        functions,
        lock_classes: classes.list.iter().filter(|c| c.is_lock).count(),
        acquisitions: units.iter().map(|u| u.acquisitions.len()).sum(),
        lock_order_edges: graph.edges.len(),
        baselined: 0,
    };
    let mut problems = index.problems.clone();
    problems.extend(unused_ignores);
    for u in &units {
        if let Some((at, why)) = &u.rare().unparsed {
            problems.push(report::Problem::error(format!(
                "{}: cannot parse the body of `{}`: {why}; the function is not analyzed",
                parsed.db.at(*at),
                u.name(&index),
            )));
        }
        if let Some(at) = u.rare().too_deep {
            problems.push(report::Problem::warning(format!(
                "{}: `{}` nests expressions more than {} levels deep; the deeper part is not analyzed",
                parsed.db.at(at),
                u.name(&index),
                events::MAX_DEPTH
            )));
        }
    }
    problems.extend(hierarchy.problems.iter().cloned());
    Outputs {
        report: Report {
            findings,
            problems,
            stats,
        },
        targets,
        map,
        suggestion,
    }
}
