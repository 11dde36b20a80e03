#!/usr/bin/env bash
# Whole-process benchmarks of the dependency audit, with the peer reference in the same run.
# Needs hyperfine (Debian: apt-get install hyperfine). Usage: bash bench/run.sh [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/results.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$(cd ../shared/data/pypa-advisory-database && pwd)
env311=/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }

echo "== publishing the NativeAOT binary (what users run)"
dotnet publish src/Kingsnake.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" >/dev/null
ks="$work/bin/kingsnake"
echo "== writing fixtures"
lock=$(dotnet run -c Release --project bench/Kingsnake.Benchmarks -- fixtures "$work/fixtures" | tail -n 1)
export KINGSNAKE_CACHE_DIR="$work/cache"

# Warm the index cache once; the audits below then load it as users' runs do.
"$ks" db import "$db" >/dev/null

hyperfine -N --warmup 3 --runs 20 -i --export-markdown "$work/audit.md" \
  -n "kingsnake audit --env 3.11 site-packages (warm index)" "$ks audit --env $env311 --db $db -q -f json -o $work/o1.json" \
  -n "kingsnake audit --lockfile uv.lock, 2,000 packages (warm index)" "$ks audit --lockfile $lock --db $db -q -f json -o $work/o2.json"

hyperfine --warmup 1 --runs 5 --export-markdown "$work/compile.md" \
  -n "kingsnake db import (compile index from raw PyPA YAML, cold)" --prepare "rm -rf $work/cold" "KINGSNAKE_CACHE_DIR=$work/cold $ks db import $db"

hyperfine --warmup 1 --runs 3 --export-markdown "$work/reference.md" \
  -n "reference audit (Python, pip's packaging 24.1 + PyYAML CSafeLoader) of 3.11 site-packages" \
  "/root/.pyenv/versions/3.11.7/bin/python3 tests/Kingsnake.Cli.Tests/Reference/reference_audit.py $db/vulns $env311"

# 1,000 workflow files: copies of the realistic corpus the workflow tests use.
wf="$work/workflows/.github/workflows"
mkdir -p "$wf"
corpus=(tests/Kingsnake.Workflows.Tests/Data/realistic/*.yml)
for i in $(seq 1 1000); do cp "${corpus[$((i % ${#corpus[@]}))]}" "$wf/wf-$i.yml"; done
tree311=/root/.pyenv/versions/3.11.7/lib/python3.11
hyperfine -N --warmup 2 --runs 10 -i --export-markdown "$work/other.md" \
  -n "kingsnake audit --only workflows, 1,000 workflow files" "$ks audit $work/workflows --only workflows -q -f json -o $work/o3.json" \
  -n "kingsnake parse, CPython 3.11 tree (11,659 files)" "$ks parse $tree311" \
  -n "kingsnake audit --only code --no-default-excludes, whole CPython 3.11 tree" "$ks audit $tree311 --only code --no-default-excludes -q -f json -o $work/o4.json"

{
  echo "# Dependency audit benchmarks ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  cat "$work/audit.md"; echo; cat "$work/compile.md"; echo; cat "$work/reference.md"
  echo; echo "## Workflows, parser, code audit"; echo; cat "$work/other.md"
} > "$out"
cat "$out"
