using Kingsnake.Python.UnicodeData;

namespace Kingsnake.Python.Ast;

/// <summary>
/// Which characters a given CPython's <c>str.isprintable()</c> accepts, so <c>repr()</c> escapes exactly what that
/// version escapes: each release carries its own Unicode database (3.11: 14.0, 3.13: 15.1, 3.15: 17.0), and .NET's is
/// another. The sets are the interpreters' own (<see cref="UnicodeSets"/>).
/// </summary>
internal static class PythonPrintable
{
    /// <summary>Printability as CPython <paramref name="target"/> has it; the newest version's when none is given.</summary>
    public static bool IsPrintable(int codePoint, Version? target) => UnicodeSets.IsPrintable(codePoint, UnicodeSets.MinorOf(target));
}
