using System.IO.Compression;
using System.Text;

namespace Kingsnake.Python.Ast;

/// <summary>
/// Which characters a given CPython's <c>str.isprintable()</c> accepts, so <c>repr()</c> escapes exactly what that
/// version escapes: each release carries its own Unicode database (3.11: 14.0, 3.13: 15.1), and .NET's is another.
/// The tables come from the interpreters themselves (PrintableData/generate_printable.py), read on first use.
/// </summary>
internal static class PythonPrintable
{
    private static readonly Lazy<Dictionary<string, int[]>> Tables = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static bool IsPrintable(int codePoint, Version? target)
    {
        var tables = Tables.Value;
        var key = target is null ? "3.13" : $"{target.Major}.{target.Minor}";
        if (!tables.TryGetValue(key, out var flips))
        {
            flips = tables[target is not null && target < new Version(3, 8) ? "3.8" : "3.13"];
        }

        // Printability flips at each listed code point, starting printable: an even count of flips at or below means printable.
        var index = Array.BinarySearch(flips, codePoint);
        var flipsAtOrBelow = index >= 0 ? index + 1 : ~index;
        return flipsAtOrBelow % 2 == 0;
    }

    private static Dictionary<string, int[]> Load()
    {
        using var resource = typeof(PythonPrintable).Assembly.GetManifestResourceStream("Kingsnake.Python.PythonPrintable.deflate")
            ?? throw new InvalidOperationException("the printable-character tables are missing from the assembly");
        using var reader = new StreamReader(new DeflateStream(resource, CompressionMode.Decompress), Encoding.ASCII);
        var tables = new Dictionary<string, int[]>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is { Length: > 0 })
        {
            var parts = line.Split(' ');
            var deltas = parts[2].Split(',');
            var flips = new int[deltas.Length];
            var code = 0;
            for (var i = 0; i < deltas.Length; i++)
            {
                code += int.Parse(deltas[i], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                flips[i] = code;
            }

            tables[parts[0]] = flips;
        }

        return tables;
    }
}
