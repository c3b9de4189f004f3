//! Step 1 of the pipeline: turn the user's PATH arguments into crate roots.
//!
//! A package or workspace directory is read from its manifests (`manifest`), with cargo's
//! target auto-discovery and edition rules, and without running anything. A `.rs` file is a
//! crate root of its own; a directory without a manifest is a loose set of sources whose roots
//! are the files no `mod` declaration reaches (found after parsing, see `parse`).

mod manifest;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::report::Problem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edition {
    E2015,
    E2018,
    E2021,
    E2024,
}

impl Edition {
    pub fn parse(s: &str) -> Option<Edition> {
        match s {
            "2015" => Some(Edition::E2015),
            "2018" => Some(Edition::E2018),
            "2021" => Some(Edition::E2021),
            "2024" => Some(Edition::E2024),
            _ => None,
        }
    }

    /// 2024 narrowed two temporary scopes: `if let` scrutinees end before `else`, and tail
    /// expression temporaries end with the tail (Reference, destructors.scope.temporary.edition2024).
    pub fn narrow_temporaries(self) -> bool {
        self >= Edition::E2024
    }
}

/// The package a crate belongs to, as cargo names it.
#[derive(Debug, PartialEq, Eq)]
pub struct Package {
    pub name: String,
    pub version: String,
    pub manifest_path: PathBuf,
}

impl Package {
    /// Cargo's package id spec (`path+file:///dir#name@1.0.0`), as its JSON messages give it.
    pub fn id(&self) -> String {
        let dir = self.manifest_path.parent().unwrap_or(Path::new("/"));
        format!(
            "path+file://{}#{}@{}",
            dir.display(),
            self.name,
            self.version
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetKind {
    Lib,
    Bin,
    Example,
    Test,
    Bench,
}

impl TargetKind {
    /// As cargo spells it in `target.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Lib => "lib",
            TargetKind::Bin => "bin",
            TargetKind::Example => "example",
            TargetKind::Test => "test",
            TargetKind::Bench => "bench",
        }
    }
}

/// Which cargo target of which package a crate root is: what cargo's JSON messages name.
#[derive(Debug, PartialEq, Eq)]
pub struct Target {
    pub package: std::sync::Arc<Package>,
    pub kind: TargetKind,
    /// As cargo spells it (dashes kept).
    pub name: String,
    /// Its root file.
    pub src_path: PathBuf,
    pub edition: Edition,
}

/// One crate to analyze: a root file and how to read it.
#[derive(Clone, Debug)]
pub struct CrateRoot {
    /// The crate name as code refers to it (`my_lib`), used to resolve paths between the crates
    /// of one run.
    pub name: String,
    pub root: PathBuf,
    pub edition: Edition,
    /// The crates its package depends on, by the names code uses (`parking_lot`, a renamed
    /// key): with `std`, `core` and `alloc`, the extern prelude. `None` without a manifest.
    pub dependencies: Option<std::sync::Arc<[String]>>,
    /// A library read only as context of the crates asked for (a path dependency of theirs):
    /// its items are known and the bodies their calls reach are walked, but findings are
    /// reported only where they touch a crate asked for.
    pub context: bool,
    /// Loose-directory crates: every `.rs` file under `root`'s directory is a candidate root.
    pub loose: bool,
    /// `None` for files no manifest describes.
    pub target: Option<std::sync::Arc<Target>>,
    /// Its test code (`#[cfg(test)]` items, `#[test]` functions) is analyzed: in test and
    /// bench targets, when tests are asked for, and in files no manifest describes.
    pub test_code: bool,
}

/// Which packages and targets of a workspace to analyze, as `cargo clippy` selects them.
#[derive(Clone, Debug)]
pub struct Scope {
    pub lib: bool,
    pub bins: bool,
    pub examples: bool,
    pub tests: bool,
    pub benches: bool,
    /// `-p NAME`: only these packages (the others' libraries are read as context).
    pub packages: Vec<String>,
    /// `--exclude NAME`: not these.
    pub exclude: Vec<String>,
}

impl Default for Scope {
    /// What `cargo clippy` checks by default: libraries and binaries, without test code.
    fn default() -> Scope {
        Scope {
            lib: true,
            bins: true,
            examples: false,
            tests: false,
            benches: false,
            packages: Vec::new(),
            exclude: Vec::new(),
        }
    }
}

impl Scope {
    /// `--all-targets`.
    pub fn all_targets(mut self) -> Scope {
        self.lib = true;
        self.bins = true;
        self.examples = true;
        self.tests = true;
        self.benches = true;
        self
    }

