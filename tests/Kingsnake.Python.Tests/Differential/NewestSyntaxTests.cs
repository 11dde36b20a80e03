using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;

namespace Kingsnake.Python.Tests.Differential;

/// <summary>
/// What the parser notes as a file's newest syntax (the basis of the code audit's PY810) against the interpreters
/// themselves, on real code: CPython 3.15's standard library, whose modules already use 3.14 and 3.15 syntax. A file
/// whose newest construct needs a version newer than 3.N must be exactly a file CPython 3.N cannot parse — no false
/// alarm (a file 3.N reads) and no miss (a file 3.N rejects that we call old).
/// </summary>
public sealed class NewestSyntaxTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Corpus")]
    [InlineData("3.13.0")]
    [InlineData("3.14")]
    [InlineData("3.12.1")]
    public void Files_newer_than_a_version_are_exactly_those_that_version_rejects(string oracle)
    {
        var files = SampleFiles.PythonNextStdlib("3.15");
        var target = CPythonOracle.Target(oracle);
        var verdicts = CPythonOracle.Run(oracle, files);
        var rejected = files.Where(f => verdicts.TryGetValue(f, out var v) && !v.Ok).ToHashSet();
        var newer = files.Where(f => PythonParser.Parse(File.ReadAllBytes(f), PythonVersions.Newest).NewestSyntax is { } newest && newest.Version > target).ToHashSet();

        output.WriteLine($"CPython {oracle} rejects {rejected.Count} of {files.Count} files of the 3.15 standard library; Kingsnake notes syntax newer than {target} in {newer.Count}");
        foreach (var file in newer.Order(StringComparer.Ordinal))
        {
            var newest = PythonParser.Parse(File.ReadAllBytes(file)).NewestSyntax!;
            output.WriteLine($"  {Path.GetFileName(file)}:{newest.Line}: {newest.Feature} {newest.Version}");
        }

        Assert.True(files.Count >= 598, $"only {files.Count} files");
        Assert.True(rejected.Count >= 20, $"CPython {oracle} rejects only {rejected.Count} files: is the oracle right?");
        Assert.Equal(rejected.Order(StringComparer.Ordinal), newer.Order(StringComparer.Ordinal));
    }
}
