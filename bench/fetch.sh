#!/usr/bin/env bash
# Fetches the published sources of the benchmark crates (pinned in bench/Cargo.toml) into
# bench/corpus (not committed). Needs the crates.io registry; builds nothing.
set -euo pipefail
cd "$(dirname "$0")"
cargo vendor --versioned-dirs --quiet corpus > /dev/null
echo "sources in $(pwd)/corpus"
