//! Configuration: `lockorder.toml` at the root of the analyzed workspace, or the
//! `[workspace.metadata.lockorder]` / `[package.metadata.lockorder]` table of its Cargo.toml.
//!
//! ```toml
//! edition = "2021"                       # for files no Cargo.toml describes
//! exclude = ["tests/**", "benches/"]     # findings there are not reported
//! blocking = ["my_crate::wait_for_signal", "Queue::pop_blocking"]
//! spawners = ["pool::submit"]             # run their closure on another thread
//! all-targets = true                     # tests, benches, examples and test code too
//! unseen-wakers = "warn"                 # hold-while-wait with no waker in sight: every one
//!
//! [severity]                             # per kind: "allow", "warn" or "deny"
//! hold-while-wait = "deny"
//! await-holding-lock = "allow"
//!
//! [[lock-types]]                         # a lock the analyzer cannot see into
//! path = "my_sync::FairLock"
//! kind = "rwlock"                        # "mutex", "rwlock" or "reentrant"
//! read = ["read", "shared"]
//! write = ["write", "exclusive"]
//! try = ["try_read", "try_write"]
//! ```
//!
//! Unknown keys and bad values are errors that name the file, the key and what is accepted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::discover::Edition;
use crate::locks::api::{Acquire, LockKind, Mode};
use crate::report::{Finding, Kind, Problem, Severity};

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum UserLockKind {
    Mutex,
    Rwlock,
    Reentrant,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockType {
    pub path: String,
    pub kind: Option<UserLockKind>,
    #[serde(default)]
    pub lock: Vec<String>,
    #[serde(default)]
    pub read: Vec<String>,
    #[serde(default)]
    pub write: Vec<String>,
    #[serde(default, rename = "try")]
    pub try_: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    #[serde(default)]
    pub exclude: Vec<String>,
    pub edition: Option<String>,
    #[serde(default)]
    pub lock_types: Vec<LockType>,
    #[serde(default)]
    pub blocking: Vec<String>,
    /// More functions that run the closure or future they are given on another thread or task
    /// (`pool::submit`, `Executor::spawn_detached`), matched like `blocking`.
    #[serde(default)]
    pub spawners: Vec<String>,
    /// Findings not to report, each with the reason (by kind, lock classes, function).
    #[serde(default)]
    pub ignore: Vec<Ignore>,
    /// Analyze every target and the test code (`#[cfg(test)]`, `#[test]`) by default, as
    /// `--all-targets` does.
    #[serde(default)]
    pub all_targets: bool,
    /// A thread that blocks holding a lock when the code shows no thread that would wake it:
    /// `warn` (every such wait), `deny` (as errors) or `allow` (none). Unset, only waits on a
    /// channel, condvar or barrier a function made and handed on, and in configured blocking
    /// functions, are reported, as warnings: on large real workspaces nearly all the others
    /// were not deadlocks.
    pub unseen_wakers: Option<Level>,
    /// Where the configuration was read and what `exclude` is relative to.
    #[serde(skip)]
    pub root: Option<PathBuf>,
    /// `exclude`, compiled.
    #[serde(skip)]
    excludes: globset::GlobSet,
    /// The file it was read from, as errors and warnings name it.
    #[serde(skip)]
    file: String,
}

/// `[[ignore]]`: a finding that is known and accepted, named so that it stays ignored while the
/// code around it changes (cargo-deny's `ignore = [{ id, reason }]`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// Its kind; any kind when absent.
    pub kind: Option<String>,
    /// Lock classes that are all among the finding's (`Bank::accounts`, or the end of a longer
    /// name).
    #[serde(default)]
    pub locks: Vec<String>,
    /// A function the finding goes through, by its path or the end of it (`Conn::close`).
    pub function: Option<String>,
    pub reason: String,
}

impl Ignore {
    fn matches(&self, f: &Finding) -> bool {
        let named = |want: &str, have: &str| have == want || have.ends_with(&format!("::{want}"));
        self.kind.as_deref().map_or(true, |k| k == f.kind.code())
            && self
                .locks
                .iter()
                .all(|l| f.locks.iter().any(|have| named(l, have)))
            && self.function.as_deref().map_or(true, |want| {
                f.functions.iter().any(|have| named(want, have))
            })
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(k) = &self.kind {
            parts.push(format!("kind = \"{k}\""));
        }
        if !self.locks.is_empty() {
            parts.push(format!("locks = {:?}", self.locks));
        }
        if let Some(f) = &self.function {
            parts.push(format!("function = \"{f}\""));
        }
        format!("{{ {} }}", parts.join(", "))
    }
}

impl LockType {
    pub fn lock_kind(&self) -> LockKind {
        match self.kind {
            Some(UserLockKind::Rwlock) => LockKind::RwLock,
            Some(UserLockKind::Reentrant) => LockKind::ReentrantMutex,
            _ => LockKind::Mutex,
        }
    }

