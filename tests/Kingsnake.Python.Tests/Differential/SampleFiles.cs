namespace Kingsnake.Python.Tests.Differential;

internal static class SampleFiles
{
    public const string Stdlib313 = "/root/.pyenv/versions/3.13.0/lib/python3.13";

    /// <summary>CPython 3.11's standard library with its site-packages (about 11,600 files).</summary>
    public const string Tree311 = "/root/.pyenv/versions/3.11.7/lib/python3.11";

    /// <summary>The lib/python3.X directory of an installed CPython (its stdlib and site-packages).</summary>
    public static string Tree(string version)
    {
        var parts = version.Split('.');
        return $"/root/.pyenv/versions/{version}/lib/python{parts[0]}.{parts[1]}";
    }

    /// <summary>
    /// The .py files of a WebAssembly oracle's own standard library ("3.14": CPython 3.14.2's 559 files, "3.15":
    /// 3.15.0rc1's 598), unpacked from the pyodide package's python_stdlib.zip; installs the oracles if needed.
    /// </summary>
    public static List<string> PythonNextStdlib(string version)
    {
        PythonNextOracle.EnsureInstalled();
        return Under(PythonNextOracle.Stdlib(version));
    }

    /// <summary>Every *.py under <paramref name="root"/>, sorted, optionally every n-th only (for a CI-sized sample).</summary>
    public static List<string> Under(string root, SearchOption option = SearchOption.AllDirectories, int every = 1) =>
        Directory.Exists(root)
            ? [.. Directory.EnumerateFiles(root, "*.py", option).Order(StringComparer.Ordinal).Where((_, i) => i % every == 0)]
            : [];
}
