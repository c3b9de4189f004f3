//! `cargo-lockorder`: the command line. Cargo runs `cargo lockorder ARGS` as
//! `cargo-lockorder lockorder ARGS`; invoked directly, the `lockorder` word is optional.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream};
use lockorder_lint::discover::Edition;
use lockorder_lint::report::{self, Kind};
use lockorder_lint::{analyze, Analysis, Options};

mod args;

use args::{Check, Cli, Color, Command, Deny, Format, Graph, GraphFormat, Input, Suggest};

/// syn allocates a node for nearly every token; mimalloc makes parsing markedly faster than the
/// system allocator (bench/RESULTS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
