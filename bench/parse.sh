#!/usr/bin/env bash
# The parser against CPython's own, whole processes in one hyperfine run: `kingsnake parse` (NativeAOT binary, both
# cores) of a tree with the newest grammar and with the tree's own target, CPython's ast.parse over the same files
# (the native interpreter of that version, one process), and optionally Kingsnake built from an earlier commit.
# Needs hyperfine (Debian: apt-get install hyperfine).
# Usage: bash bench/parse.sh [TREE] [BEFORE-COMMIT] [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-/root/.pyenv/versions/3.11.7/lib/python3.11}
before=${2:-}
out=${3:-bench/parse-results.md}
python=/root/.pyenv/versions/3.11.7/bin/python3
target=3.11
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -z "$before" ] || git worktree remove --force "$work/before-src" 2>/dev/null || true' EXIT
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }

echo "== publishing the NativeAOT binary (what users run)"
dotnet publish src/Kingsnake.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" >/dev/null
ks="$work/bin/kingsnake"
commands=(-n "kingsnake parse (target 3.15, the default)" "$ks parse $tree"
          -n "kingsnake parse --target $target" "$ks parse --target $target $tree")
if [ -n "$before" ]; then
  echo "== publishing Kingsnake at $before"
  git worktree add --detach "$work/before-src" "$before" >/dev/null
  dotnet publish "$work/before-src/src/Kingsnake.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/before-bin" >/dev/null
  commands+=(-n "kingsnake parse at $before" "$work/before-bin/kingsnake parse $tree")
fi

# CPython's parser over the same files in one process: read, ast.parse, nothing else (files it rejects are counted).
cat > "$work/ast_parse.py" <<'PY'
import ast, pathlib, sys, warnings
warnings.filterwarnings("ignore")
sys.setrecursionlimit(10000)
bad = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    try:
        ast.parse(path.read_bytes())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        bad += 1
print(bad, file=sys.stderr)
PY
files=$(find "$tree" -name '*.py' | wc -l)
lines=$(find "$tree" -name '*.py' -print0 | xargs -0 cat | wc -l)
echo "== $tree: $files files, $lines lines"
hyperfine -N -i --warmup 1 --runs 5 --export-markdown "$work/parse.md" --export-json "$work/parse.json" \
  "${commands[@]}" -n "CPython $("$python" -c 'import sys; print(sys.version.split()[0])') ast.parse, one process" "$python $work/ast_parse.py $tree"

ratio=$(python3 -c 'import json,sys; r={x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}; k=[v for n,v in r.items() if n.startswith("kingsnake parse (target")][0]; c=[v for n,v in r.items() if n.startswith("CPython")][0]; print(f"CPython ast.parse / kingsnake parse = {c/k:.1f}x")' "$work/parse.json")
{
  echo "# Parser benchmark ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "$tree: $files files, $lines lines. $ratio."
  echo
  cat "$work/parse.md"
} > "$out"
cat "$out"
