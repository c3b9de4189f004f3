//! `cargo-lockorder`: the command line. Cargo runs `cargo lockorder ARGS` as
//! `cargo-lockorder lockorder ARGS`; invoked directly, the `lockorder` word is optional.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream};
use lockorder_lint::discover::{Edition, Scope};
use lockorder_lint::report::{self, Kind};
use lockorder_lint::{analyze, Analysis, Options};

/// syn allocates a node for nearly every token; mimalloc makes parsing markedly faster than the
/// system allocator (bench/RESULTS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style diagnostics
    Human,
    /// one line per finding: `file:line:col: severity[kind]: message`
    Short,
    /// one JSON document
    Json,
    /// GitHub Actions annotation lines
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other viewers
    Sarif,
    /// cargo's JSON messages (`--message-format json`)
    #[value(skip)]
    Cargo,
    /// the same with coloured `rendered` text
    #[value(skip)]
    CargoAnsi,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// treat every warning as an error
    Warnings,
}

/// cargo's `--message-format`, for editors and tools that read cargo's JSON messages.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    /// as `--format human`
    Human,
    /// as `--format short`
    Short,
    /// cargo's JSON messages (`compiler-message`, `build-finished`), one per line on stdout
    Json,
    /// the same, with ANSI colours in each diagnostic's `rendered` text
    JsonDiagnosticRenderedAnsi,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// Graphviz (`dot -Tsvg`)
    Dot,
    /// a Mermaid flowchart (renders in GitHub markdown)
    Mermaid,
}

/// Finds lock-order cycles, double locks and blocking while holding locks in Rust crates, from
/// source, without building them.
///
/// Exit status: 0 when nothing at error severity was found, 1 when something was, 2 on a usage
/// error or when nothing could be analyzed.
#[derive(Parser)]
#[command(
    name = "cargo-lockorder",
    bin_name = "cargo lockorder",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: Check,
}

#[derive(Subcommand)]
enum Command {
    /// Draw the lock-order graph: a node per lock, an edge per "taken while holding" with a
    /// function that does it, declared orders dashed, cycles in red.
    Graph(Graph),
    /// Propose `#[lock_order]` declarations matching every acquisition order the code follows,
    /// and list the acquisitions that break it (the cycles to fix first).
    Suggest(Suggest),
}

/// What to analyze, and how.
#[derive(Args)]
struct Input {
    /// Packages or workspaces (directories with a Cargo.toml), directories of sources, or
    /// single `.rs` files (each a crate root).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Edition for files no Cargo.toml describes (single files, loose directories); it decides
    /// how long `if let` and tail-expression temporaries live [default: the configuration's
    /// `edition`, else 2021].
    #[arg(long, value_parser = ["2015", "2018", "2021", "2024"])]
    edition: Option<String>,
    /// Worker threads [default: one per core].
    #[arg(short, long)]
    jobs: Option<usize>,
    /// The package or workspace whose Cargo.toml this is (instead of PATH).
    #[arg(long, value_name = "PATH", conflicts_with = "paths")]
    manifest_path: Option<PathBuf>,
    /// Only this package (repeatable); the workspace's other libraries are read as context.
    #[arg(short, long = "package", value_name = "NAME")]
    packages: Vec<String>,
    /// Every member of the workspace (what a workspace root gives by default).
    #[arg(long)]
    workspace: bool,
    /// Leave this package out (repeatable; with `--workspace`).
    #[arg(long, value_name = "NAME", requires = "workspace")]
    exclude: Vec<String>,
    /// The library [default targets: the library and the binaries, without test code].
    #[arg(long)]
    lib: bool,
    /// The binaries.
    #[arg(long)]
    bins: bool,
    /// The examples.
    #[arg(long)]
    examples: bool,
    /// The integration tests, with the library and binaries and their test code
    /// (`#[cfg(test)]`, `#[test]`).
    #[arg(long)]
    tests: bool,
    /// The benches, with the library and binaries and their test code.
    #[arg(long)]
    benches: bool,
    /// Every target and all test code [default: the configuration's `all-targets`].
    #[arg(long)]
    all_targets: bool,
}

