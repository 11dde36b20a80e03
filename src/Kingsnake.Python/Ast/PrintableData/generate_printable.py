"""Generates PythonPrintable.deflate: for each CPython 3.8 … 3.13, which code points str.isprintable() accepts (and so
which characters repr() leaves unescaped), taken from that interpreter's own Unicode database (12.1 … 15.1).

Run with any python3 from this folder:  python3 generate_printable.py
Layout of the (uncompressed) ASCII text, one line per version:  "3.13 15.1.0 D,D,D,…"  where the D are hex deltas
between the code points at which printability flips (starting printable before U+0000). Read by PythonRepr.
"""
import subprocess
import zlib

VERSIONS = {"3.8": "3.8.18", "3.9": "3.9.18", "3.10": "3.10.13", "3.11": "3.11.7", "3.12": "3.12.1", "3.13": "3.13.0"}
PROBE = """
import unicodedata
flips, previous, printable = [], 0, True
for code in range(0x110000):
    if chr(code).isprintable() != printable:
        printable = not printable
        flips.append("%X" % (code - previous))
        previous = code
print(unicodedata.unidata_version, ",".join(flips))
"""

lines = []
for minor, full in VERSIONS.items():
    output = subprocess.run(["/root/.pyenv/versions/%s/bin/python3" % full, "-c", PROBE], check=True, capture_output=True, text=True).stdout
    lines.append("%s %s" % (minor, output.strip()))

text = ("\n".join(lines) + "\n").encode("ascii")
compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
data = compressor.compress(text) + compressor.flush()
with open("PythonPrintable.deflate", "wb") as handle:
    handle.write(data)
print("%d versions, %d bytes, %d deflated" % (len(lines), len(text), len(data)))
