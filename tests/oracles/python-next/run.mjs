// Runs a Python script under CPython 3.14 or 3.15 compiled to WebAssembly (the pyodide npm packages that install.sh
// puts in node_modules), as if it ran under a native interpreter:
//
//   node run.mjs 3.14|3.15 SCRIPT.py [ARGS...]
//
// - The host's whole file system is visible inside the interpreter under /host (KINGSNAKE_HOST_ROOT in os.environ),
//   and the working directory is the host's, so relative paths work. Scripts that take host paths add the prefix.
// - stdin, stdout and stderr are the process's own; the exit code is the script's (SystemExit, 1 for an uncaught
//   exception, whose traceback is printed by Python rather than as one enormous JavaScript error line).
// - A deep recursion must give CPython's own RecursionError, not kill the instance with a JavaScript RangeError: the
//   runner re-executes itself once under a raised `ulimit -s` with a large `node --stack-size`.
// - If the instance still dies (pyodide's "fatal error"), it is reloaded and the script is run again with the same
//   arguments, up to RESTARTS times: scripts run here must be resumable or idempotent (cpython_dump.py --out is:
//   it skips what it finished and records the file it died on as an oracle failure).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const STACK_KB = 200_000; // measured: 60 MB still overflows on a 1,000,000-term "1+1+…", 200 MB does not
const RESTARTS = 25;
const here = dirname(fileURLToPath(import.meta.url));

if (!process.env.KINGSNAKE_RUN_MJS_STACK) {
  // V8 must not be told of more stack than the OS gives the main thread (that would be a segfault): ask for 1 GiB,
  // else take the hard limit, and give V8 at most 90% of what is there.
  const shell = `ulimit -s 1048576 2>/dev/null || ulimit -s "$(ulimit -H -s)" 2>/dev/null
limit=$(ulimit -s)
if [ "$limit" = unlimited ] || [ "$limit" -gt ${Math.ceil((STACK_KB * 10) / 9)} ]; then size=${STACK_KB}; else size=$((limit * 9 / 10)); fi
KINGSNAKE_RUN_MJS_STACK=$size exec "$0" --stack-size=$size "$@"`;
  const child = spawnSync("bash", ["-c", shell, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  if (child.error) throw child.error;
  process.exit(child.status ?? 128 + 9);
}

const [version, scriptArgument, ...args] = process.argv.slice(2);
const packages = { "3.14": "pyodide-314", "3.15": "pyodide-315" };
if (!packages[version] || !scriptArgument) {
  console.error("usage: node run.mjs 3.14|3.15 SCRIPT.py [ARGS...]");
  process.exit(2);
}
const indexURL = join(here, "node_modules", packages[version]) + "/";
if (!existsSync(join(indexURL, "pyodide.mjs"))) {
  console.error(`run.mjs: ${indexURL} is missing: run ${join(here, "install.sh")} first`);
  process.exit(2);
}
const script = resolve(scriptArgument);
if (!existsSync(script)) {
  console.error(`run.mjs: no such script: ${script}`);
  process.exit(2);
}
const { loadPyodide } = await import(join(indexURL, "pyodide.mjs"));

// pyodide reports a fatal error with the whole WebAssembly stack on one console line (megabytes for a deep
// recursion): keep the start of each message, which says what happened.
for (const method of ["error", "warn", "log"]) {
  const original = console[method].bind(console);
  console[method] = (...parts) => {
    const text = parts.map(part => (part instanceof Error ? String(part.stack ?? part) : String(part))).join(" ");
    original(text.length > 2000 ? text.slice(0, 2000) + ` … [${text.length - 2000} more characters]` : text);
  };
}

// Node may have made a pipe on fd 1 or 2 non-blocking (it does once process.stdout is touched): a write to a full
// pipe then fails with EAGAIN, and reporting that to Python would lose or repeat output. Wait for the reader instead.
const pause = new Int32Array(new SharedArrayBuffer(4));
function writeAll(fd, buffer) {
  for (let offset = 0; offset < buffer.length; ) {
    try {
      offset += writeSync(fd, buffer, offset);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
  return buffer.length;
}

async function load() {
  const py = await loadPyodide({ indexURL, env: { HOME: "/home/pyodide", KINGSNAKE_HOST_ROOT: "/host" } });
  py.setStdin({
    read(buffer) {
      for (;;) {
        try {
          return readSync(0, buffer);
        } catch (error) {
          if (error.code === "EOF") return 0;
          if (error.code !== "EAGAIN") throw error;
        }
      }
    },
  });
  py.setStdout({ write: buffer => writeAll(1, buffer) });
  py.setStderr({ write: buffer => writeAll(2, buffer) });
  py.FS.mkdirTree("/host");
  py.mountNodeFS("/host", "/");
  return py;
}

// The script runs as __main__ with the host's arguments; exit codes as CPython's own: SystemExit's code, 1 (and a
// traceback on stderr) for an uncaught exception.
const main = `
import os, runpy, sys, traceback
def _kingsnake_run(script, args, cwd):
    sys.argv = [script] + list(args)
    os.chdir("/host" + cwd)
    sys.path.insert(0, "/host" + os.path.dirname(script))
    try:
        runpy.run_path("/host" + script, run_name="__main__")
    except SystemExit as exit:
        if exit.code is None:
            return 0
        if isinstance(exit.code, int):
            return exit.code
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0
_kingsnake_run
`;

let code = 1;
for (let attempt = 0; ; attempt++) {
  const py = await load();
  const run = py.runPython(main);
  try {
    code = run(script, py.toPy(args), process.cwd());
    break;
  } catch (error) {
    const message = String(error?.message ?? error).split("\n")[0].slice(0, 300);
    if (!error?.pyodide_fatal_error && !String(error).includes("fatally failed")) {
      // Not a dead instance but an error of the runner's own: short, not node's print of a megabyte-long message.
      console.error(`run.mjs: ${message}`);
      code = 70;
      break;
    }
    if (attempt >= RESTARTS) {
      console.error(`run.mjs: CPython ${version} died (${message}); gave up after ${RESTARTS} restarts`);
      code = 70;
      break;
    }
    console.error(`run.mjs: CPython ${version} died (${message}); reloading and running the script again`);
  }
}
process.exit(code);
