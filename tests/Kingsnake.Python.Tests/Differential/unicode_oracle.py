"""Oracle for everything the parser takes from the Unicode database, as the running CPython (3.8 and later, native or
WebAssembly) has it. Prints tab-separated lines to stdout:

  I RAW NAME     an identifier CPython accepts and the name its parser gives it (read back from ast, so NFKC as the
                 parser applies it): each character allowed in identifiers, alone if it may start one, else after
                 'a', then sequences that exercise canonical ordering, composition and Hangul
  X RAW MESSAGE  letters, marks, digits and connectors CPython rejects in identifiers (after 'a'), with the message
  P FLIPS        the code points at which chr(c).isprintable() flips, as hex deltas, false before U+0000
  N NAME HEX     a name \\N{} accepts, with its code point: every character name, every 7th in lower case, every
                 formal alias from the interpreter's own table, and the candidates below
  N NAME !MSG    a name \\N{} rejects, with CPython's SyntaxError message
  V MINOR UCD    the interpreter's 3.N and unicodedata.unidata_version (first line)
"""
import ast
import ctypes
import sys
import unicodedata

out = sys.stdout
out.write("V\t%d\t%s\n" % (sys.version_info[1], unicodedata.unidata_version))

# Identifiers.
identifiers = []
for code in range(0x80, 0x110000):
    char = chr(code)
    if char.isidentifier():
        identifiers.append(char)
    elif ("a" + char).isidentifier():
        identifiers.append("a" + char)
identifiers += ["e\u0301", "a\u0323\u0307", "a\u0307\u0323", "\u1100\u1161\u11a8", "\uac00\u11a8", "\ufb01x",
                "\u212b", "\u1e31\u0323", "o\u0308\u0304", "\u0627\u0653", "x\u0345\u0301", "\uff37\uff49\uff44\uff54\uff48",
                "\u00b5", "\u2168x", "\u1100\u1161\u0301\u11a8", "\u0041\u030a\u0323",
                # Unicode 16 added canonical pairs (Kirat Rai, Tulu-Tigalari, Gurung Khema…) and 17 combining classes.
                "a\U00016d67\U00016d67", "a\U00016d63\U00016d67", "a\U00011382\U000113c9", "a\U00016121\U0001611e",
                "a\U000113c2\U000113c9", "a\U000113c2\U000113b8", "a\U0001611e\U0001611e"]
for identifier in identifiers:
    try:
        name = ast.parse(identifier).body[0].value.id
        out.write("I\t%s\t%s\n" % (identifier, name))
    except SyntaxError as error:
        out.write("X\t%s\t%s\n" % (identifier, error.msg))
for code in range(0x80, 0x110000):
    char = chr(code)
    if (unicodedata.category(char)[0] in "LMN" or unicodedata.category(char) == "Pc") and not ("a" + char).isidentifier():
        try:
            compile("a" + char, "<oracle>", "eval")
            out.write("X\ta%s\t(accepted)\n" % char)
        except SyntaxError as error:
            out.write("X\ta%s\t%s\n" % (char, error.msg))

# Printability.
flips, previous, printable = [], 0, False
for code in range(0x110000):
    if chr(code).isprintable() != printable:
        printable = not printable
        flips.append("%X" % (code - previous))
        previous = code
out.write("P\t%s\n" % ",".join(flips))


# Names.
def verdict(name):
    try:
        value = eval('"\\N{%s}"' % name)
        return "%X" % ord(value)
    except SyntaxError as error:
        return "!" + error.msg


for code in range(0x110000):
    name = unicodedata.name(chr(code), None)
    if name is not None:
        out.write("N\t%s\t%X\n" % (name, code))
        if code % 7 == 0:
            out.write("N\t%s\t%s\n" % (name.lower(), verdict(name.lower())))

# Aliases live in CPython's private name table at U+F0000 onwards; the C API capsule lists them (3.8 and 3.9 name it
# ucnhash_CAPI, start their struct with a size and pass a database object, NULL for the current one).
pointer = ctypes.pythonapi.PyCapsule_GetPointer
pointer.restype = ctypes.c_void_p
pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
if hasattr(unicodedata, "_ucnhash_CAPI"):
    functions = (ctypes.c_void_p * 2).from_address(pointer(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI"))
    raw = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int, ctypes.c_int)(functions[0])
    getname = raw
else:
    functions = (ctypes.c_void_p * 3).from_address(pointer(unicodedata.ucnhash_CAPI, b"unicodedata.ucnhash_CAPI"))
    raw3 = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int, ctypes.c_int)(functions[1])

    def getname(code, buffer, size, with_alias):
        return raw3(None, code, buffer, size, with_alias)
buffer = ctypes.create_string_buffer(256)
candidates = ["CJK UNIFIED IDEOGRAPH-0004E00", "CJK UNIFIED IDEOGRAPH-2EE5E", "hangul syllable ga", "HANGUL SYLLABLE ",
              "HANGUL SYLLABLE GAX", "Hangul Syllable Gag", "HANGUL SYLLABLE gAg", "HANGUL SYLLABLE KKWAELH",
              "hangul syllable kkwaelh", "EM  DASH", " EM DASH", "NO SUCH THING", "", "LATIN SMALL LETTER \u00e9",
              "LATIN SMALL LETTER \u017fHARP \u017f", "D\u0131G\u0131T ONE", "DIGIT ONE\u200b",
              "TANGUT COMPONENT-001", "tangut component-001", "NUSHU CHARACTER-1b170", "EGYPTIAN HIEROGLYPH-13460"]
# Ideographs named by code point: the first and last of every run in Unicode 12.1 to 17.0 and their neighbours, under
# each prefix, in the spellings CPython has taken or refused (case of prefix and digits, leading zeros).
edges = [0x3400, 0x4DB5, 0x4DBF, 0x4E00, 0x9FEF, 0x9FFC, 0x9FFF, 0x17000, 0x187F7, 0x187FF, 0x18D00, 0x18D08, 0x18D1E,
         0x20000, 0x2A6D6, 0x2A6DD, 0x2A6DF, 0x2A700, 0x2B734, 0x2B738, 0x2B739, 0x2B740, 0x2B81D, 0x2B820, 0x2CEA1,
         0x2CEAD, 0x2CEB0, 0x2EBE0, 0x2EBE1, 0x2EBEF, 0x2EBF0, 0x2EE5D, 0x30000, 0x3134A, 0x31350, 0x323AF, 0x33479]
for prefix in ["CJK UNIFIED IDEOGRAPH-", "TANGUT IDEOGRAPH-"]:
    for edge in edges:
        for code in (edge - 1, edge, edge + 1):
            for spelled in ("%04X" % code, "%04x" % code, "%05X" % code, "%06X" % code, "%X " % code):
                candidates.append(prefix + spelled)
            candidates.append(prefix.lower() + "%04X" % code)
            candidates.append(prefix.title() + "%04x" % code)
for code in range(0xF0000, 0xF1000):
    if getname(code, buffer, 256, 1):
        candidates.append(buffer.value.decode("ascii"))
for name in candidates:
    out.write("N\t%s\t%s\n" % (name, verdict(name)))
