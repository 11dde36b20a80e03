"""Syntax-error corpus for the differential test: sources CPython's own parser rejects, each printed as one JSON line
with CPython's SyntaxError (lineno, offset, message, class). Sources: the SyntaxError doctests of test_syntax.py, the
testSyntaxErrorOffset cases of test_exceptions.py, the assertAllRaise(SyntaxError, ...) lists of test_fstring.py,
and seeded mutations of real standard-library files (a token or character deleted, a stray ')' or ':' inserted).
Only sources that ast.parse rejects are kept (errors from the compiler's later passes are not parse errors)."""
import ast
import doctest
import json
import os
import random
import sys
import tokenize
import io
import warnings

warnings.filterwarnings("ignore")
stdlib = os.path.dirname(os.__file__)
mutations = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
out = sys.stdout
seen = set()


def emit(name, source):
    if source in seen or "\0" in source:
        return False
    seen.add(source)
    try:
        ast.parse(source, "<corpus>")
        return False
    except SyntaxError as error:
        if error.lineno is None or error.offset is None:
            return False
        out.write(json.dumps({"name": name, "source": source, "line": error.lineno, "offset": error.offset,
                              "message": error.msg, "kind": type(error).__name__}) + "\n")
        return True
    except (ValueError, RecursionError, MemoryError, OverflowError):
        return False


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


# test_syntax.py: the doctest examples whose expected output is a SyntaxError.
module = read(os.path.join(stdlib, "test", "test_syntax.py"))
docstring = ast.get_docstring(ast.parse(module), clean=False) or ""
for i, example in enumerate(doctest.DocTestParser().get_examples(docstring)):
    if "Error" in (example.exc_msg or "") or "SyntaxError" in example.want:
        emit("test_syntax#%d" % i, example.source)

# test_exceptions.py testSyntaxErrorOffset, test_fstring.py assertAllRaise(SyntaxError, ...): string constants.
for file, wanted in (("test_exceptions.py", "check"), ("test_fstring.py", "assertAllRaise"), ("test_syntax.py", "_check_error")):
    tree = ast.parse(read(os.path.join(stdlib, "test", file)))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if callee != wanted:
            continue
        arguments = node.args
        if wanted == "assertAllRaise":
            if not (isinstance(arguments[0], ast.Name) and arguments[0].id == "SyntaxError") or len(arguments) < 3:
                continue
            if isinstance(arguments[2], (ast.List, ast.Tuple)):
                for j, item in enumerate(arguments[2].elts):
                    if isinstance(item, ast.Constant) and isinstance(item.value, str):
                        emit("%s:%d#%d" % (file, node.lineno, j), item.value)
        elif isinstance(arguments[0], ast.Constant) and isinstance(arguments[0].value, str):
            emit("%s:%d" % (file, node.lineno), arguments[0].value)

# Mutations of real files: smallish stdlib modules, a deterministic choice.
files = sorted(os.path.join(stdlib, name) for name in os.listdir(stdlib) if name.endswith(".py"))
files = [f for f in files if 2000 < os.path.getsize(f) < 40000]
rng = random.Random(20240613)
made = 0
attempts = 0
while made < mutations and attempts < mutations * 20:
    attempts += 1
    path = rng.choice(files)
    try:
        text = read(path)
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                  if t.type not in (tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER, tokenize.DEDENT)]
    except (SyntaxError, UnicodeDecodeError, tokenize.TokenError):
        continue
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    token = rng.choice(tokens)
    at = starts[token.start[0] - 1] + token.start[1]
    end = starts[token.end[0] - 1] + token.end[1] if token.end[0] - 1 < len(starts) else len(text)
    how = rng.choice(("delete-token", "delete-char", "insert-paren", "insert-colon", "insert-bracket", "delete-token"))
    if how == "delete-token":
        mutated = text[:at] + text[end:]
    elif how == "delete-char":
        mutated = text[:at] + text[at + 1:]
    elif how == "insert-paren":
        mutated = text[:at] + ")" + text[at:]
    elif how == "insert-bracket":
        mutated = text[:at] + "(" + text[at:]
    else:
        mutated = text[:at] + ":" + text[at:]
    # Keep the case small: the lines around the change (the error is usually near it).
    if emit("%s:%d:%s" % (os.path.basename(path), token.start[0], how), mutated):
        made += 1
out.flush()
