// Runs a Python script under CPython 3.14.2 or 3.15.0rc1 compiled to WebAssembly (the npm packages pyodide@314.0.7
// and pyodide@315.0.0-alpha.2), with the script's stdout and stderr as the process's own:
//
//   node run_pyodide.mjs 3.14|3.15 SCRIPT.py [ARGS...]
//
// An interim runner for the Unicode tests and UnicodeData/generate_unicode_data.py, until the shared oracle runner
// (tests/oracles/python-next/run.mjs, same command line) is on main; both then use that one. It installs the package
// on first use with `npm pack` into $KINGSNAKE_PYODIDE_CACHE (default ~/.cache/kingsnake/pyodide), under a lock so
// that parallel tests install once. The scripts it runs only print: no host files are mounted.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join, resolve } from "node:path";

const packages = { "3.14": "pyodide@314.0.7", "3.15": "pyodide@315.0.0-alpha.2" };
const [version, script, ...args] = process.argv.slice(2);
if (!packages[version] || !script) {
  console.error("usage: node run_pyodide.mjs 3.14|3.15 SCRIPT.py [ARGS...]");
  process.exit(2);
}

const cache = process.env.KINGSNAKE_PYODIDE_CACHE || join(homedir(), ".cache", "kingsnake", "pyodide");
const dir = join(cache, packages[version].replace("@", "-"));
if (!existsSync(join(dir, "package", "pyodide.mjs"))) {
  mkdirSync(dir, { recursive: true });
  // npm pack fetches the tarball through the ordinary npm client; flock keeps a second runner from unpacking alongside.
  const install = `exec 9>"${dir}/.lock" && flock 9 && if [ ! -f package/pyodide.mjs ]; then
    npm pack --silent "${packages[version]}" >/dev/null && tar xzf pyodide-*.tgz && rm -f pyodide-*.tgz; fi`;
  const result = spawnSync("bash", ["-c", install], { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0 || !existsSync(join(dir, "package", "pyodide.mjs"))) {
    console.error(`run_pyodide.mjs: could not install ${packages[version]} into ${dir}`);
    process.exit(3);
  }
}

const indexURL = join(dir, "package") + "/";
const { loadPyodide } = await import(join(indexURL, "pyodide.mjs"));
// A pipe read by a slower reader is non-blocking here: writeSync throws EAGAIN after a partial write, and a write
// handler that threw would make pyodide send the whole buffer again (duplicated output). Wait and go on instead.
const pause = new Int32Array(new SharedArrayBuffer(4));
const write = fd => buffer => {
  for (let offset = 0; offset < buffer.length; ) {
    try {
      offset += writeSync(fd, buffer, offset);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
  return buffer.length;
};
const py = await loadPyodide({ indexURL, stdout: undefined });
py.setStdout({ write: write(1) });
py.setStderr({ write: write(2) });
py.globals.set("__kingsnake_source", readFileSync(resolve(script), "utf8"));
py.globals.set("__kingsnake_argv", py.toPy([basename(script), ...args]));
const code = py.runPython(`
import sys, traceback
def _run(source, argv):
    sys.argv = list(argv)
    try:
        exec(compile(source, argv[0], "exec"), {"__name__": "__main__"})
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0
_run(__kingsnake_source, __kingsnake_argv)
`);
process.exit(code);