    fn includes(&self, kind: TargetKind) -> bool {
        match kind {
            TargetKind::Lib => self.lib,
            TargetKind::Bin => self.bins,
            TargetKind::Example => self.examples,
            TargetKind::Test => self.tests,
            TargetKind::Bench => self.benches,
        }
    }

    fn package(&self, name: &str) -> bool {
        (self.packages.is_empty() || self.packages.iter().any(|p| p == name))
            && !self.exclude.iter().any(|p| p == name)
    }

    /// Keeps the crates asked for; a library not asked for stays as context of the others
    /// (their calls into it are followed), and every other target not asked for goes.
    fn select(&self, crates: &mut Vec<CrateRoot>, problems: &mut Vec<Problem>) {
        for name in &self.packages {
            let known = crates
                .iter()
                .any(|c| c.target.as_ref().is_some_and(|t| &t.package.name == name));
            if !known {
                problems.push(Problem::error(format!(
                    "package `{name}` (`-p {name}`) is not among the packages analyzed"
                )));
            }
        }
        crates.retain_mut(|c| {
            let Some(t) = &c.target else {
                c.test_code = true;
                return true;
            };
            let asked = self.package(&t.package.name) && self.includes(t.kind);
            if !c.context && !asked {
                if t.kind != TargetKind::Lib {
                    return false;
                }
                c.context = true;
            }
            c.test_code = !c.context
                && (self.tests
                    || self.benches
                    || matches!(t.kind, TargetKind::Test | TargetKind::Bench));
            true
        });
    }
}

pub struct Discovered {
    pub crates: Vec<CrateRoot>,
    pub problems: Vec<Problem>,
}

pub fn discover(paths: &[PathBuf], default_edition: Edition, scope: &Scope) -> Discovered {
    let per_path: Vec<Discovered> = paths
        .par_iter()
        .map(|path| discover_one(path, default_edition))
        .collect();
    let mut out = Discovered {
        crates: Vec::new(),
        problems: Vec::new(),
    };
    for mut d in per_path {
        out.crates.append(&mut d.crates);
        out.problems.append(&mut d.problems);
    }
    scope.select(&mut out.crates, &mut out.problems);
    // A crate asked for by one path and context of another is asked for.
    out.crates.sort_by_key(|c| c.context);
    let mut seen = std::collections::HashSet::new();
    out.crates.retain(|c| seen.insert(c.root.clone()));
    out
}

fn discover_one(path: &Path, default_edition: Edition) -> Discovered {
    let mut out = Discovered {
        crates: Vec::new(),
        problems: Vec::new(),
    };
    if path.is_file() {
        out.crates.push(single_file(path, default_edition));
    } else if path.join("Cargo.toml").is_file() {
        match manifest::crates(path) {
            Ok(crates) => out.crates = crates,
            Err(msg) => {
                out.problems.push(Problem::error(format!(
                    "{}: cannot read the package: {msg}; analyzing its .rs files as loose sources with edition {}",
                    path.join("Cargo.toml").display(),
                    edition_name(default_edition),
                )));
                out.crates = loose_dir(path, default_edition);
            }
        }
    } else if path.is_dir() {
        out.crates = loose_dir(path, default_edition);
    } else {
        out.problems.push(Problem::error(format!(
            "{}: no such file or directory",
            path.display()
        )));
    }
    out
}

pub fn edition_name(e: Edition) -> &'static str {
    match e {
        Edition::E2015 => "2015",
        Edition::E2018 => "2018",
        Edition::E2021 => "2021",
        Edition::E2024 => "2024",
    }
}

fn single_file(path: &Path, edition: Edition) -> CrateRoot {
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().replace('-', "_"))
        .unwrap_or_else(|| "main".into());
    CrateRoot {
        name,
        root: path.to_path_buf(),
        edition,
        dependencies: None,
        context: false,
        loose: false,
        target: None,
        test_code: true,
    }
}

/// Every `.rs` file under `dir` (skipping `target/` and hidden directories), sorted so runs are
/// reproducible. Roots among them are decided after parsing.
fn loose_dir(dir: &Path, edition: Edition) -> Vec<CrateRoot> {
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name == "target")
        })
        .filter_map(Result::ok)
        // Symlinks are listed (not followed into directories, so loops cannot trap us): one that
        // leads nowhere is reported as unreadable instead of silently skipped.
        .filter(|e| {
            (e.file_type().is_file() || e.path_is_symlink())
                && e.path().extension().is_some_and(|x| x == "rs")
        })
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| CrateRoot {
            loose: true,
            ..single_file(&f, edition)
        })
        .collect()
}
