"""Oracle for identifier normalization: prints "RAW<TAB>NFKC" for an identifier made of each character CPython accepts
in identifiers (alone, or after 'a' when it may not start one), then for sequences that exercise canonical ordering,
composition and Hangul, with the name CPython's parser gives each (read back from ast, not from unicodedata); then "!" lines for rejected ones."""
import ast
import sys
import unicodedata

identifiers = []
for code in range(0x80, 0x110000):
    char = chr(code)
    if char.isidentifier():
        identifiers.append(char)
    elif ("a" + char).isidentifier():
        identifiers.append("a" + char)
identifiers += ["e\u0301", "a\u0323\u0307", "a\u0307\u0323", "\u1100\u1161\u11a8", "\uac00\u11a8", "\ufb01x",
                "\u212b", "\u1e31\u0323", "o\u0308\u0304", "\u0627\u0653", "x\u0345\u0301", "\uff37\uff49\uff44\uff54\uff48",
                "\u00b5", "\u2168x", "\u1100\u1161\u0301\u11a8", "\u0041\u030a\u0323"]
out = sys.stdout
for identifier in identifiers:
    name = ast.parse(identifier).body[0].value.id
    out.write("%s\t%s\n" % (identifier, name))
# Letters, marks, digits and connectors that CPython still rejects in identifiers (not XID, e.g. U+309B): "!".
for code in range(0x80, 0x110000):
    char = chr(code)
    if unicodedata.category(char)[0] in "LMN" or unicodedata.category(char) == "Pc":
        if not ("a" + char).isidentifier():
            out.write("a%s\t!\n" % char)
