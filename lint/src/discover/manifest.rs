//! A package or workspace, read from its manifests: the crates cargo would build (every
//! target: lib, bins, examples, tests, benches; build scripts are not crates of the package) and
//! their editions.
//!
//! Read directly, never through `cargo metadata`: cargo is a program chosen by the analyzed
//! tree (rustup's proxy honours its `rust-toolchain.toml`, which may name a toolchain directory
//! inside the tree), and a process per package cost more than the whole analysis of a small
//! crate. `cargo_toml` applies cargo's target auto-discovery and workspace inheritance.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use cargo_toml::{Dependency, DepsSet, Manifest, Product};

use super::{CrateRoot, Edition, Package, Target, TargetKind};

/// The crates of the package or workspace whose manifest is `dir/Cargo.toml`: a workspace
/// root's members (with the root's own package), or a single package with the libraries of its
/// path dependencies as context (`CrateRoot::context`).
pub fn crates(dir: &Path) -> Result<Vec<CrateRoot>, String> {
    // Absolute, so that the workspace a member inherits from is found above it whatever the
    // path was written as (`.` has no parent to search), and every path of the run is
    // comparable; they are shown relative to the working directory all the same.
    let dir = std::path::absolute(dir).map_err(|e| e.to_string())?;
    let dir = dir.as_path();
    let path = dir.join("Cargo.toml");
    let root = read(&path)?;
    let Some(ws) = &root.workspace else {
        let mut package = root;
        package.complete_from_path(&path).map_err(|e| error(&e))?;
        let mut crates = targets(dir, &package);
        crates.extend(context(dir, &package));
        return Ok(crates);
    };
    let excluded: Vec<PathBuf> = ws.exclude.iter().map(|e| dir.join(e)).collect();
    let mut members = BTreeSet::new();
    if root.package.is_some() {
        members.insert(dir.to_path_buf());
    }
    for pattern in &ws.members {
        let full = dir.join(pattern);
        let matches = glob::glob(&full.to_string_lossy())
            .map_err(|e| format!("{}: workspace member `{pattern}`: {e}", path.display()))?;
        members.extend(
            matches
                .filter_map(Result::ok)
                .filter(|m| m.join("Cargo.toml").is_file()),
        );
    }
    let mut crates = Vec::new();
    let mut done = BTreeSet::new();
    let mut queue: Vec<PathBuf> = members.into_iter().collect();
    while let Some(member) = queue.pop() {
        let member = normalize(&member);
        if excluded.iter().any(|x| member.starts_with(normalize(x))) || !done.insert(member.clone())
        {
            continue;
        }
        let member_path = member.join("Cargo.toml");
        let in_member = |e: String| format!("{}: {e}", member_path.display());
        let mut package = read(&member_path).map_err(in_member)?;
        let inherit = (member != normalize(dir)).then_some((&root, dir));
        package
            .complete_from_path_and_workspace(&member_path, inherit)
            .map_err(|e| in_member(error(&e)))?;
        // Path dependencies inside the workspace are members too (cargo's rule).
        let deps = [
            &package.dependencies,
            &package.dev_dependencies,
            &package.build_dependencies,
        ];
        for (_, dep_dir) in deps.into_iter().flat_map(|d| path_deps(&member, d)) {
            if dep_dir.starts_with(normalize(dir)) {
                queue.push(dep_dir);
            }
        }
        crates.extend(targets(&member, &package));
    }
    Ok(crates)
}

/// The directories of the path dependencies in `deps` of the package at `dir`, with the names
/// its code uses for them.
fn path_deps(dir: &Path, deps: &DepsSet) -> Vec<(String, PathBuf)> {
    deps.iter()
        .filter_map(|(key, dep)| {
            let Dependency::Detailed(d) = dep else {
                return None;
            };
            let p = d.path.as_ref()?;
            // Inherited from `[workspace.dependencies]`: already relative to where the
            // workspace was read from, not to the member.
            let dep_dir = if d.inherited {
                normalize(Path::new(p))
            } else {
                normalize(&dir.join(p))
            };
            dep_dir
                .join("Cargo.toml")
                .is_file()
                .then(|| (key.replace('-', "_"), dep_dir))
        })
        .collect()
}

/// The libraries a package's code can call through path dependencies, and theirs in turn: read
/// as context, so that their types, locks and functions are known (`CrateRoot::context`).
fn context(dir: &Path, package: &Manifest) -> Vec<CrateRoot> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::from([normalize(dir)]);
    let mut queue = path_deps(dir, &package.dependencies);
    while let Some((name, dep_dir)) = queue.pop() {
        if !seen.insert(dep_dir.clone()) {
            continue;
        }
        let path = dep_dir.join("Cargo.toml");
        let Ok(mut m) = read(&path) else { continue };
        if m.complete_from_path(&path).is_err() {
            continue;
        }
        queue.extend(path_deps(&dep_dir, &m.dependencies));
        // Only the library: it is what the package's code names.
        m.bin.clear();
        m.example.clear();
        m.test.clear();
        m.bench.clear();
        out.extend(targets(&dep_dir, &m).into_iter().map(|c| CrateRoot {
            name: name.clone(),
            context: true,
            ..c
        }));
    }
    out
}

fn read(path: &Path) -> Result<Manifest, String> {
    let text = std::fs::read(path).map_err(|e| e.to_string())?;
    Manifest::from_slice(&text).map_err(|e| error(&e))
}

/// The error with its causes, on one line.
fn error(e: &cargo_toml::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    msg.lines().next().unwrap_or_default().to_string()
}

/// `a/./b/../c` as `a/c`, without touching the file system (members may be symlinks).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

