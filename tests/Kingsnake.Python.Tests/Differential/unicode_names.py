"""Oracle for \\N{...} escapes: prints "NAME<TAB>HEX" for every name CPython accepts in a str literal (every character
name, every 7th in lower case (CJK and Hangul names only in upper case), every alias from the interpreter's own table), then "NAME<TAB>!MESSAGE" for names it
rejects, with its SyntaxError message."""
import ctypes
import sys
import unicodedata

out = sys.stdout
for code in range(0x110000):
    name = unicodedata.name(chr(code), None)
    if name is not None:
        out.write("%s\t%X\n" % (name, code))
        if code % 7 == 0:
            try:
                eval('"\\N{%s}"' % name.lower())
                out.write("%s\t%X\n" % (name.lower(), code))
            except SyntaxError:
                out.write("%s\t!unknown\n" % name.lower())

pointer = ctypes.pythonapi.PyCapsule_GetPointer
pointer.restype = ctypes.c_void_p
pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
functions = (ctypes.c_void_p * 2).from_address(pointer(unicodedata._ucnhash_CAPI, b"unicodedata._ucnhash_CAPI"))
getname = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int, ctypes.c_int)(functions[0])
buffer = ctypes.create_string_buffer(256)
candidates = ["cjk unified ideograph-4E00", "CJK UNIFIED IDEOGRAPH-4e00", "CJK UNIFIED IDEOGRAPH-0004E00",
              "CJK UNIFIED IDEOGRAPH-2EE5E", "hangul syllable ga", "HANGUL SYLLABLE ", "HANGUL SYLLABLE GAX",
              "EM  DASH", " EM DASH", "NO SUCH THING", "", "LATIN SMALL LETTER \u00e9"]
for code in range(0xF0000, 0xF1000):
    if getname(code, buffer, 256, 1):
        candidates.append(buffer.value.decode("ascii"))
for name in candidates:
    try:
        value = eval('"\\N{%s}"' % name)
        out.write("%s\t%X\n" % (name, ord(value)))
    except SyntaxError as error:
        out.write("%s\t!%s\n" % (name, error.msg))
