"""Generates the parser's Unicode tables for every grammar target, 3.8 to 3.15, each from that CPython's own database:

  3.8 Unicode 12.1, 3.9 and 3.10 13.0, 3.11 14.0, 3.12 15.0, 3.13 15.1, 3.14 16.0, 3.15 17.0.

Run from this folder with any python3 (3.8 or later) and node on the PATH:

    python3 generate_unicode_data.py [--keep DIR]

It runs probe_unicode.py in every interpreter and writes three raw-deflated ASCII files (read by the C# named below):
the pyenv CPythons 3.8.18, 3.9.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 (/root/.pyenv/versions/V/bin/python3) run it
natively; CPython 3.14.2 and 3.15.0rc1 are the npm packages pyodide@314.0.7 and pyodide@315.0.0-alpha.2 under node,
through tests/oracles/python-next/run.mjs (after its install.sh). --keep DIR saves each probe's output there (3.N.txt)
and reuses it on the next run.

Newer Unicode versions only ever add (characters, names, decompositions, identifier and printable characters), but
the tables do not rely on that blindly: the generator checks it and fails if an entry changed or went away.

CodePointSets.deflate (UnicodeData/UnicodeSets.cs): the sets CPython decides by code point, one line per set and
version, newest first:  "SET MINOR D,D,..."  where the D are hex deltas between the code points at which membership
flips (a code point not in the set before U+0000). The 3.15 line lists the set itself; each older line lists where
that version differs from the next newer one (the flips of their exclusive or; "-" when they are the same).
  start      chr(c).isidentifier(): may start an identifier (XID_Start and '_')
  continue   ("a" + chr(c)).isidentifier(): may follow in one (XID_Continue)
  printable  chr(c).isprintable(): repr() leaves it as is, and the tokenizer's "invalid character" error shows it

Nfkc.deflate (Parsing/IdentifierNormalizer.cs): what NFKC normalization of an identifier needs. Sections "@MINOR" hold
the entries that version added; one entry per line:
  D CP;X Y Z      full compatibility decomposition (NFKD) of CP, a non-ASCII character valid in an identifier
  C CP;N          canonical combining class N (decimal) of CP, where not 0
  P A B;C         primary composite: A followed by B composes to C (canonical pairs, exclusions left out)
Hangul syllables decompose and compose algorithmically in C#, so they are not listed.

UnicodeNames.deflate (Parsing/UnicodeNames.cs): every name \\N{...} accepts. Sections "\\x04MINOR" hold what that
version added; in each, one entry per line:
  K REST          a name for the code point after the previous name's: the first K characters of the previous name
                  (K written as the character 0x20 + K, front coding) followed by REST; a name ending in '*' ends
                  with its code point in hex (CJK COMPATIBILITY IDEOGRAPH-F900 is written ...-*)
  \\x01HEX         the next name is for code point HEX (a jump over unnamed code points)
  \\x02FIRST-LAST;PREFIX   ideographs named PREFIX + their code point in hex (CJK UNIFIED IDEOGRAPH-, TANGUT IDEOGRAPH-)
  \\x05FIRST-LAST;PREFIX   ideographs of an earlier section's \\x02 runs that this version no longer names
  \\x03HEX;ALIAS   a formal name alias (NameAliases.txt), accepted by \\N{} like a name
Hangul syllables are composed from their jamo in C#, as CPython does, so they are not listed. Named sequences are
left out: unicodedata.lookup accepts them but \\N{} does not.
"""
import os
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
NATIVE = {8: "3.8.18", 9: "3.9.18", 10: "3.10.13", 11: "3.11.7", 12: "3.12.1", 13: "3.13.0"}
WEBASSEMBLY = {14: "3.14", 15: "3.15"}
UNICODE = {8: "12.1.0", 9: "13.0.0", 10: "13.0.0", 11: "14.0.0", 12: "15.0.0", 13: "15.1.0", 14: "16.0.0", 15: "17.0.0"}
MINORS = sorted(UNICODE)


def probe_command(minor):
    probe = os.path.join(HERE, "probe_unicode.py")
    if minor in NATIVE:
        return ["/root/.pyenv/versions/%s/bin/python3" % NATIVE[minor], probe]
    shared = os.path.join(REPOSITORY, "tests", "oracles", "python-next")
    subprocess.run(["bash", os.path.join(shared, "install.sh")], check=True, stdout=subprocess.DEVNULL)
    return ["node", os.path.join(shared, "run.mjs"), WEBASSEMBLY[minor], probe]


def probe(minor, keep):
    saved = keep and os.path.join(keep, "3.%d.txt" % minor)
    if saved and os.path.exists(saved):
        with open(saved, encoding="ascii") as handle:
            text = handle.read()
    else:
        text = subprocess.run(probe_command(minor), check=True, stdout=subprocess.PIPE).stdout.decode("ascii")
        if saved:
            with open(saved, "w", encoding="ascii") as handle:
                handle.write(text)
    data = {"sets": {}, "D": {}, "C": {}, "P": {}, "N": {}, "A": {}, "R": {}}
    for line in text.splitlines():
        head, _, rest = line.partition(" ")
        if head == "version":
            version, unidata = rest.split()
            assert version == "3.%d" % minor and unidata == UNICODE[minor], (minor, rest)
        elif head in ("start", "continue", "printable"):
            points, code = [], 0
            for delta in rest.split(",") if rest else []:
                code += int(delta, 16)
                points.append(code)
            if head == "printable":
                # The probe counts printability from "printable before U+0000"; U+0000 is not printable, so its first
                # flip is at 0: dropping it gives the same set counted from "not in the set".
                assert points[0] == 0
                points = points[1:]
            data["sets"][head] = points
        elif head in ("D", "C", "P", "N", "A"):
            key, _, value = rest.partition(";")
            assert key not in data[head] or head == "A", line
            data[head][key if head != "A" else value] = value if head != "A" else key
        elif head == "R":
            span, _, prefix = rest.partition(";")
            first, last = (int(part, 16) for part in span.split("-"))
            for code in range(first, last + 1):
                data["R"][code] = prefix
        else:
            raise ValueError("unexpected probe line: " + line)
    return data


