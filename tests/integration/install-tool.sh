#!/usr/bin/env bash
# Packs the kingsnake .NET tool, installs it from a local folder source (no other source, so the package alone must
# be complete) and runs it: a package that does not install or start fails CI, not the first user.
# Usage: tests/integration/install-tool.sh [DB]   (DB: advisory database for the dependency audit; default
# KINGSNAKE_DB, else ../shared/data/pypa-advisory-database beside the checkout; the deps check is skipped without one)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/kingsnake-tool.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "install-tool: $*" >&2; exit 1; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
[ -n "$version" ] || fail "no <Version> in Directory.Build.props"

start=$SECONDS
dotnet pack src/Kingsnake.Cli -c Release -o "$work" -v quiet -nologo >/dev/null
[ -f "$work/kingsnake.$version.nupkg" ] || fail "dotnet pack made no kingsnake.$version.nupkg: $(ls "$work")"

# Only the local folder: a package that needs anything from nuget.org to install is a broken package.
cat >"$work/nuget.config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /></packageSources></configuration>
XML
dotnet tool install --configfile "$work/nuget.config" --tool-path "$work/tools" --add-source "$work" kingsnake --version "$version" >/dev/null
echo "install-tool: packed and installed kingsnake $version in $((SECONDS - start)) s"
tool="$work/tools/kingsnake"

reported=$("$tool" --version)
case "$reported" in "$version"|"$version+"*) ;; *) fail "--version printed '$reported', expected $version" ;; esac

"$tool" rule B602 | grep -q '^PY602 subprocess-shell-true' || fail "'kingsnake rule B602' did not explain PY602"

# A small project with one finding per area the tool audits without a database, then with one.
project="$work/project"
mkdir -p "$project/.github/workflows"
printf 'import os\n\nos.system("ls " + input())\n' >"$project/app.py"
printf 'on: pull_request_target\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n' \
  >"$project/.github/workflows/t.yml"
printf 'jinja2==2.11.2\n' >"$project/requirements.txt"

status=0
out=$("$tool" audit "$project" --only code,workflows --format json --no-color --quiet) || status=$?
[ "$status" -eq 1 ] || fail "audit of a project with findings exited $status, expected 1"
for rule in PY605 GHA; do
  grep -q "\"ruleId\": \"$rule" <<<"$out" || fail "audit report lacks a $rule finding: $out"
done

db=${1:-${KINGSNAKE_DB:-../shared/data/pypa-advisory-database}}
if [ -d "$db" ]; then
  status=0
  out=$("$tool" audit "$project" --only deps --db "$db" --format json --quiet) || status=$?
  [ "$status" -eq 1 ] || fail "dependency audit exited $status, expected 1"
  grep -q '"package": "jinja2"' <<<"$out" || fail "dependency audit did not report jinja2 2.11.2: $out"
else
  echo "install-tool: no advisory database at $db; dependency audit skipped"
fi
echo "install-tool: ok ($((SECONDS - start)) s)"