impl Input {
    fn paths(&self) -> Vec<PathBuf> {
        match &self.manifest_path {
            Some(m) => vec![m
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from)],
            None => self.paths.clone(),
        }
    }

    fn scope(&self, config: &lockorder_lint::config::Config) -> Scope {
        let chosen = self.lib || self.bins || self.examples || self.tests || self.benches;
        let mut scope = match chosen {
            // As cargo's `--tests` and `--benches`, which build the library and binaries in
            // test mode too.
            true => Scope {
                lib: self.lib || self.tests || self.benches,
                bins: self.bins || self.tests || self.benches,
                examples: self.examples,
                tests: self.tests,
                benches: self.benches,
                ..Scope::default()
            },
            false => Scope::default(),
        };
        if self.all_targets || (!chosen && config.all_targets) {
            scope = scope.all_targets();
        }
        scope.packages = self.packages.clone();
        scope.exclude = self.exclude.clone();
        scope
    }
}

#[derive(Args)]
struct Check {
    #[command(flatten)]
    input: Input,
    /// Output format: `human` diagnostics on stderr; `short` (a line per finding), `json`,
    /// `sarif` (2.1.0) and `github` (workflow annotations) on stdout.
    #[arg(
        long,
        value_enum,
        default_value = "human",
        conflicts_with = "message_format"
    )]
    format: Format,
    /// cargo's spelling: `json` prints cargo's JSON messages, which rust-analyzer and other
    /// editors read (see README).
    #[arg(long, value_enum)]
    message_format: Option<MessageFormat>,
    /// Write the report to FILE instead; a one-line summary still goes to the terminal.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Colour in human output: `auto` colours only when stderr is a terminal.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// `--deny warnings`: warnings count as errors (exit status 1).
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Print what a finding kind means, an example, why it deadlocks and how to fix it; with no
    /// KIND, list the kinds.
    #[arg(long, value_name = "KIND", num_args = 0..=1, default_missing_value = "")]
    explain: Option<String>,
    /// Report (and fail on) only the findings that FILE does not record.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every current finding in FILE (to adopt the lint on existing code), then report
    /// as usual; succeeds (exit 0) whatever it found.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
}

#[derive(Args)]
struct Graph {
    #[command(flatten)]
    input: Input,
    #[arg(long, value_enum, default_value = "dot")]
    format: GraphFormat,
    /// Only the edges that lie on cycles, and their locks.
    #[arg(long)]
    cycles: bool,
    /// Only the locks near LOCK (its name, or the end of it: `Bank::ledger`, `ledger`).
    #[arg(long, value_name = "LOCK")]
    around: Option<String>,
    /// How many edges away from `--around` a lock may be.
    #[arg(long, default_value_t = 1, requires = "around")]
    depth: usize,
    /// One node per type or module instead of one per lock.
    #[arg(long)]
    collapse: bool,
}