def symmetric_difference(a, b):
    return sorted(set(a) ^ set(b))


def deltas(points):
    out, previous = [], 0
    for point in points:
        out.append("%X" % (point - previous))
        previous = point
    return ",".join(out) if out else "-"


def additions(tables, key, removals=None):
    """Per version, the entries of table KEY it adds to the previous version's, which it must keep unchanged unless
    REMOVALS is given: then what it drops goes there (per version)."""
    out, previous = {}, {}
    for minor in MINORS:
        current = tables[minor][key]
        for entry, value in previous.items():
            if removals is not None and entry not in current:
                removals.setdefault(minor, {})[entry] = value
                continue
            assert current.get(entry) == value, "3.%d changed %s %r: %r -> %r" % (minor, key, entry, value, current.get(entry))
        out[minor] = {entry: value for entry, value in current.items() if entry not in previous}
        previous = current
    return out


def runs(code_points):
    """{code point: prefix} as [first, last, prefix] runs."""
    out = []
    for code, prefix in sorted(code_points.items()):
        if out and out[-1][1] == code - 1 and out[-1][2] == prefix:
            out[-1][1] = code
        else:
            out.append([code, code, prefix])
    return out


def write(name, lines):
    text = ("\n".join(lines) + "\n").encode("ascii")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    data = compressor.compress(text) + compressor.flush()
    with open(os.path.join(HERE, name), "wb") as handle:
        handle.write(data)
    print("%s: %d lines, %d bytes, %d deflated" % (name, len(lines), len(text), len(data)), file=sys.stderr)


def code_point_sets(tables):
    lines = []
    for name in ("start", "continue", "printable"):
        newer = None
        for minor in reversed(MINORS):
            points = tables[minor]["sets"][name]
            lines.append("%s %d %s" % (name, minor, deltas(points if newer is None else symmetric_difference(points, newer))))
            changed = 0 if newer is None else len(symmetric_difference(points, newer))
            print("  %s 3.%d: %d flips%s" % (name, minor, len(points), "" if newer is None else ", %d flips from 3.%d" % (changed, minor + 1)), file=sys.stderr)
            newer = points
    write("CodePointSets.deflate", lines)


def nfkc(tables):
    added = {key: additions(tables, key) for key in "DCP"}
    lines = []
    for minor in MINORS:
        lines.append("@%d" % minor)
        lines.extend("D %s;%s" % (code, value) for code, value in sorted(added["D"][minor].items(), key=lambda item: int(item[0], 16)))
        lines.extend("C %s;%s" % (code, value) for code, value in sorted(added["C"][minor].items(), key=lambda item: int(item[0], 16)))
        lines.extend("P %s;%s" % (pair, value) for pair, value in sorted(added["P"][minor].items(), key=lambda item: [int(p, 16) for p in item[0].split()]))
        print("  nfkc 3.%d adds %d decompositions, %d classes, %d pairs" % (minor, len(added["D"][minor]), len(added["C"][minor]), len(added["P"][minor])), file=sys.stderr)
    write("Nfkc.deflate", lines)


def names(tables):
    # CPython 3.8 named U+2EBE1..U+2EBEF as CJK unified ideographs (its range check ran past Unicode 12.1's extension
    # F, which ends at U+2EBE0); 3.9 does not: ranges are the one kind of entry a newer version drops.
    dropped = {}
    added = {key: additions(tables, key, dropped if key == "R" else None) for key in "NAR"}
    lines = []
    for minor in MINORS:
        lines.append("\x04%d" % minor)
        previous, previous_name = -2, ""
        for code, name in sorted(((int(code, 16), name) for code, name in added["N"][minor].items())):
            suffix = "-%04X" % code
            if name.endswith(suffix):
                name = name[: -len(suffix) + 1] + "*"
            if code != previous + 1:
                lines.append("\x01%X" % code)
            common = 0
            while common < min(len(name), len(previous_name)) and name[common] == previous_name[common]:
                common += 1
            assert common < 0x5E
            lines.append(chr(0x20 + common) + name[common:])
            previous, previous_name = code, name
        ideographs = runs(added["R"][minor])
        lines.extend("\x02%X-%X;%s" % (first, last, prefix) for first, last, prefix in ideographs)
        lines.extend("\x05%X-%X;%s" % (first, last, prefix) for first, last, prefix in runs(dropped.get(minor, {})))
        lines.extend("\x03%s;%s" % (code, alias) for alias, code in sorted(added["A"][minor].items()))
        print("  names 3.%d adds %d names, %d ideographs in %d runs (drops %d), %d aliases" % (minor, len(added["N"][minor]), len(added["R"][minor]), len(ideographs), len(dropped.get(minor, {})), len(added["A"][minor])), file=sys.stderr)
    write("UnicodeNames.deflate", lines)


def main():
    keep = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--keep" else None
    if keep:
        os.makedirs(keep, exist_ok=True)
    tables = {}
    for minor in MINORS:
        print("probing CPython 3.%d" % minor, file=sys.stderr)
        tables[minor] = probe(minor, keep)
    code_point_sets(tables)
    nfkc(tables)
    names(tables)


if __name__ == "__main__":
    main()
