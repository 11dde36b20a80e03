"""Generates Nfkc.deflate: what NFKC normalization of a Python identifier needs (Unicode 15.1), raw-deflated.

Run with CPython 3.13 from this folder:  python3.13 generate_nfkc.py
The C# reader is Parsing/IdentifierNormalizer.cs. CPython normalizes every non-ASCII identifier with
unicodedata.normalize('NFKC', ...); .NET's string.Normalize does nothing under InvariantGlobalization, so the
build carries its own tables. Layout of the (uncompressed) ASCII text, one entry per line, code points in hex:
  D CP;X Y Z      full compatibility decomposition (NFKD) of CP, a character valid in an identifier
  C CP;N          canonical combining class N (decimal) of CP, for every CP whose class is not 0
  P A B;C         primary composite: A followed by B composes to C (canonical pairs, exclusions left out)
Hangul syllables decompose and compose algorithmically in C#, so they are not listed.
"""
import sys
import unicodedata
import zlib

assert unicodedata.unidata_version == "15.1.0", unicodedata.unidata_version


def is_hangul_syllable(code):
    return 0xAC00 <= code <= 0xD7A3


lines = []
decompositions = 0
for code in range(0x110000):
    if is_hangul_syllable(code) or 0xD800 <= code <= 0xDFFF:
        continue
    char = chr(code)
    if not ("a" + char).isidentifier():
        continue
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed != char:
        lines.append("D %X;%s" % (code, " ".join("%X" % ord(c) for c in decomposed)))
        decompositions += 1

classes = 0
for code in range(0x110000):
    combining = unicodedata.combining(chr(code))
    if combining:
        lines.append("C %X;%d" % (code, combining))
        classes += 1

pairs = 0
for code in range(0x110000):
    if is_hangul_syllable(code) or 0xD800 <= code <= 0xDFFF:
        continue
    decomposition = unicodedata.decomposition(chr(code))
    if not decomposition or decomposition.startswith("<"):
        continue
    parts = [int(p, 16) for p in decomposition.split()]
    if len(parts) != 2:
        continue
    # Composition exclusions and non-starter decompositions do not recompose: NFC of the pair says so.
    if unicodedata.normalize("NFC", chr(parts[0]) + chr(parts[1])) != chr(code):
        continue
    lines.append("P %X %X;%X" % (parts[0], parts[1], code))
    pairs += 1

text = ("\n".join(lines) + "\n").encode("ascii")
compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
data = compressor.compress(text) + compressor.flush()
with open("Nfkc.deflate", "wb") as handle:
    handle.write(data)
print("%d decompositions, %d classes, %d pairs; %d bytes, %d deflated" % (decompositions, classes, pairs, len(text), len(data)), file=sys.stderr)
