//! The command line's arguments, as clap reads them: the check (no subcommand), `graph` and
//! `suggest`, and the inputs they share.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use lockorder_lint::config::Config;
use lockorder_lint::discover::Scope;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// treat every warning as an error
    Warnings,
}

/// cargo's `--message-format`, for editors and tools that read cargo's JSON messages.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
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
pub enum GraphFormat {
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
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: Check,
}

#[derive(Subcommand)]
pub enum Command {
    /// Draw the lock-order graph: a node per lock, an edge per "taken while holding" with a
    /// function that does it, declared orders dashed, cycles in red.
    Graph(Graph),
    /// Propose `#[lock_order]` declarations matching every acquisition order the code follows,
    /// and list the acquisitions that break it (the cycles to fix first).
    Suggest(Suggest),
}

/// What to analyze, and how.
#[derive(Args)]
pub struct Input {
    /// Packages or workspaces (directories with a Cargo.toml), directories of sources, or
    /// single `.rs` files (each a crate root).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Edition for files no Cargo.toml describes (single files, loose directories); it decides
    /// how long `if let` and tail-expression temporaries live [default: the configuration's
    /// `edition`, else 2021].
    #[arg(long, value_parser = ["2015", "2018", "2021", "2024"])]
    pub edition: Option<String>,
    /// Worker threads [default: one per core].
    #[arg(short, long)]
    pub jobs: Option<usize>,
    /// The package or workspace whose Cargo.toml this is (instead of PATH).
    #[arg(long, value_name = "PATH", conflicts_with = "paths")]
    pub manifest_path: Option<PathBuf>,
    /// Only this package (repeatable); the workspace's other libraries are read as context.
    #[arg(short, long = "package", value_name = "NAME")]
    pub packages: Vec<String>,
    /// Every member of the workspace (what a workspace root gives by default).
    #[arg(long)]
    pub workspace: bool,
    /// Leave this package out (repeatable; with `--workspace`).
    #[arg(long, value_name = "NAME", requires = "workspace")]
    pub exclude: Vec<String>,
    /// The library [default targets: the library and the binaries, without test code].
    #[arg(long)]
    pub lib: bool,
    /// The binaries.
    #[arg(long)]
    pub bins: bool,
    /// The examples.
    #[arg(long)]
    pub examples: bool,
    /// The integration tests, with the library and binaries and their test code
    /// (`#[cfg(test)]`, `#[test]`).
    #[arg(long)]
    pub tests: bool,
    /// The benches, with the library and binaries and their test code.
    #[arg(long)]
    pub benches: bool,
    /// Every target and all test code [default: the configuration's `all-targets`].
    #[arg(long)]
    pub all_targets: bool,
}

impl Input {
    pub fn paths(&self) -> Vec<PathBuf> {
        match &self.manifest_path {
            Some(m) => vec![m
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), PathBuf::from)],
            None => self.paths.clone(),
        }
    }

    pub fn scope(&self, config: &Config) -> Scope {
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
pub struct Check {
    #[command(flatten)]
    pub input: Input,
    /// Output format: `human` diagnostics on stderr; `short` (a line per finding), `json`,
    /// `sarif` (2.1.0) and `github` (workflow annotations) on stdout.
    #[arg(
        long,
        value_enum,
        default_value = "human",
        conflicts_with = "message_format"
    )]
    pub format: Format,
    /// cargo's spelling: `json` prints cargo's JSON messages, which rust-analyzer and other
    /// editors read (see README).
    #[arg(long, value_enum)]
    pub message_format: Option<MessageFormat>,
    /// Write the report to FILE instead; a one-line summary still goes to the terminal.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour in human output: `auto` colours only when stderr is a terminal.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// `--deny warnings`: warnings count as errors (exit status 1).
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Print what a finding kind means, an example, why it deadlocks and how to fix it; with no
    /// KIND, list the kinds.
    #[arg(long, value_name = "KIND", num_args = 0..=1, default_missing_value = "")]
    pub explain: Option<String>,
    /// Report (and fail on) only the findings that FILE does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE (to adopt the lint on existing code), then report
    /// as usual; succeeds (exit 0) whatever it found.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Args)]
pub struct Graph {
    #[command(flatten)]
    pub input: Input,
    #[arg(long, value_enum, default_value = "dot")]
    pub format: GraphFormat,
    /// Only the edges that lie on cycles, and their locks.
    #[arg(long)]
    pub cycles: bool,
    /// Only the locks near LOCK (its name, or the end of it: `Bank::ledger`, `ledger`).
    #[arg(long, value_name = "LOCK")]
    pub around: Option<String>,
    /// How many edges away from `--around` a lock may be.
    #[arg(long, default_value_t = 1, requires = "around")]
    pub depth: usize,
    /// One node per type or module instead of one per lock.
    #[arg(long)]
    pub collapse: bool,
}

#[derive(Args)]
pub struct Suggest {
    #[command(flatten)]
    pub input: Input,
    /// Write the attributes into the source files.
    #[arg(long)]
    pub apply: bool,
}

impl Check {
    pub fn format(&self) -> Format {
        match self.message_format {
            None => self.format,
            Some(MessageFormat::Human) => Format::Human,
            Some(MessageFormat::Short) => Format::Short,
            Some(MessageFormat::Json) => Format::Cargo,
            Some(MessageFormat::JsonDiagnosticRenderedAnsi) => Format::CargoAnsi,
        }
    }
}