    /// What calling `method` acquires, by the lists this type was configured with.
    pub fn acquire(&self, method: &str) -> Option<Acquire> {
        let tried = self.try_.iter().any(|m| m == method);
        let mode = if self.read.iter().any(|m| m == method) {
            Mode::Read
        } else if self.write.iter().any(|m| m == method) {
            Mode::Write
        } else if self.lock.iter().any(|m| m == method) || tried {
            match self.lock_kind() {
                LockKind::RwLock if method.contains("read") => Mode::Read,
                LockKind::RwLock => Mode::Write,
                _ => Mode::Exclusive,
            }
        } else {
            return None;
        };
        Some(Acquire {
            mode,
            waits: !tried,
        })
    }

    pub fn segments(&self) -> Vec<String> {
        self.path.split("::").map(str::to_string).collect()
    }
}

/// Whether `pattern` (a path with `*` and `**`, or a directory prefix ending in `/`) matches
/// `path`, both relative to the configuration's root.
/// An `exclude` pattern as a glob over paths relative to the configuration's directory, the
/// way `.gitignore` reads them: `*` stays within a directory, `**` crosses any number, and a
/// pattern ending in `/` is everything under that directory.
fn exclude_glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    let pattern = pattern.trim_start_matches("./");
    let pattern = match pattern.strip_suffix('/') {
        Some(dir) => format!("{dir}/**"),
        None => pattern.to_string(),
    };
    globset::GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()
}

impl Config {
    /// The configuration for a run on `paths`: read from the first directory among them.
    pub fn discover(paths: &[PathBuf]) -> Result<Config, String> {
        let Some(dir) = paths.iter().find(|p| p.is_dir()) else {
            return Ok(Config::default());
        };
        let root = workspace_root(dir).unwrap_or_else(|| dir.clone());
        let own = root.join("lockorder.toml");
        let (mut config, source) = if own.is_file() {
            let text =
                std::fs::read_to_string(&own).map_err(|e| format!("{}: {e}", own.display()))?;
            let config = toml::from_str::<Config>(&text)
                .map_err(|e| format!("{}: {}", own.display(), e.to_string().trim_end()))?;
            (config, Source::File(own))
        } else {
            let manifest = root.join("Cargo.toml");
            match from_manifest(&manifest)? {
                Some((config, text)) => (config, Source::Manifest(manifest, text)),
                None => return Ok(Config::default()),
            }
        };
        config.validate(&source)?;
        config.file = match &source {
            Source::File(p) | Source::Manifest(p, _) => crate::source::display_path(p),
        };
        config.root = Some(root);
        Ok(config)
    }

    fn validate(&mut self, source: &Source) -> Result<(), String> {
        for key in self.severity.keys() {
            if Kind::from_code(key).is_none() {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
                return Err(format!(
                    "{}unknown kind `{key}` in [severity]; the kinds are: {}",
                    source.at(key),
                    known.join(", ")
                ));
            }
        }
        if let Some(e) = &self.edition {
            if Edition::parse(e).is_none() {
                return Err(format!("{}`edition = \"{e}\"` is not an edition; expected \"2015\", \"2018\", \"2021\" or \"2024\"", source.at("edition")));
            }
        }
        for t in &self.lock_types {
            if t.lock.is_empty() && t.read.is_empty() && t.write.is_empty() && t.try_.is_empty() {
                return Err(format!(
                    "{}lock type `{}` lists no methods; give `lock`, `read`, `write` or `try`",
                    source.at("path"),
                    t.path
                ));
            }
        }
        for i in &self.ignore {
            if let Some(k) = i.kind.as_deref().filter(|k| Kind::from_code(k).is_none()) {
                return Err(format!(
                    "{}unknown kind `{k}` in [[ignore]]",
                    source.at("kind")
                ));
            }
            if i.locks.is_empty() && i.function.is_none() {
                return Err(format!(
                    "{}[[ignore]] {} names no finding; give `locks` or `function`",
                    source.at("reason"),
                    i.describe()
                ));
            }
            if i.reason.trim().is_empty() {
                return Err(format!(
                    "{}[[ignore]] {} has an empty `reason`; say why the finding is accepted",
                    source.at("reason"),
                    i.describe()
                ));
            }
        }
        let mut set = globset::GlobSetBuilder::new();
        for pattern in &self.exclude {
            let glob = exclude_glob(pattern).map_err(|e| {
                format!(
                    "{}`exclude` pattern `{pattern}` is not a glob: {}",
                    source.at("exclude"),
                    e.kind()
                )
            })?;
            set.add(glob);
        }
        self.excludes = set
            .build()
            .map_err(|e| format!("{}{e}", source.at("exclude")))?;
        Ok(())
    }

