#!/usr/bin/env bash
# Before and after, whole processes in one hyperfine run: the NativeAOT binary of an earlier revision against the one of
# the working tree, on the whole-tree code audit (the CPython 3.11 installation with its site-packages) and the
# environment audit (its site-packages against the PyPA advisory database, warm index cache for both).
# Needs hyperfine (Debian: apt-get install hyperfine).
# Usage: bash bench/compare.sh REVISION [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bash bench/compare.sh REVISION [RESULTS.md]}
out=${2:-bench/compare-results.md}
tree=/root/.pyenv/versions/3.11.7/lib/python3.11
env=$tree/site-packages
db=$(cd ../shared/data/pypa-advisory-database && pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is needed (Debian: apt-get install hyperfine)" >&2; exit 2; }
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== publishing $before and the working tree (NativeAOT, what users run)"
git worktree add -q --detach "$work/src" "$before"
dotnet publish "$work/src/src/Kingsnake.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/before" >/dev/null
dotnet publish src/Kingsnake.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/after" >/dev/null
export KINGSNAKE_CACHE_DIR=$work/cache
for side in before after; do "$work/$side/kingsnake" audit --env "$env" --db "$db" -q -f json -o /dev/null || true; done

hyperfine -N -i --time-unit millisecond --warmup 1 --runs 5 --export-markdown "$work/code.md" \
  -n "before ($before): audit --only code, whole tree" "$work/before/kingsnake audit $tree --only code --no-default-excludes -q -f json -o $work/before.json" \
  -n "after ($(git rev-parse --short HEAD)): audit --only code, whole tree" "$work/after/kingsnake audit $tree --only code --no-default-excludes -q -f json -o $work/after.json"
hyperfine -N -i --time-unit millisecond --warmup 2 --runs 15 --export-markdown "$work/env.md" \
  -n "before ($before): audit --env site-packages" "$work/before/kingsnake audit --env $env --db $db -q -f json -o /dev/null" \
  -n "after ($(git rev-parse --short HEAD)): audit --env site-packages" "$work/after/kingsnake audit --env $env --db $db -q -f json -o /dev/null"

count() { python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$1"; }
{
  echo "# Before and after: $before → $(git rev-parse --short HEAD)"
  echo
  echo "Measured $(date -u +%Y-%m-%d) with bench/compare.sh on $(nproc) cores; code findings: before $(count "$work/before.json"), after $(count "$work/after.json")."
  echo
  cat "$work/code.md"
  echo
  cat "$work/env.md"
} > "$out"
cat "$out"
