#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, as a user gets them: a throwaway git repository whose
# .pre-commit-config.yaml points at this checkout (at its HEAD commit: pre-commit clones a repository at a rev, so
# uncommitted changes are not what runs), pre-commit's own 'language: dotnet' install (dotnet pack of the repository,
# dotnet tool install of what it yields), then commits that must be refused with the finding printed, and commits
# that must pass. Needs pre-commit (Debian's package: .ci/run installs it), git and the .NET SDK.
# Usage: tests/integration/pre-commit.sh [DB]   (DB: advisory database for kingsnake-deps; default KINGSNAKE_DB, else
# ../shared/data/pypa-advisory-database beside the checkout)
set -euo pipefail
checkout=$(cd "$(dirname "$0")/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v pre-commit >/dev/null || { echo "pre-commit: not installed (apt-get install pre-commit)" >&2; exit 1; }

db=${1:-${KINGSNAKE_DB:-$checkout/../shared/data/pypa-advisory-database}}
[ -d "$db" ] || { echo "pre-commit: no advisory database at $db" >&2; exit 1; }
export KINGSNAKE_DB=$(cd "$db" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/kingsnake-pre-commit.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Its own store and kingsnake cache: the hook environment is built from scratch, as on a user's first commit.
export PRE_COMMIT_HOME="$work/store" KINGSNAKE_CACHE_DIR="$work/kingsnake-cache"
fail() { echo "pre-commit test: $*" >&2; exit 1; }

rev=$(git -C "$checkout" rev-parse HEAD)
if [ -n "$(git -C "$checkout" status --porcelain --untracked-files=no)" ]; then
  echo "pre-commit test: note: $checkout has uncommitted changes; the hooks run from HEAD ($rev)" >&2
fi

repo="$work/repo"
git init -q "$repo"
cd "$repo"
git config user.name test && git config user.email test@example.invalid && git config commit.gpgsign false
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $checkout
    rev: $rev
    hooks:
      - id: kingsnake-code
      - id: kingsnake-workflows
      - id: kingsnake-deps
YAML
git add .pre-commit-config.yaml
git commit -q -m config --no-verify
pre-commit install >/dev/null

start=$SECONDS
pre-commit install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "pre-commit install-hooks failed"; }
echo "pre-commit test: hook environment (dotnet pack + tool install) in $((SECONDS - start)) s"

# commit_must_fail EXPECTED... / commit_must_pass: a real 'git commit' runs the installed hook on what is staged.
commit_must_fail() {
  local status=0
  git commit -q -m change >"$work/out" 2>&1 || status=$?
  [ "$status" -ne 0 ] || { cat "$work/out" >&2; fail "the commit was accepted; expected a finding"; }
  for expected in "$@"; do
    grep -qF -- "$expected" "$work/out" || { cat "$work/out" >&2; fail "hook output lacks '$expected'"; }
  done
}
commit_must_pass() {
  git commit -q -m change >"$work/out" 2>&1 || { cat "$work/out" >&2; fail "the commit was refused; expected none"; }
}

start=$SECONDS
# Python code: a command built from input is refused with the finding; a constant command passes.
mkdir -p src
printf 'import os\n\nos.system("ls " + input())\n' >src/app.py
git add src/app.py
commit_must_fail "kingsnake (Python code)" "src/app.py" "  3:1: high PY605"
printf 'import subprocess\n\nsubprocess.run(["ls", input()], check=True)\n' >src/app.py
git add src/app.py
commit_must_pass

# Workflows: a pull_request_target workflow echoing the PR title is refused; a pinned, least-privilege one passes.
mkdir -p .github/workflows
cat >.github/workflows/greet.yml <<'YAML'
on: pull_request_target
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - run: echo "Thanks for ${{ github.event.pull_request.title }}"
YAML
git add .github/workflows/greet.yml
commit_must_fail "kingsnake (GitHub Actions)" ".github/workflows/greet.yml" "  7:" "template-injection"
cat >.github/workflows/greet.yml <<'YAML'
name: greet
on: pull_request
permissions: {}
jobs:
  greet:
    name: greet
    runs-on: ubuntu-24.04
    steps:
      - run: echo "Thanks for ${TITLE}"
        env:
          TITLE: ${{ github.event.pull_request.title }}
YAML
git add .github/workflows/greet.yml
commit_must_pass

# Dependencies: a pin with a published advisory is refused; one without passes.
printf 'jinja2==2.11.2\n' >requirements.txt
git add requirements.txt
commit_must_fail "kingsnake (dependencies)" "requirements.txt" "  1:1: " "DEP001" "jinja2 2.11.2"
printf 'attrs==24.2.0\n' >requirements.txt
git add requirements.txt
commit_must_pass

# Files no hook selects run no hook: a README commit passes without kingsnake being asked.
printf 'hello\n' >README.md
git add README.md
commit_must_pass
if grep "^kingsnake" "$work/out" | grep -v "Skipped$"; then fail "a hook ran on README.md"; fi
echo "pre-commit test: ok (commits checked in $((SECONDS - start)) s)"