fn targets(dir: &Path, m: &Manifest) -> Vec<CrateRoot> {
    let Some(package) = &m.package else {
        return Vec::new();
    };
    let edition = package
        .edition
        .get()
        .ok()
        .map_or(Edition::E2015, |e| convert(*e));
    let products = m
        .lib
        .iter()
        .map(|p| (TargetKind::Lib, p))
        .chain(m.bin.iter().map(|p| (TargetKind::Bin, p)))
        .chain(m.example.iter().map(|p| (TargetKind::Example, p)))
        .chain(m.test.iter().map(|p| (TargetKind::Test, p)))
        .chain(m.bench.iter().map(|p| (TargetKind::Bench, p)));
    // One list for all the package's targets (a package has dozens of tests and examples).
    let dependencies: Arc<[String]> = dependency_names(m).into();
    let info = Arc::new(Package {
        name: package.name.clone(),
        version: package
            .version
            .get()
            .map_or_else(|_| "0.0.0".to_string(), |v| v.to_string()),
        manifest_path: dir.join("Cargo.toml"),
    });
    products
        .filter_map(|(kind, p): (TargetKind, &Product)| {
            let name = p.name.clone().unwrap_or_else(|| package.name.clone());
            let root = normalize(&dir.join(p.path.as_ref()?));
            let edition = p.edition.map_or(edition, convert);
            Some(CrateRoot {
                name: name.replace('-', "_"),
                root: root.clone(),
                edition,
                dependencies: Some(dependencies.clone()),
                context: false,
                loose: false,
                target: Some(Arc::new(Target {
                    package: info.clone(),
                    kind,
                    name,
                    src_path: root,
                    edition,
                })),
                test_code: false,
            })
        })
        .collect()
}

/// Every dependency of a package (normal, dev, build, per target), by the name code uses: the
/// key, with `-` as `_` (a renamed dependency is used by its key).
fn dependency_names(m: &Manifest) -> Vec<String> {
    let tables = [&m.dependencies, &m.dev_dependencies, &m.build_dependencies];
    let per_target = m
        .target
        .values()
        .flat_map(|t| [&t.dependencies, &t.dev_dependencies, &t.build_dependencies]);
    let mut names: Vec<String> = tables
        .into_iter()
        .chain(per_target)
        .flat_map(|deps| deps.keys())
        .map(|k| k.replace('-', "_"))
        .collect();
    names.sort();
    names.dedup();
    names
}

fn convert(e: cargo_toml::Edition) -> Edition {
    match e {
        cargo_toml::Edition::E2015 => Edition::E2015,
        cargo_toml::Edition::E2018 => Edition::E2018,
        cargo_toml::Edition::E2021 => Edition::E2021,
        _ => Edition::E2024,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// What `cargo metadata --no-deps` lists for the same tree (checked by hand once): glob
    /// members, exclusions, path dependencies as members, inherited editions, auto-discovered
    /// bins, examples, tests and benches, explicit targets with their own edition.
    #[test]
    fn workspace_members_and_targets_as_cargo_finds_them() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/skip\"]\n[workspace.package]\nedition = \"2024\"\n");
        write(d, "crates/a/Cargo.toml", "[package]\nname = \"a-lib\"\nversion = \"0.1.0\"\nedition.workspace = true\n[dependencies]\nhelper = { path = \"../../helper\" }\n[[bin]]\nname = \"tool\"\npath = \"tools/tool.rs\"\nedition = \"2018\"\n");
        write(d, "crates/a/src/lib.rs", "");
        write(d, "crates/a/src/main.rs", "fn main() {}");
        write(d, "crates/a/src/bin/extra/main.rs", "fn main() {}");
        write(d, "crates/a/tools/tool.rs", "fn main() {}");
        write(d, "crates/a/examples/demo.rs", "fn main() {}");
        write(d, "crates/a/tests/it.rs", "");
        write(d, "crates/a/benches/speed.rs", "");
        write(d, "crates/a/build.rs", "fn main() {}");
        write(
            d,
            "crates/skip/Cargo.toml",
            "[package]\nname = \"skip\"\nversion = \"0.1.0\"\n",
        );
        write(d, "crates/skip/src/lib.rs", "");
        write(
            d,
            "helper/Cargo.toml",
            "[package]\nname = \"helper\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        );
        write(d, "helper/src/lib.rs", "");
        let mut got: Vec<String> = crates(d)
            .unwrap()
            .iter()
            .map(|c| {
                let rel = c.root.strip_prefix(d).unwrap().display();
                format!("{} {rel} {:?}", c.name, c.edition)
            })
            .collect();
        got.sort();
        assert_eq!(
            got,
            [
                "a_lib crates/a/src/lib.rs E2024",
                "a_lib crates/a/src/main.rs E2024",
                "demo crates/a/examples/demo.rs E2024",
                "extra crates/a/src/bin/extra/main.rs E2024",
                "helper helper/src/lib.rs E2021",
                "it crates/a/tests/it.rs E2024",
                "speed crates/a/benches/speed.rs E2024",
                "tool crates/a/tools/tool.rs E2018",
            ]
        );
    }

    #[test]
    fn a_member_directory_is_its_own_package_with_inherited_edition() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(
            d,
            "Cargo.toml",
            "[workspace]\nmembers = [\"m\"]\n[workspace.package]\nedition = \"2018\"\n",
        );
        write(
            d,
            "m/Cargo.toml",
            "[package]\nname = \"m\"\nversion = \"0.1.0\"\nedition.workspace = true\n",
        );
        write(d, "m/src/lib.rs", "");
        let got = crates(&d.join("m")).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].edition, Edition::E2018);
    }
}
