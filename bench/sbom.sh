#!/usr/bin/env bash
# `kingsnake sbom` side by side with cdxgen (npm @cyclonedx/cdxgen 12.8.4, offline, --no-install-deps) on the same
# inputs, in one run: a uv project, a Poetry project, hashed pip-compile requirements and the CPython 3.11
# site-packages. Counts what each SBOM holds (components, hashes, graph edges, edges from the root, licenses) and
# times both whole processes with hyperfine. Needs hyperfine, npm and python3. Usage: bash bench/sbom.sh [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/sbom-results.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }
site=/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages

cdxgen=.tools/cdxgen/node_modules/.bin/cdxgen
if [ ! -x "$cdxgen" ]; then
  echo "== installing cdxgen 12.8.4 into .tools/cdxgen"
  mkdir -p .tools/cdxgen && (cd .tools/cdxgen && npm install --silent --no-audit --no-fund @cyclonedx/cdxgen@12.8.4 >/dev/null)
fi
cdxgen=$(pwd)/$cdxgen

echo "== publishing the NativeAOT binary"
dotnet publish src/Kingsnake.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" >/dev/null
ks="$work/bin/kingsnake"

# the inputs: real lockfiles and requirements from the test data, and a real environment
mkdir -p "$work/in"
cp -r tests/Kingsnake.Cli.Tests/Data/uv-app "$work/in/uv"
cp -r tests/Kingsnake.Dependencies.Tests/Data/poetry-2 "$work/in/poetry"
mkdir -p "$work/in/requirements" && cp tests/Kingsnake.Cli.Tests/Data/pip-compiled/requirements/main.txt "$work/in/requirements/requirements.txt"
# cdxgen reads an environment through the active virtualenv: one that sees the 3.11 site-packages, in an empty directory
/root/.pyenv/versions/3.11.7/bin/python3 -m venv --system-site-packages "$work/venv"
mkdir -p "$work/in/env"

export FETCH_LICENSE=false CDXGEN_DEBUG_MODE=
run_cdxgen() { (cd "$work/in/$1" && VIRTUAL_ENV="$work/venv" PATH="$work/venv/bin:$PATH" "$cdxgen" -t python --no-install-deps -o "$2" . >/dev/null 2>&1); }
run_ks() { if [ "$1" = env ]; then "$ks" sbom --env "$site" -o "$2"; else "$ks" sbom "$work/in/$1" -o "$2"; fi; }

count() {
  python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
comps = []
def walk(cs):
    for c in cs:
        comps.append(c); walk(c.get("components", []))
walk(d.get("components", []))
root = d.get("metadata", {}).get("component", {}).get("bom-ref")
deps = d.get("dependencies", [])
hashes = sum(len(c.get("hashes", [])) + sum(len(r.get("hashes", [])) for r in c.get("externalReferences", [])) for c in comps)
edges = sum(len(e.get("dependsOn", [])) for e in deps if e.get("ref") != root)
root_edges = sum(len(e.get("dependsOn", [])) for e in deps if e.get("ref") == root)
licensed = sum(1 for c in comps if c.get("licenses"))
versioned = sum(1 for c in comps if c.get("version"))
print(f"{len(comps)}|{versioned}|{hashes}|{edges}|{root_edges}|{licensed}|{d.get('specVersion')}")
PY
}

rows=()
for input in uv poetry requirements env; do
  echo "== $input"
  run_ks "$input" "$work/ks-$input.json"
  run_cdxgen "$input" "$work/cdx-$input.json" || echo '{"specVersion":"-"}' > "$work/cdx-$input.json"
  rows+=("| $input | kingsnake | $(count "$work/ks-$input.json") |")
  rows+=("| $input | cdxgen | $(count "$work/cdx-$input.json") |")
  if [ "$input" = env ]; then ks_cmd="$ks sbom --env $site -o $work/t.json"; else ks_cmd="$ks sbom $work/in/$input -o $work/t.json"; fi
  hyperfine -N --time-unit millisecond --warmup 2 --runs "${RUNS:-10}" --export-markdown "$work/time-$input.md" \
    -n "kingsnake sbom ($input)" "$ks_cmd" \
    -n "cdxgen ($input)" "bash -c 'cd $work/in/$input && VIRTUAL_ENV=$work/venv PATH=$work/venv/bin:\$PATH $cdxgen -t python --no-install-deps -o $work/c.json . >/dev/null 2>&1'" >/dev/null
done
hyperfine -N --time-unit millisecond --warmup 5 --runs 50 --export-markdown "$work/env-only.md" -n "kingsnake sbom --env (3.11 site-packages, $(ls -d "$site"/*.dist-info | wc -l) distributions)" "$ks sbom --env $site -o $work/t.json" >/dev/null

{
  echo "# \`kingsnake sbom\` and cdxgen side by side ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "kingsnake: NativeAOT binary of this checkout, CycloneDX 1.6. cdxgen 12.8.4 (npm), \`-t python --no-install-deps\`,"
  echo "\`FETCH_LICENSE=false\`, no network; for the environment it runs in an empty directory with a virtualenv that sees the"
  echo "3.11 site-packages active (\`VIRTUAL_ENV\`). Inputs: tests/Kingsnake.Cli.Tests/Data/uv-app (uv.lock),"
  echo "tests/Kingsnake.Dependencies.Tests/Data/poetry-2 (poetry.lock), tests/Kingsnake.Cli.Tests/Data/pip-compiled (hashed"
  echo "requirements), $site."
  echo
  echo "Hashes count component hashes and the hashes on distribution references (one per candidate file of a lock)."
  echo "Edges: \`dependsOn\` entries of components; root edges: those of the root (metadata.component)."
  echo
  echo "| input | tool | components | with version | hashes | edges | root edges | with license | spec |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "## Time (hyperfine, whole processes)"
  echo
  for input in uv poetry requirements env; do tail -n 2 "$work/time-$input.md"; done | sed '/^$/d' | sed '1i| Command | Mean [ms] | Min [ms] | Max [ms] | Relative |\n|:---|---:|---:|---:|---:|'
  echo
  echo "The bar for the environment alone (50 runs):"
  echo
  cat "$work/env-only.md"
} > "$out"
cat "$out"
