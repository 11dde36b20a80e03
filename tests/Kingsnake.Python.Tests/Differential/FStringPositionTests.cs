namespace Kingsnake.Python.Tests.Differential;

/// <summary>F-string edge cases whose positions differ between CPython versions, dumped against 3.11 and 3.13 themselves.</summary>
public sealed class FStringPositionTests
{
    public static TheoryData<string> Sources313 =>
    [
        "a = f\"{1+2 = # my comment\n  }\"\n",
        "b = f\"{'#' + x = # two\n # lines\n }\"\n",
        "c = f\"{'#' + x = }\"\n",
    ];

    [Theory]
    [MemberData(nameof(Sources313))]
    public void Debug_text_with_comments_agrees_with_cpython_313(string source) => AgreeWith(source, "3.13.0");

    public static TheoryData<string> Sources =>
    [
        "x = 1\na = f'{x = }'\n",
        "b = f'ab{ x = !r}'\n",
        "c = f'{x = :>10}'\n",
        "d = f'{x=:{x}}'\n",
        "e = f'{x  =  }tail'\n",
        "g = f'''{\nx\n=  }'''\n",
        "h = f'{3,}'\n",
        "i = f\"{self.__class__.__name__,}({w.__class__.__name__}<{w._w}>)\"\n",
        "j = f'{(1, 2)}' f'{(a), (b)}' f'{*a, b!r:>{w}}'\n",
        "k = f'{a, b = }'\n",
        "m = f\"{2:{y=}}\" f\"{now():h1{y=}h2{ y = !r:>4}h3{y=}}\"\n",
    ];

    [Theory]
    [MemberData(nameof(Sources))]
    public void Positions_agree_with_cpython_311_and_313(string source) => AgreeWith(source, "3.11.7", "3.13.0");

    public static TheoryData<string> SourcesBefore310 =>
    [
        "print(f\"{x!r:>{w}}\")\n",
        "s = f\"\"\"head\n    {value} and {other!r}\n\"\"\"\n",
        "t = ('a' f'{x}'\n     f'{y}')\n",
        "def f(a, *, b: int, c: str = 'x'): pass\n",
        "y = a[1:2, 3] + a[4] + a[::2]\nfrom m import (n as o)\ng(k=1, **kw)\n",
    ];

    [Theory]
    [MemberData(nameof(SourcesBefore310))]
    public void Pre_310_positions_agree_with_cpython_38_and_39(string source) => AgreeWith(source, "3.8.18", "3.9.18");

    private static void AgreeWith(string source, params string[] versions)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kingsnake-fstring-{Environment.ProcessId}-{(uint)source.GetHashCode():X8}.py");
        File.WriteAllText(file, source);
        try
        {
            foreach (var version in versions)
            {
                Assert.SkipUnless(CPythonOracle.Available(version), $"CPython {version} not installed");
                var (agreeing, total, report) = CPythonOracle.Compare(version, [file]);
                Assert.True(total == 1 && agreeing == 1, $"{version}: {source}\n{report}");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
