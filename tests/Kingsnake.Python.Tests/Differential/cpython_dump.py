"""Differential oracle: for each path read from stdin, print CPython's ast.dump(include_attributes=True) or its
SyntaxError, framed so one interpreter run serves a whole batch of files."""
import ast
import sys
import warnings

warnings.filterwarnings("ignore")
sys.setrecursionlimit(10000)
out = sys.stdout
for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    out.write("\x00FILE " + path + "\n")
    try:
        with open(path, "rb") as handle:
            source = handle.read()
        tree = ast.parse(source, path)
        out.write("OK\n" + ast.dump(tree, include_attributes=True) + "\n")
    except SyntaxError as error:
        out.write("ERROR %s %s %s\n" % (error.lineno, error.offset, type(error).__name__))
    except (ValueError, RecursionError, MemoryError) as error:
        out.write("ERROR 0 0 %s\n" % type(error).__name__)
out.flush()