    pub fn edition(&self) -> Option<Edition> {
        self.edition.as_deref().and_then(Edition::parse)
    }

    /// Applies `[[ignore]]`, `[severity]` and `exclude` to the findings; an ignore entry that
    /// matched nothing is named in a warning, so that the list shrinks.
    pub fn apply(&self, findings: &mut Vec<Finding>, db: &crate::source::SourceDb) -> Vec<Problem> {
        let root = self.root.as_deref();
        let mut used = vec![false; self.ignore.len()];
        findings.retain_mut(|f| {
            let mut ignored = false;
            for (i, used) in self.ignore.iter().zip(used.iter_mut()) {
                if i.matches(f) {
                    *used = true;
                    ignored = true;
                }
            }
            if ignored {
                return false;
            }
            let excluded = f.primary().is_some_and(|l| {
                let path = &db.get(l.loc.file).path;
                let rel = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
                let rel = rel.to_string_lossy().replace('\\', "/");
                self.excludes.is_match(rel)
            });
            match self.severity.get(f.kind.code()) {
                _ if excluded => false,
                Some(Level::Allow) => false,
                Some(Level::Warn) => {
                    f.severity = Severity::Warning;
                    true
                }
                Some(Level::Deny) => {
                    f.severity = Severity::Error;
                    true
                }
                None => true,
            }
        });
        self.ignore
            .iter()
            .zip(used)
            .filter(|(_, used)| !used)
            .map(|(i, _)| {
                Problem::warning(format!(
                    "{}: [[ignore]] {} matched no finding; remove it",
                    self.file,
                    i.describe()
                ))
            })
            .collect()
    }
}

/// Where a configuration was read: errors name the file and, in a manifest, the line of the key.
enum Source {
    File(PathBuf),
    Manifest(PathBuf, String),
}

impl Source {
    /// `file: ` or `Cargo.toml:12: [package.metadata.lockorder] `, for an error about `key`.
    fn at(&self, key: &str) -> String {
        match self {
            Source::File(path) => format!("{}: ", path.display()),
            Source::Manifest(path, text) => {
                let line = key_line(text, key).map_or(String::new(), |l| format!(":{l}"));
                format!(
                    "{}{line}: [{}.metadata.lockorder] ",
                    path.display(),
                    section(text)
                )
            }
        }
    }
}

/// `workspace` or `package`: whichever table of the manifest holds the configuration.
fn section(text: &str) -> &'static str {
    match text.contains("[workspace.metadata.lockorder") {
        true => "workspace",
        false => "package",
    }
}

/// The 1-based line of `key` inside the manifest's lockorder tables.
fn key_line(text: &str, key: &str) -> Option<usize> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('[') {
            inside = t.contains("metadata.lockorder");
            continue;
        }
        let t = t.trim_start_matches('"');
        if inside && t.starts_with(key) {
            let rest = t[key.len()..].trim_start_matches('"').trim_start();
            if rest.starts_with('=') {
                return Some(i + 1);
            }
        }
    }
    None
}

/// The configuration in a manifest's metadata, with the manifest's text.
fn from_manifest(manifest: &Path) -> Result<Option<(Config, String)>, String> {
    let Ok(text) = std::fs::read_to_string(manifest) else {
        return Ok(None);
    };
    // A manifest that does not parse is reported by discovery; it just has no configuration.
    let Ok(value) = text.parse::<toml::Table>() else {
        return Ok(None);
    };
    for section in ["workspace", "package"] {
        let table = value
            .get(section)
            .and_then(|s| s.get("metadata"))
            .and_then(|m| m.get("lockorder"));
        if let Some(t) = table {
            let config = Config::deserialize(t.clone()).map_err(|e| {
                let msg = e.to_string();
                // serde names the offending key first, in backticks.
                let key = msg.split('`').nth(1).unwrap_or_default();
                let line = key_line(&text, key).map_or(String::new(), |l| format!(":{l}"));
                format!(
                    "{}{line}: [{section}.metadata.lockorder] {}",
                    manifest.display(),
                    msg.trim_end()
                )
            })?;
            return Ok(Some((config, text)));
        }
    }
    Ok(None)
}

