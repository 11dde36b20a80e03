"""Generates the new-syntax corpus: thousands of small programs around what Python 3.14 and 3.15 changed (template
strings, f-strings beside them, unparenthesised except types, lazy imports, unpacking in comprehensions), valid and
invalid, nested, with every prefix and quote. Prints one JSON object per line: {"name": ..., "source": ...}.

The cases say nothing about the expected answer: the tests write each to a file and ask CPython 3.14, 3.15 (and 3.13
for the older grammar) what it makes of it, then compare Kingsnake's dump or rejection line with that.
Run with any Python 3: python3 new_syntax_cases.py > cases.jsonl
"""
import itertools
import json
import sys

cases = []


def case(group, source):
    cases.append({"name": "%s-%04d" % (group, len(cases)), "source": source})


# ---- template strings and f-strings -------------------------------------------------------------------------
T_PREFIXES = ["t", "T", "tr", "tR", "Tr", "TR", "rt", "rT", "Rt", "RT"]
F_PREFIXES = ["f", "rf", "Fr"]
QUOTES = ["'", '"', "'''", '"""']
# Bodies written for a single-quote context; {Q} is replaced by the other quote kind where a nested string needs one.
BODIES = [
    "", "a", "{x}", "a{x}b", "{x!r}", "{x!s}", "{x!a}", "{x:>10}", "{x:{w}}", "{x:{w}.{p}}", "{x!r:^{w}}",
    "{x=}", "{ x = }", "{x=!s}", "{x=:>3}", "{ x + 1 = }", "{x = !r:<4}", "{{}}", "{{x}}", "a{{b}}c{x}",
    "\\n{x}\\t", "\\N{DIGIT ONE}{x}", "\\{x}", "{x}{y}", "{x,y}", "{*x}", "{(x)}", "{(x)=}", "{x:}", "{x!r:}",
    "{yield}", "{await x}", "{x if y else z}", "{lambda: 1}", "{(lambda: 1)()}", "{x:{y:{z}}}", "{x:{y=}}",
    "{x[0]}", "{x['k']}", "{x.attr}", "{f(x, y=2)}", "{  x  }", "{x}}", "{{x}", "{}", "{!r}", "{x!}", "{x!z}",
    "{x:{y:{z:{w}}}}", "{x:\\n}", "{x #c}", "{x:%Y-%m-%d}", "{3.14:.1f}", "{'a' 'b'}", "{OTHER}", "{f{OTHER}{x}{OTHER}}",
    "{t{OTHER}{x}{OTHER}}", "{x!r=}", "{x:=1}", "{(x:=1)}", "{x:{{}}}", "a\\\\b{x}",
]


def body_for(body, quote):
    other = '"' if quote[0] == "'" else "'"
    return body.replace("{OTHER}", other)


for prefix in T_PREFIXES + F_PREFIXES:
    for quote in QUOTES:
        for body in BODIES:
            text = body_for(body, quote)
            raw = "r" in prefix.lower()
            if raw and "\\N" in text:
                continue
            case("string", "v = %s%s%s%s\n" % (prefix, quote, text, quote))

# Multi-line bodies (triple quotes), comments inside fields, nested quotes of the same kind (PEP 701).
for prefix in ["t", "f", "rt"]:
    for quote in ["'''", '"""']:
        for body in ["{x\n}", "a\n{x}\nb", "{\nx\n=\n}", "{x # comment\n}", "{x:\n>10}", "{x:{\ny}}", "line1\n{x!r}\nline3",
                     "{%s}" % (quote + "inner" + quote), "{x:{%sa%s}}" % (quote[0], quote[0])]:
            case("multiline", "v = %s%s%s%s\n" % (prefix, quote, body, quote))
    for body in ["{'a'}", '{"a"}', "{x['k']}", '{x["k"]}', "{'\\n'.join(x)}", "{x:{'>'}10}"]:
        for quote in ["'", '"']:
            case("nested-quote", "v = %s%s%s%s\n" % (prefix, quote, body, quote))

# Concatenation: t-strings only with t-strings.
PIECES = ["t'a'", "t'{x}'", "f'{x}'", "'s'", "b'b'", "rt'\\d'", "T\"{y!r}\"", "u'u'", "''"]
for n in (2, 3):
    for combo in itertools.product(PIECES, repeat=n):
        case("concat", "v = %s\n" % " ".join(combo))
for combo in itertools.product(["t'a'", "t'{x}'", "f'b'", "'c'"], repeat=2):
    case("concat-lines", "v = (%s\n     %s)\n" % combo)

# Prefixes: every pair and some triples of b, r, u, f, t in both cases.
LETTERS = ["b", "r", "u", "f", "t", "B", "R", "U", "F", "T"]
for a, b in itertools.product(LETTERS, repeat=2):
    case("prefix", "v = %s%s'x'\n" % (a, b))
for triple in ["rbt", "tbr", "frt", "trf", "rtu", "btr", "rrt", "ttr"]:
    case("prefix", "v = %s'x'\n" % triple)

# t-strings in statements and expressions.
for code in ["print(t'{x}')", "x = t'{a}' if c else t'{b}'", "def f(a=t'{x}'): pass", "[t'{i}' for i in range(3)]",
             "match x:\n    case t'a':\n        pass", "t'{x}'.strings", "t'{x}'[0]", "f(t'a' t'b')", "x: t'' = t''",
             "assert t'{x}', t'{y}'", "del t'x'", "t'{x}' = 1", "with t'{x}' as y: pass", "lambda: t'{x}'",
             "async def f():\n    return t'{await x}'", "class C:\n    t = t'{t}'", "t = 1\nt'x'", "x = t\n'y'"]:
    case("tstring-context", code + "\n")

