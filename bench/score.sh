#!/usr/bin/env bash
# `kingsnake score` of a large repository, NativeAOT, whole process: 9,000 commits (8,000 direct, 500 merged pull
# requests from 4 authors' branches), 50 workflow files (a matrix CI, a release with Trusted Publishing, a few with
# tokens), a pyproject.toml and signed and unsigned tags, built with git fast-import. The bar: under 1 s.
# Needs hyperfine and git. Usage: bash bench/score.sh [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/score-results.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 2; }

echo "== publishing the NativeAOT binary"
dotnet publish src/Kingsnake.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$work/bin" >/dev/null

echo "== building the repository"
repo="$work/repo"
git init -q -b main "$repo"
python3 - "$repo" <<'PY' | git -C "$repo" fast-import --quiet
import sys
base = 1_700_000_000          # 2023-11-14
step = 3 * 3600               # a commit every three hours: 9,000 commits over ~3 years
authors = [("Ada Maintainer", "ada@example.org"), ("Bo Contributor", "bo@corp.example"),
           ("Cy Helper", "cy@uni.example.edu"), ("Di Reviewer", "di@example.org")]
def blob(text):
    data = text.encode()
    return f"data {len(data)}\n".encode() + data + b"\n"
out = sys.stdout.buffer
release = """name: release
on:
  push:
    tags: ["v*"]
permissions: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: python -m pip install build
      - run: python -m build
  publish:
    needs: build
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc # v1.12.4
"""
def ci(i):
    return f"""name: ci-{i}
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  test:
    runs-on: ${{{{ matrix.os }}}}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest, macos-latest]
        python: ["3.11", "3.12", "3.13"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{{{ matrix.python }}}}
      - run: pip install -e .[test] && pytest -q
      - run: echo "${{{{ github.event.pull_request.title }}}}"
"""
mark = 0
def commit(ref, when, who, message, files, parents):
    global mark
    mark += 1
    name, email = who
    out.write(f"commit {ref}\nmark :{mark}\nauthor {name} <{email}> {when} +0000\ncommitter {name} <{email}> {when} +0000\n".encode())
    msg = message.encode()
    out.write(f"data {len(msg)}\n".encode() + msg + b"\n")
    for p in parents:
        out.write(f"merge :{p}\n".encode() if parents.index(p) > 0 else f"from :{p}\n".encode())
    for path, text in files:
        out.write(f"M 100644 inline {path}\n".encode() + blob(text))
    out.write(b"\n")
    return mark
files = [("pyproject.toml", '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "big"\nversion = "1.0"\nrequires-python = ">=3.10"\ndependencies = ["jinja2>=3"]\n'),
         (".github/workflows/release.yml", release)] + [(f".github/workflows/ci-{i:02}.yml", ci(i)) for i in range(49)]
head = commit("refs/heads/main", base, authors[0], "Initial layout\n", files, [])
t = base
for i in range(1, 8000):
    t += step
    head = commit("refs/heads/main", t, authors[i % 4], f"Change {i}\n", [(f"src/big/m{i % 200}.py", f"VALUE = {i}\n")], [head])
for k in range(500):
    t += step
    topic = commit("refs/heads/topic", t, authors[1 + k % 3], f"Feature {k}\n", [(f"src/big/f{k % 50}.py", f"F = {k}\n")], [head])
    t += step
    head = commit("refs/heads/main", t, authors[0], f"Merge pull request #{k + 1} from contributor/feature-{k}\n\nFeature {k}\n", [], [head, topic])
out.write(b"reset refs/heads/topic\nfrom 0000000000000000000000000000000000000000\n\n")
PY
git -C "$repo" checkout -q -f main
git -C "$repo" branch -q -D topic 2>/dev/null || true
git -C "$repo" tag v1.0.0 HEAD~100
git -C "$repo" -c user.name=Rel -c user.email=rel@example.org tag -a -m "release 1.1.0" v1.1.0 HEAD~10
commits=$(git -C "$repo" rev-list --count HEAD)
workflows=$(ls "$repo/.github/workflows" | wc -l)
echo "   $commits commits, $workflows workflow files"

echo "== timing"
"$work/bin/kingsnake" score "$repo" --format json -o "$work/score.json"
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-markdown "$work/score.md" \
  -n "kingsnake score ($commits commits, $workflows workflows, as fast-import packed it)" "$work/bin/kingsnake score $repo -f json -o $work/s1.json"
git -C "$repo" gc -q --aggressive
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-markdown "$work/score-packed.md" \
  -n "kingsnake score ($commits commits, $workflows workflows, after git gc --aggressive)" "$work/bin/kingsnake score $repo -f json -o $work/s2.json"
cmp "$work/s1.json" "$work/s2.json" && echo "   same report loose and packed"

{
  echo "# \`kingsnake score\` of a large repository ($(date -u +%Y-%m-%d), $(nproc) cores, NativeAOT, whole process)"
  echo
  echo "$commits commits (500 merged pull requests), $workflows workflow files, pyproject.toml, two tags; no advisory database"
  echo "(Vulnerabilities not computed). Bar: under 1 s. Aggregate: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["score"])' "$work/score.json")."
  echo
  cat "$work/score.md"
  tail -n 1 "$work/score-packed.md"
} > "$out"
cat "$out"