/// The workspace root above `dir` whose configuration a member's run uses, as cargo finds it:
/// the nearest ancestor whose Cargo.toml has a `[workspace]` table.
/// The workspace `dir` belongs to, as cargo finds it: `dir` itself when its manifest declares
/// `[workspace]`, else the nearest manifest above that does, if its `members` (less its
/// `exclude`) name `dir`. A workspace above that does not (an unrelated checkout around this one)
/// is none of this package's.
fn workspace_root(dir: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(dir).ok()?;
    for a in abs.ancestors() {
        let Ok(text) = std::fs::read_to_string(a.join("Cargo.toml")) else {
            continue;
        };
        let Some(ws) = text.parse::<toml::Table>().ok()?.get("workspace").cloned() else {
            continue;
        };
        if a == abs {
            return Some(a.to_path_buf());
        }
        let rel = abs.strip_prefix(a).ok()?;
        let patterns = |key: &str| {
            let list = ws.get(key).and_then(toml::Value::as_array);
            list.into_iter()
                .flatten()
                .filter_map(toml::Value::as_str)
                .map(|p| p.trim_end_matches('/').to_string())
                .collect::<Vec<_>>()
        };
        let member = patterns("members")
            .iter()
            .any(|p| glob::Pattern::new(p).is_ok_and(|g| g.matches_path(rel)));
        // An excluded path leaves out everything under it.
        let excluded = patterns("exclude").iter().any(|p| rel.starts_with(p));
        return (member && !excluded).then(|| a.to_path_buf());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_like_gitignore_paths() {
        let glob = |p: &str, path: &str| exclude_glob(p).unwrap().compile_matcher().is_match(path);
        assert!(glob("tests/**", "tests/a/b.rs"));
        assert!(glob("tests/", "tests/a.rs"));
        assert!(glob("./tests/", "tests/a.rs"));
        assert!(glob("src/*_test.rs", "src/lock_test.rs"));
        assert!(!glob("src/*_test.rs", "src/a/lock_test.rs"));
        assert!(glob("**/generated.rs", "src/deep/generated.rs"));
        assert!(!glob("tests/", "src/tests.rs"));
        assert!(glob("src/*_test_*.rs", "src/a_test_b.rs"));
        assert!(glob("src/a_test_?.rs", "src/a_test_1.rs"));
        assert!(glob("src/{gen,out}/**", "src/out/x.rs"));
        assert!(exclude_glob("src/[a.rs").is_err());
    }

    #[test]
    fn manifest_errors_name_the_manifest_and_the_line_of_the_key() {
        let text = "[package]\nname = \"x\"\n\n[package.metadata.lockorder]\nedition = \"2021\"\n\n[package.metadata.lockorder.severity]\ndoubel-lock = \"deny\"\n";
        assert_eq!(key_line(text, "doubel-lock"), Some(8));
        assert_eq!(key_line(text, "name"), None, "outside the lockorder tables");
        let source = Source::Manifest(PathBuf::from("Cargo.toml"), text.to_string());
        assert_eq!(
            source.at("doubel-lock"),
            "Cargo.toml:8: [package.metadata.lockorder] "
        );
    }

    #[test]
    fn the_workspace_is_the_one_cargo_would_find() {
        let dir = tempfile::tempdir().unwrap();
        let write = |path: &str, text: &str| {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "Cargo.toml",
            "[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/old\"]\n",
        );
        write("crates/a/Cargo.toml", "[package]\nname = \"a\"\n");
        write("crates/old/Cargo.toml", "[package]\nname = \"old\"\n");
        write("vendor/w/Cargo.toml", "[workspace]\nmembers = []\n");
        write("tools/t/Cargo.toml", "[package]\nname = \"t\"\n");
        let root = |p: &str| workspace_root(&dir.path().join(p));
        let top = std::path::absolute(dir.path()).unwrap();
        assert_eq!(
            root("crates/a"),
            Some(top.clone()),
            "a member finds the root above it"
        );
        assert_eq!(root("."), Some(top), "a workspace root is its own");
        assert_eq!(
            root("crates/old"),
            None,
            "an excluded package has no workspace"
        );
        assert_eq!(
            root("tools/t"),
            None,
            "a workspace above that does not list it is not its"
        );
        let w = root("vendor/w").unwrap();
        assert!(
            w.ends_with("vendor/w"),
            "a nested workspace is its own root: {w:?}"
        );
    }

    #[test]
    fn errors_name_the_key_and_what_is_accepted() {
        let e = toml::from_str::<Config>("severty = {}")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("unknown field `severty`") && e.contains("`severity`"),
            "{e}"
        );
        let e = toml::from_str::<Config>("[severity]\ndouble-lock = \"error\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("unknown variant `error`") && e.contains("`deny`"),
            "{e}"
        );
    }

    #[test]
    fn user_lock_types_say_what_their_methods_do() {
        let t = LockType {
            path: "my::FairLock".into(),
            kind: Some(UserLockKind::Rwlock),
            read: vec!["shared".into()],
            write: vec!["exclusive".into()],
            try_: vec!["try_exclusive".into()],
            ..LockType::default()
        };
        assert_eq!(
            t.acquire("shared"),
            Some(Acquire {
                mode: Mode::Read,
                waits: true
            })
        );
        assert_eq!(t.acquire("try_exclusive").map(|a| a.waits), Some(false));
        assert_eq!(t.acquire("len"), None);
    }
}
