#!/usr/bin/env bash
# The code audit against its two peers in one run, whole processes timed with hyperfine: Kingsnake (NativeAOT binary,
# all rules, both cores), ruff's S rules (WebAssembly build under Node, one thread, pinned in bench/ruff/package.json)
# and Bandit (Debian's bandit, one process). Default tree: the CPython 3.11 installation with its site-packages.
# Needs hyperfine, node/npm and bandit (Debian: apt-get install hyperfine nodejs npm bandit).
# Usage: bash bench/code.sh [TREE] [RESULTS.md]   (Bandit alone takes several minutes on the default tree)
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-/root/.pyenv/versions/3.11.7/lib/python3.11}
out=${2:-bench/code-results.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in hyperfine node npm bandit; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (Debian: apt-get install hyperfine nodejs npm bandit)" >&2; exit 2; }
done

echo "== publishing the NativeAOT binary (what users run)"
dotnet publish src/Kingsnake.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" >/dev/null
ks="$work/bin/kingsnake"
echo "== installing ruff's WebAssembly build (bench/ruff)"
(cd bench/ruff && npm ci --no-audit --no-fund >/dev/null)

files=$(find "$tree" -name '*.py' -not -path '*/__pycache__/*' | wc -l)
lines=$(find "$tree" -name '*.py' -not -path '*/__pycache__/*' -print0 | xargs -0 cat | wc -l)
echo "== $tree: $files files, $lines lines"

# --no-default-excludes: scan site-packages too, as Bandit and the ruff script do.
hyperfine -N -i --time-unit millisecond --warmup 1 --runs 5 --export-markdown "$work/kingsnake.md" --export-json "$work/kingsnake.time.json" \
  -n "kingsnake audit --only code (all rules, 2 cores)" "$ks audit $tree --only code --no-default-excludes -q -f json -o $work/kingsnake.json" \
  -n "kingsnake audit --only code --compat bandit -f bandit-json (Bandit's answers)" "$ks audit $tree --only code --no-default-excludes --compat bandit -q -f bandit-json -o $work/kingsnake-bandit.json"
hyperfine -N -i --time-unit millisecond --warmup 0 --runs 3 --export-markdown "$work/ruff.md" --export-json "$work/ruff.time.json" \
  -n "ruff S rules (ruff-wasm 0.17.4, node, 1 thread)" "node bench/ruff/lint_tree.js $tree"
hyperfine -N -i --time-unit millisecond --warmup 0 --runs 1 --export-markdown "$work/bandit.md" --export-json "$work/bandit.time.json" \
  -n "bandit -r ($(bandit --version | head -n 1))" "bandit -r -q -f json -o $work/bandit.json $tree"

count_kingsnake=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/kingsnake.json")
count_ruff=$(node bench/ruff/lint_tree.js "$tree")
count_bandit=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$work/bandit.json")
mean() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/$1.time.json"; }
ratios=$(python3 -c 'import sys; k,r,b=map(float,sys.argv[1:]); print(f"ruff / Kingsnake = {r/k:.1f}x, Bandit / Kingsnake = {b/k:.0f}x")' "$(mean kingsnake)" "$(mean ruff)" "$(mean bandit)")
{
  echo "# Code audit against Bandit and ruff ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "Tree: \`$tree\`, $files files, $lines lines."
  echo
  cat "$work/kingsnake.md"; tail -n 1 "$work/ruff.md"; tail -n 1 "$work/bandit.md"
  echo
  echo "Wall time: $ratios."
  echo
  echo "Findings: Kingsnake $count_kingsnake (default grading); ruff: $count_ruff; Bandit $count_bandit."
} > "$out"
cat "$out"
