#!/usr/bin/env bash
# Installs the CPython 3.14 and 3.15 test oracles: the pyodide npm packages pinned in package-lock.json, and each
# package's python_stdlib.zip unpacked into stdlib/3.14 and stdlib/3.15 so the parser tests read those .py files from
# disk. Idempotent and cheap when already done (a stamp keyed to package-lock.json), safe when several processes
# call it at once (the test fixture and .ci/run both do). Needs only node and npm, which the machine has.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

# One installer at a time; the others wait, then find the stamp and leave.
exec 9>"$here/.install.lock"
flock 9

stamp="$here/stdlib/.installed"
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && [ -f node_modules/pyodide-314/pyodide.mjs ] && [ -f node_modules/pyodide-315/pyodide.mjs ]; then
  exit 0
fi

# First install, a changed lock file or a removed node_modules: install exactly what the lock file pins.
# --ignore-scripts: nothing here needs an install script, and none should run.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

rm -rf stdlib.tmp
for version in 3.14 3.15; do
  node extract.mjs "node_modules/pyodide-${version/./}/python_stdlib.zip" "stdlib.tmp/$version" >/dev/null
done
echo "$want" > stdlib.tmp/.installed
rm -rf stdlib
mv stdlib.tmp stdlib
echo "python-next oracles: CPython 3.14 and 3.15 (pyodide) installed in $here"
