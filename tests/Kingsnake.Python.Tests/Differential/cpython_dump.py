"""Differential oracle: for each file, CPython's ast.dump(include_attributes=True) or its SyntaxError, framed so one
interpreter run serves a whole batch of files. One record per file:

    \\0FILE <path>
    OK
    <dump on one line>
or
    \\0FILE <path>
    ERROR <line> <column> <exception type>

Two modes:
  cpython_dump.py [--feature-version 3.N]
      paths on stdin, records on stdout (the native pyenv interpreters).
  cpython_dump.py --files LIST --out OUT [--feature-version 3.N]
      paths from the file LIST (one a line), records appended to OUT and flushed per file. Made for the WebAssembly
      builds (run.mjs), where a deep recursion can kill the whole instance: the header is written before parsing, so
      a restarted run with the same arguments finds the file that was being parsed when the instance died, records it
      as "ERROR 0 0 OracleFailure" and goes on after it; files already done are not parsed again.

Paths are host paths. Under run.mjs the host's file system is mounted at $KINGSNAKE_HOST_ROOT inside the interpreter;
that prefix is added to absolute paths when opening a file (relative ones resolve against the working directory, which
run.mjs sets to the host's) and never appears in the output.
"""
import ast
import os
import sys
import warnings

warnings.filterwarnings("ignore")
sys.setrecursionlimit(10000)
HOST = os.environ.get("KINGSNAKE_HOST_ROOT", "")
HEADER = "\x00FILE "


def host(path):
    """Where a host path is inside this interpreter."""
    return HOST + path if path.startswith("/") else path


def dump(path, feature_version):
    """The result lines of one file (after its header)."""
    try:
        with open(host(path), "rb") as handle:
            source = handle.read()
        # The file name in a SyntaxError is the host path, as under a native interpreter.
        tree = ast.parse(source, path, feature_version=feature_version)
        return "OK\n" + ast.dump(tree, include_attributes=True) + "\n"
    except SyntaxError as error:
        return "ERROR %s %s %s\n" % (error.lineno, error.offset, type(error).__name__)
    except (ValueError, RecursionError, MemoryError, OSError) as error:
        return "ERROR 0 0 %s\n" % type(error).__name__


def resume(out_path):
    """Files with a complete record in OUT. A header without a complete result is the file a previous instance died
    on: the partial record is cut off and replaced by an OracleFailure record, so it is reported, never retried."""
    done = set()
    if not os.path.exists(host(out_path)):
        return done
    with open(host(out_path), "rb") as handle:
        data = handle.read()
    text = data.decode("utf-8", "surrogateescape")
    good_end = 0  # character offset just past the last complete record
    position = 0
    died_on = None
    while position < len(text):
        if not text.startswith(HEADER, position):
            break
        header_end = text.find("\n", position)
        if header_end < 0:
            break
        path = text[position + len(HEADER):header_end]
        result_start = header_end + 1
        if text.startswith("OK\n", result_start):
            dump_end = text.find("\n", result_start + 3)
            record_end = dump_end + 1 if dump_end >= 0 else -1
        elif text.startswith("ERROR ", result_start):
            line_end = text.find("\n", result_start)
            record_end = line_end + 1 if line_end >= 0 else -1
        else:
            record_end = -1
        if record_end <= 0:
            died_on = path
            break
        done.add(path)
        good_end = position = record_end
    with open(host(out_path), "r+b") as handle:
        handle.truncate(len(text[:good_end].encode("utf-8", "surrogateescape")))
        handle.seek(0, os.SEEK_END)
        if died_on is not None:
            handle.write((HEADER + died_on + "\nERROR 0 0 OracleFailure\n").encode("utf-8", "surrogateescape"))
            done.add(died_on)
    return done


def main(argv):
    feature_version = None
    files_path = out_path = None
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--feature-version":
            major, minor = next(arguments).split(".")
            feature_version = (int(major), int(minor))
        elif argument == "--files":
            files_path = next(arguments)
        elif argument == "--out":
            out_path = next(arguments)
        else:
            sys.exit("cpython_dump.py: unknown argument " + argument)

    if files_path is None:
        out = sys.stdout
        for line in sys.stdin:
            path = line.rstrip("\n")
            if path:
                out.write(HEADER + path + "\n" + dump(path, feature_version))
        out.flush()
        return

    with open(host(files_path), encoding="utf-8", errors="surrogateescape") as handle:
        paths = [line.rstrip("\n") for line in handle if line.rstrip("\n")]
    done = resume(out_path)
    with open(host(out_path), "a", encoding="utf-8", errors="surrogateescape") as out:
        for path in paths:
            if path in done:
                continue
            # The header reaches the disk before parsing starts: it names the culprit if the instance dies.
            out.write(HEADER + path + "\n")
            out.flush()
            out.write(dump(path, feature_version))
            out.flush()


main(sys.argv[1:])
