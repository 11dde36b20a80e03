"""Generates UnicodeNames.deflate: every name CPython 3.13's \\N{...} escape accepts (Unicode 15.1), raw-deflated.

Run with CPython 3.13 from this folder:  python3.13 generate_unicode_names.py
The C# reader is Parsing/UnicodeNames.cs. Layout of the (uncompressed) ASCII text, one entry per line:
  K REST          a name for the code point after the previous name's: the first K characters of the previous name
                  (K written as the character 0x20 + K, front coding) followed by REST; a name ending in '*' ends
                  with its code point in hex (CJK COMPATIBILITY IDEOGRAPH-F900 is written ...-*)
  \x01HEX         the next name is for code point HEX (a jump over unnamed code points)
  \x02FIRST-LAST;PREFIX   an algorithmic range: PREFIX + 4 or 5 uppercase hex digits (CJK UNIFIED IDEOGRAPH-)
  \x03HEX;ALIAS   a formal name alias (NameAliases.txt), accepted by \\N{} like a name
Hangul syllables are composed from their jamo in C#, as CPython does, so they are not listed.
Named sequences are left out: unicodedata.lookup accepts them but \\N{} does not.
"""
import ctypes
import sys
import unicodedata
import zlib

assert unicodedata.unidata_version == "15.1.0", unicodedata.unidata_version

lines = []
previous = -2
previous_name = ""
ranges = []
for code in range(0x110000):
    name = unicodedata.name(chr(code), None)
    if name is None or name.startswith("HANGUL SYLLABLE "):
        continue
    if name.startswith("CJK UNIFIED IDEOGRAPH-"):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
        continue
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

for first, last in ranges:
    lines.append("\x02%X-%X;CJK UNIFIED IDEOGRAPH-" % (first, last))

# Aliases live in CPython's private name table at U+F0000 onwards (named sequences follow them); the module's
# C API capsule is the only way to list them without the UCD text files, which are not installed.
capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
capsule_pointer.restype = ctypes.c_void_p
capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
functions = (ctypes.c_void_p * 2).from_address(capsule_pointer(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI"))
getname = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int, ctypes.c_int)(functions[0])
buffer = ctypes.create_string_buffer(256)
aliases = 0
for code in range(0xF0000, 0xF1000):
    if not getname(code, buffer, 256, 1):
        continue
    alias = buffer.value.decode("ascii")
    target = unicodedata.lookup(alias)
    if len(target) != 1:
        continue  # a named sequence
    try:
        eval('"\\N{%s}"' % alias)
    except SyntaxError:
        continue
    lines.append("\x03%X;%s" % (ord(target), alias))
    aliases += 1

text = ("\n".join(lines) + "\n").encode("ascii")
compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
data = compressor.compress(text) + compressor.flush()
with open("UnicodeNames.deflate", "wb") as handle:
    handle.write(data)
print("%d lines (%d aliases, %d ranges), %d bytes, %d deflated" % (len(lines), aliases, len(ranges), len(text), len(data)), file=sys.stderr)