# Unterminated and broken t-strings.
for code in ["t'abc", "t'{x", "t'{x'", "t'''abc", "t'{x:{y}'", "t'{x!r'", "t'}'", "t'{'", "t'{x:{'", "t'\n'", "t'{x\n}'",
             "t'{x:\n}'", "t'{x}", "tr'\\'", "t'{{'", "t'{x}}'"]:
    case("tstring-broken", code + "\n")

# ---- except clauses ----------------------------------------------------------------------------------------
TYPES = ["A", "A, B", "A, B,", "A,", "(A, B)", "(A, B), C", "A.b, C.d", "f(), g()", "A, B, C", "*A", "A, *B",
         "A if x else B, C", "lambda: A, B", "(A), (B)", "A\n    , B", "[A, B]", "A or B, C"]
for star in ["", "*"]:
    for types in TYPES:
        for tail in ["", " as e"]:
            inline = "try:\n    pass\nexcept%s %s%s:\n    pass\n" % (star, types, tail)
            case("except", inline)
        case("except-inline", "try: pass\nexcept%s %s: pass\n" % (star, types))
    case("except", "try:\n    pass\nexcept%s A, B:\n    pass\nexcept%s C, D as e:\n    pass\n" % (star, star))
    case("except", "try:\n    pass\nexcept%s A, B:\n    pass\nelse:\n    pass\nfinally:\n    pass\n" % star)
    case("except", "try:\n    try:\n        pass\n    except%s A, B:\n        raise\nexcept%s C, D:\n    pass\n" % (star, star))
    case("except", "def f():\n    try:\n        pass\n    except%s A, B:\n        if x:\n            pass\n    return 1\n" % star)
case("except", "try:\n    pass\nexcept A, B:\n    pass\nexcept* C:\n    pass\n")
case("except", "try:\n    pass\nexcept:\n    pass\nexcept A, B:\n    pass\n")
case("except", "try:\n    pass\nexcept (A, B) as e, f:\n    pass\n")
case("except", "try:\n    pass\nexcept A, B as (e):\n    pass\n")
case("except", "try:\n    pass\nexcept A B:\n    pass\n")
case("except", "try:\n    pass\nexcept ,A:\n    pass\n")

# ---- lazy imports -----------------------------------------------------------------------------------------
for code in ["lazy import a", "lazy import a.b.c", "lazy import a as b", "lazy import a, b as c, d.e", "lazy  import\ta",
             "lazy from a import b", "lazy from a.b import c as d, e", "lazy from . import a", "lazy from .. a import b",
             "lazy from ...a import (b,\n    c,)", "lazy from a import *", "lazy import *", "lazy from __future__ import annotations",
             "lazy from .__future__ import x", "from __future__ import annotations\nlazy import a", "lazy import a; lazy from b import c",
             "x = 1; lazy import a", "if x:\n    lazy import a", "def f():\n    lazy import a", "class C:\n    lazy from a import b",
             "try:\n    lazy import a\nexcept ImportError:\n    pass", "with x:\n    lazy import a",
             "lazy = 1", "lazy.import_ = 2", "lazy(1)", "lazy[0]", "print(lazy)", "lazy: int = 3", "lazy\nimport a",
             "lazy \\\nimport a", "(lazy) import a", "lazy lazy import a", "import lazy", "from lazy import lazy",
             "lazy import lazy", "lazy from lazy import lazy as lazy", "from a lazy import b", "from . lazy import b",
             "lazy def f(): pass", "lazy class C: pass", "lazy = lazy", "def lazy(): pass", "lazy if x else y",
             "lazy import a.", "lazy from a import", "lazy from import a", "lazy import (a)", "lazy import a as",
             "match lazy:\n    case lazy:\n        pass", "type lazy = int", "lazy async def f(): pass", "async lazy import a"]:
    case("lazy", code + "\n")

# ---- unpacking in comprehensions ----------------------------------------------------------------------------
ELEMENTS = ["*x", "*(x)", "*x.y", "*f(x)", "*x or y", "*x if c else y", "*x | y", "*[x]", "**x", "**x or y",
            "**x | y", "*x, y", "x, *y", "*x: 1", "**x: 1", "x: *y", "x: **y", "*(yield x)", "*await x", "*lambda: x",
            "x := 1", "*x := 1", "*", "**"]
FORS = [" for x in y", " for x in y if x", " async for x in y", " for x in y for z in x", " for *x, y in z"]
for element in ELEMENTS:
    for for_clause in FORS:
        for open_, close in [("[", "]"), ("{", "}"), ("(", ")"), ("f(", ")"), ("f(a, ", ")"), ("f(", ", b)")]:
            case("comprehension", "v = %s%s%s%s\n" % (open_, element, for_clause, close))
for code in ["{**d, 1: 2 for d in e}", "{1: 2, **d for d in e}", "[*x for x in y], [*y for y in x]",
             "async def f():\n    return [*x async for x in y]", "sum(*x for x in y)", "dict(**x for x in y)",
             "[*x for x in y] = 1", "for [*x for x in y] in z: pass", "[[*x for x in y] for y in z]",
             "{**{**x for x in y} for y in z}", "(*x for x in y).send(None)"]:
    case("comprehension", code + "\n")

for item in cases:
    sys.stdout.write(json.dumps(item) + "\n")
