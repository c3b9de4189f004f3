//! `cargo-lockorder`: the command line. Cargo runs `cargo lockorder ARGS` as
//! `cargo-lockorder lockorder ARGS`; invoked directly, the `lockorder` word is optional.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream};
use lockorder_lint::discover::Edition;
use lockorder_lint::report::{self, Kind, Report};
use lockorder_lint::{analyze, Options};

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

/// Finds lock-order cycles, double locks and blocking while holding locks in Rust crates, from
/// source, without building them.
///
/// Exit status: 0 when nothing at error severity was found, 1 when something was, 2 on a usage
/// error or when nothing could be analyzed.
#[derive(Parser)]
#[command(name = "cargo-lockorder", bin_name = "cargo lockorder", version)]
struct Cli {
    /// Packages or workspaces (directories with a Cargo.toml), directories of sources, or
    /// single `.rs` files (each a crate root).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format: `human` diagnostics on stderr; `short` (a line per finding), `json`,
    /// `sarif` (2.1.0) and `github` (workflow annotations) on stdout.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to FILE instead; a one-line summary still goes to the terminal.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Colour in human output: `auto` colours only when stderr is a terminal.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Edition for files no Cargo.toml describes (single files, loose directories); it decides
    /// how long `if let` and tail-expression temporaries live [default: the configuration's
    /// `edition`, else 2021].
    #[arg(long, value_parser = ["2015", "2018", "2021", "2024"])]
    edition: Option<String>,
    /// Worker threads [default: one per core].
    #[arg(short, long)]
    jobs: Option<usize>,
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
    if let Some(code) = &cli.explain {
        return explain(code);
    }
    let config = match lockorder_lint::config::Config::discover(&cli.paths) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let edition = cli
        .edition
        .as_deref()
        .and_then(Edition::parse)
        .or(config.edition());
    let opts = Options {
        paths: cli.paths.clone(),
        edition: edition.unwrap_or(Edition::E2021),
        jobs: cli.jobs,
        config,
    };
    let mut analysis = match analyze(&opts) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &cli.write_baseline {
        if let Err(e) = lockorder_lint::baseline::write(path, &analysis.report) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(path) = &cli.baseline {
        match lockorder_lint::baseline::load(path) {
            Ok(known) => {
                analysis.report.stats.baselined = lockorder_lint::baseline::apply(
                    &mut analysis.report,
                    &known,
                    &path.display().to_string(),
                );
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    if cli.deny == Some(Deny::Warnings) {
        analysis.report.deny_warnings();
    }
    if let Err(e) = emit(&cli, &analysis.report, &analysis.db) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    if !analysis.analyzed_any {
        eprintln!("error: nothing could be analyzed");
        return ExitCode::from(2);
    }
    // Writing a baseline adopts today's findings: it succeeds.
    if analysis.report.errors() > 0 && cli.write_baseline.is_none() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
fn emit(cli: &Cli, report: &Report, db: &lockorder_lint::source::SourceDb) -> Result<(), String> {
    let to_file = cli.output.is_some();
    let choice = match cli.color {
        _ if to_file => ColorChoice::Never,
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    };
    let text = match cli.format {
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
    };
    if !to_file || cli.format != Format::Human {
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
                report::human::summary_line(report),
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
