using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>
/// PY810: package code using syntax newer than the oldest Python the project declares. The shapes are the ones that
/// stopped the first run on PyPI's code base (<c>except A, B:</c> in package modules, PEP 758), next to what 3.12 and
/// 3.15 added; the scan decides which files are package code.
/// </summary>
public sealed class SupportedPythonRuleTests
{
    private const string UploadModule = """
        import hashlib


        def digest(upload):
            try:
                data = upload.read()
            except OSError, ValueError:
                return None
            return hashlib.sha256(data).hexdigest()
        """;

    private static SupportedPython Declared(string specifier, int lowestMinor) => new()
    {
        Specifier = specifier,
        DeclaredAt = new SourceSpan("pyproject.toml", 4),
        LowestMinor = lowestMinor,
    };

    private static List<Finding> Scan(TempTree tree, SupportedPython? python) =>
        [.. new CodeAuditor().Scan(tree.Root, cancellationToken: TestContext.Current.CancellationToken, supportedPython: python).Findings.Where(f => f.Rule.Id == "PY810")];

    [Fact]
    public void Package_code_with_3_14_syntax_under_an_older_declared_range_is_reported_where_the_construct_is()
    {
        using var tree = new TempTree().Write("warehouse/__init__.py", "").Write("warehouse/upload.py", UploadModule);
        var finding = Assert.Single(Scan(tree, Declared(">=3.9", 9)));

        Assert.Equal("warehouse/upload.py", finding.Location.Path);
        Assert.Equal((7, 12), (finding.Location.StartLine, finding.Location.StartColumn)); // the first exception type
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Contains("only supported in Python 3.14 and greater", finding.Message, StringComparison.Ordinal);
        Assert.Contains(">=3.9 admits 3.9–3.13", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_that_starts_at_the_needed_version_or_no_range_reports_nothing()
    {
        using var tree = new TempTree().Write("warehouse/__init__.py", "").Write("warehouse/upload.py", UploadModule);
        Assert.Empty(Scan(tree, Declared(">=3.14", 14)));
        Assert.Empty(Scan(tree, SupportedPython.Undeclared));
        Assert.Empty(Scan(tree, null));
    }

    [Fact]
    public void Tests_scripts_outside_packages_and_pep_723_scripts_are_not_judged()
    {
        using var tree = new TempTree()
            .Write("warehouse/__init__.py", "")
            .Write("warehouse/tests/__init__.py", "")
            .Write("warehouse/tests/test_upload.py", UploadModule)
            .Write("warehouse/test_digest.py", UploadModule)
            .Write("warehouse/conftest.py", UploadModule)
            .Write("bin/release.py", UploadModule)
            .Write("warehouse/tool.py", "# /// script\n# requires-python = \">=3.14\"\n# ///\n" + UploadModule);
        Assert.Empty(Scan(tree, Declared(">=3.9", 9)));
    }

    [Theory]
    [InlineData("value = f'{row['name']}'\n", 12, 1, 9)] // PEP 701: the enclosing quotes inside a field
    [InlineData("type Pair = tuple[int, int]\n", 12, 1, 1)]
    [InlineData("lazy import json\n", 15, 1, 1)]
    [InlineData("flat = [*row for row in rows]\n", 15, 1, 9)]
    [InlineData("def f(x):\n    match x:\n        case 1:\n            return t'{x}'\n", 14, 4, 20)] // the newest construct wins, not the first
    [InlineData("with (open(a) as f, open(b) as g):\n    pass\n", 9, 1, 6)]
    public void The_newest_construct_of_a_file_is_the_one_reported(string code, int minor, int line, int column)
    {
        using var tree = new TempTree().Write("pkg/__init__.py", "").Write("pkg/mod.py", code);
        var finding = Assert.Single(Scan(tree, Declared(">=3.8", 8)));
        Assert.Contains($"only supported in Python 3.{minor} and greater", finding.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Empty(Scan(tree, Declared($">=3.{minor}", minor)));
    }

    [Fact]
    public void A_hash_suppression_on_the_line_silences_it()
    {
        using var tree = new TempTree().Write("pkg/__init__.py", "").Write("pkg/mod.py", "lazy import json  # kingsnake: ignore[PY810]\n");
        Assert.Empty(Scan(tree, Declared(">=3.10", 10)));
    }
}