#[derive(Args)]
struct Suggest {
    #[command(flatten)]
    input: Input,
    /// Write the attributes into the source files.
    #[arg(long)]
    apply: bool,
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| a == "lockorder") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match &cli.command {
        None => check(&cli.check),
        Some(Command::Graph(g)) => graph(g),
        Some(Command::Suggest(s)) => suggest(s),
    };
    result.unwrap_or_else(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

/// Reads the configuration and analyzes what `input` names.
fn analyze_input(input: &Input, suggest: bool) -> Result<Analysis, String> {
    let paths = input.paths();
    let config = lockorder_lint::config::Config::discover(&paths)?;
    let edition = input
        .edition
        .as_deref()
        .and_then(Edition::parse)
        .or(config.edition());
    let opts = Options {
        paths,
        scope: input.scope(&config),
        edition: edition.unwrap_or(Edition::E2021),
        jobs: input.jobs,
        config,
        suggest,
    };
    let analysis = analyze(&opts)?;
    if !analysis.analyzed_any {
        for p in &analysis.report.problems {
            eprintln!("{}: {}", p.severity.as_str(), p.message);
        }
        return Err("nothing could be analyzed".into());
    }
    Ok(analysis)
}

fn check(cli: &Check) -> Result<ExitCode, String> {
    if let Some(code) = &cli.explain {
        return Ok(explain(code));
    }
    let mut analysis = analyze_input(&cli.input, false)?;
    if let Some(path) = &cli.write_baseline {
        lockorder_lint::baseline::write(path, &analysis.report)?;
    }
    if let Some(path) = &cli.baseline {
        let known = lockorder_lint::baseline::load(path)?;
        analysis.report.stats.baselined = lockorder_lint::baseline::apply(
            &mut analysis.report,
            &known,
            &path.display().to_string(),
        );
    }
    if cli.deny == Some(Deny::Warnings) {
        analysis.report.deny_warnings();
    }
    emit(cli, &analysis)?;
    // Writing a baseline adopts today's findings: it succeeds.
    Ok(
        if analysis.report.errors() > 0 && cli.write_baseline.is_none() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

fn graph(cli: &Graph) -> Result<ExitCode, String> {
    let analysis = analyze_input(&cli.input, false)?;
    let mut map = analysis.map;
    if cli.cycles {
        map = map.cycles_only();
    }
    if let Some(lock) = &cli.around {
        map = map.around(lock, cli.depth)?;
    }
    if cli.collapse {
        map = map.collapsed();
    }
    let text = match cli.format {
        GraphFormat::Dot => report::dot::render(&map),
        GraphFormat::Mermaid => report::mermaid::render(&map),
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the graph: {e}"))?;
    Ok(ExitCode::SUCCESS)
}

fn suggest(cli: &Suggest) -> Result<ExitCode, String> {
    let analysis = analyze_input(&cli.input, true)?;
    let Some(s) = &analysis.suggestion else {
        return Err("no suggestion was computed".into());
    };
    print!("{}", report::suggestion::render(s, &analysis.db, cli.apply));
    if cli.apply {
        for path in lockorder_lint::suggest::apply(&s.edits, &analysis.db)? {
            eprintln!("wrote {}", lockorder_lint::source::display_path(&path));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(code: &str) -> ExitCode {
    if code.is_empty() {
        for kind in Kind::ALL {
            println!(
                "{:<26} {:<8} {}",
                kind.code(),
                kind.default_severity().as_str(),
                kind.info().summary
            );
        }
        return ExitCode::SUCCESS;
    }
    match Kind::from_code(code) {
        Some(kind) => {
            println!("{}", kind.explain());
            ExitCode::SUCCESS
        }
        None => {
            let known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
            eprintln!(
                "error: unknown kind `{code}`; the kinds are: {}",
                known.join(", ")
            );
            ExitCode::from(2)
        }
    }
}

/// Writes the report where and how it was asked for.
impl Check {
    fn format(&self) -> Format {
        match self.message_format {
            None => self.format,
            Some(MessageFormat::Human) => Format::Human,
            Some(MessageFormat::Short) => Format::Short,
            Some(MessageFormat::Json) => Format::Cargo,
            Some(MessageFormat::JsonDiagnosticRenderedAnsi) => Format::CargoAnsi,
        }
    }
}

fn emit(cli: &Check, analysis: &Analysis) -> Result<(), String> {
    let (report, db) = (&analysis.report, &analysis.db);
    let format = cli.format();
    let to_file = cli.output.is_some();
    let choice = match cli.color {
        _ if to_file => ColorChoice::Never,
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    };
    let text = match format {
        Format::Human => {
            if !to_file {
                let mut err = StandardStream::stderr(choice);
                return report::human::render(report, db, &mut err)
                    .map_err(|e| format!("cannot write the report: {e}"));
            }
            let mut buf = Buffer::no_color();
            report::human::render(report, db, &mut buf).map_err(|e| e.to_string())?;
            String::from_utf8_lossy(buf.as_slice()).into_owned()
        }
        Format::Short => report::short::render(report, db),
        Format::Json => report::json::render(report, db) + "\n",
        Format::Github => report::github::render(report, db),
        Format::Sarif => report::sarif::render(report, db) + "\n",
        Format::Cargo | Format::CargoAnsi => {
            report::cargo::render(report, db, &analysis.targets, format == Format::CargoAnsi)
        }
    };
    if !to_file || format != Format::Human {
        for p in &report.problems {
            eprintln!(
                "{}: {}",
                if p.severity == report::Severity::Error {
                    "error"
                } else {
                    "warning"
                },
                p.message
            );
        }
    }
    match &cli.output {
        Some(path) => {
            std::fs::write(path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!(
                "{} (report written to {})",
                report::human::summary_line(report, db),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout();
            out.write_all(text.as_bytes())
                .map_err(|e| format!("cannot write the report: {e}"))?;
        }
    }
    Ok(())
}
