//! `cargo-lockorder`: the command line. Cargo runs `cargo lockorder ARGS` as
//! `cargo-lockorder lockorder ARGS`; invoked directly, the `lockorder` word is optional.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use lockorder_lint::discover::Edition;
use lockorder_lint::{analyze, report, Options};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Finds lock-order cycles and double locks in Rust crates, from source, without building them.
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
    /// Output format: `human` diagnostics on stderr, or one `json` document on stdout.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Colour in human output: `auto` colours only when stderr is a terminal.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Edition for files no Cargo.toml describes (single files, loose directories); it decides
    /// how long `if let` and tail-expression temporaries live.
    #[arg(long, default_value = "2021", value_parser = ["2015", "2018", "2021", "2024"])]
    edition: String,
    /// Worker threads [default: one per core].
    #[arg(short, long)]
    jobs: Option<usize>,
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
    let opts = Options {
        paths: cli.paths,
        edition: Edition::parse(&cli.edition).unwrap_or(Edition::E2021),
        jobs: cli.jobs,
    };
    let analysis = match analyze(&opts) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let choice = match cli.color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    };
    let written = match cli.format {
        Format::Human => {
            let mut err = StandardStream::stderr(choice);
            report::human::render(&analysis.report, &analysis.db, &mut err)
        }
        Format::Json => {
            for p in &analysis.report.problems {
                eprintln!("error: {}", p.message);
            }
            let doc = report::json::render(&analysis.report, &analysis.db);
            writeln!(std::io::stdout(), "{doc}")
        }
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the report: {e}");
        return ExitCode::from(2);
    }
    if !analysis.analyzed_any {
        eprintln!("error: nothing could be analyzed");
        return ExitCode::from(2);
    }
    if analysis.report.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
