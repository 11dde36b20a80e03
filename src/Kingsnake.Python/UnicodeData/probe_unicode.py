"""Prints what the running CPython's Unicode database says about every code point, for generate_unicode_data.py.

Runs inside each interpreter (a native one, or CPython 3.14/3.15 compiled to WebAssembly under node) and prints to
stdout; any CPython from 3.8 on. Lines (code points in hex):
  version MINOR UNIDATA     the interpreter's 3.N and unicodedata.unidata_version
  start D,D,...             code points at which chr(c).isidentifier() flips (hex deltas, false before U+0000)
  continue D,D,...          the same for ("a" + chr(c)).isidentifier(): characters allowed after the first
  printable D,D,...         the same for chr(c).isprintable(), true before U+0000
  D CP;X Y Z                NFKD of CP, for every non-ASCII CP allowed in identifiers whose NFKD is not itself
                            (Hangul syllables left out: they decompose algorithmically)
  C CP;N                    canonical combining class N (decimal) of CP, where not 0
  P A B;C                   A then B compose canonically to C (primary composites: exclusions left out)
  N CP;NAME                 the name \\N{} looks up for CP (Hangul syllables and CJK/Tangut ideographs left out)
  R FIRST-LAST;PREFIX       a run of ideographs named PREFIX + hex code point (CJK UNIFIED IDEOGRAPH-, TANGUT IDEOGRAPH-)
  A CP;ALIAS                a formal alias (NameAliases.txt) that \\N{} accepts for CP
"""
import ctypes
import sys
import unicodedata

RANGE_PREFIXES = ("CJK UNIFIED IDEOGRAPH-", "TANGUT IDEOGRAPH-")


def flips(predicate, initial):
    out, previous, state = [], 0, initial
    for code in range(0x110000):
        if predicate(chr(code)) != state:
            state = not state
            out.append("%X" % (code - previous))
            previous = code
    return ",".join(out)


def main():
    lines = ["version %d.%d %s" % (sys.version_info[0], sys.version_info[1], unicodedata.unidata_version)]
    lines.append("start " + flips(lambda c: c.isidentifier(), False))
    lines.append("continue " + flips(lambda c: ("a" + c).isidentifier(), False))
    lines.append("printable " + flips(lambda c: c.isprintable(), True))

    for code in range(0x80, 0x110000):
        if 0xAC00 <= code <= 0xD7A3 or 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if ("a" + char).isidentifier():
            decomposed = unicodedata.normalize("NFKD", char)
            if decomposed != char:
                lines.append("D %X;%s" % (code, " ".join("%X" % ord(c) for c in decomposed)))
    for code in range(0x110000):
        combining = unicodedata.combining(chr(code))
        if combining:
            lines.append("C %X;%d" % (code, combining))
    for code in range(0x110000):
        if 0xAC00 <= code <= 0xD7A3 or 0xD800 <= code <= 0xDFFF:
            continue
        decomposition = unicodedata.decomposition(chr(code))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = [int(p, 16) for p in decomposition.split()]
        # Composition exclusions and non-starter decompositions do not recompose: NFC of the pair says so.
        if len(parts) == 2 and unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) == chr(code):
            lines.append("P %X %X;%X" % (parts[0], parts[1], code))

    ranges = []
    for code in range(0x110000):
        name = unicodedata.name(chr(code), None)
        if name is None or name.startswith("HANGUL SYLLABLE "):
            continue
        prefix = next((p for p in RANGE_PREFIXES if name == p + "%04X" % code), None)
        if prefix is None:
            lines.append("N %X;%s" % (code, name))
        elif ranges and ranges[-1][2] == prefix and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code, prefix])
    lines.extend("R %X-%X;%s" % (first, last, prefix) for first, last, prefix in ranges)

    # Aliases live in CPython's private name table at U+F0000 onwards (named sequences follow them); the module's C API
    # capsule is the only way to list them without the UCD text files, which are not installed. 3.8 and 3.9 name the
    # capsule ucnhash_CAPI and their struct starts with a size and passes a database object (NULL: the current one).
    capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
    capsule_pointer.restype = ctypes.c_void_p
    capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
    if hasattr(unicodedata, "_ucnhash_CAPI"):
        functions = (ctypes.c_void_p * 2).from_address(capsule_pointer(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI"))
        raw = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int, ctypes.c_int)(functions[0])
        getname = raw
    else:
        functions = (ctypes.c_void_p * 3).from_address(capsule_pointer(unicodedata.ucnhash_CAPI, b"unicodedata.ucnhash_CAPI"))
        raw = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int, ctypes.c_int)(functions[1])

        def getname(code, buffer, size, with_alias):
            return raw(None, code, buffer, size, with_alias)
    buffer = ctypes.create_string_buffer(256)
    for code in range(0xF0000, 0xF1000):
        if not getname(code, buffer, 256, 1):
            continue
        alias = buffer.value.decode("ascii")
        target = unicodedata.lookup(alias)
        if len(target) != 1:
            continue  # a named sequence: \N{} does not take those
        try:
            eval('"\\N{%s}"' % alias)
        except SyntaxError:
            continue
        lines.append("A %X;%s" % (ord(target), alias))

    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
