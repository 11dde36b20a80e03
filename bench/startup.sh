#!/usr/bin/env bash
# Start-up of the NativeAOT binary, this checkout against a base revision in the same run: `--version`, and a small
# audit of the kind a pre-commit hook runs (a few Python files, one workflow, a requirements file; warm index).
# Needs hyperfine (Debian: apt-get install hyperfine). Usage: bash bench/startup.sh [BASE-REV] [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
out=${2:-bench/startup-results.md}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base-src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
db=$(cd ../shared/data/pypa-advisory-database && pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }

echo "== publishing the NativeAOT binaries: this checkout and $base"
dotnet publish src/Kingsnake.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/new" >/dev/null
git worktree add -q --detach "$work/base-src" "$base"
dotnet publish "$work/base-src/src/Kingsnake.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/old" >/dev/null

# the small project: real files from the test corpora
project="$work/project"
mkdir -p "$project/.github/workflows" "$project/src/app"
cp tests/Kingsnake.Workflows.Tests/Data/realistic/$(ls tests/Kingsnake.Workflows.Tests/Data/realistic | head -n 1) "$project/.github/workflows/ci.yml"
cp /root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/pip/_internal/commands/*.py "$project/src/app/"
printf 'jinja2==2.11.2\nrequests==2.31.0\n' > "$project/requirements.txt"
export KINGSNAKE_CACHE_DIR="$work/cache"
"$work/new/kingsnake" db import "$db" >/dev/null

hyperfine -N --warmup 10 --runs "${RUNS:-100}" -i --export-markdown "$work/startup.md" \
  -n "kingsnake --version ($base)" "$work/old/kingsnake --version" \
  -n "kingsnake --version (this checkout)" "$work/new/kingsnake --version" \
  -n "small audit ($base)" "$work/old/kingsnake audit $project -q -f json -o $work/o1.json" \
  -n "small audit (this checkout)" "$work/new/kingsnake audit $project -q -f json -o $work/o2.json"

{
  echo "# Start-up of the NativeAOT binary ($(date -u +%Y-%m-%d), $(nproc) cores; base $(git rev-parse --short "$base"))"
  echo
  echo "Small audit: $(ls "$project/src/app" | wc -l) Python files, one workflow, a two-line requirements file, warm advisory index."
  echo "Binary size: $(stat -c %s "$work/old/kingsnake") bytes ($base), $(stat -c %s "$work/new/kingsnake") bytes (this checkout)."
  echo
  cat "$work/startup.md"
} > "$out"
cat "$out"
