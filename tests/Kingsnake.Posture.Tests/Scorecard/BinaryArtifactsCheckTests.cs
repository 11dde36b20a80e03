using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class BinaryArtifactsCheckTests
{
    private static readonly BinaryArtifactsCheck Check = new();

    private static string SitePackages => Directory.GetDirectories("/root/.pyenv/versions", "3.11*").Select(v => Path.Combine(v, "lib/python3.11/site-packages")).First(Directory.Exists);

    private static byte[] RealSharedObject() => File.ReadAllBytes(Directory.EnumerateFiles(SitePackages, "*.so", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First());

    private static byte[] RealPyc() => File.ReadAllBytes(Directory.EnumerateFiles(SitePackages, "*.pyc", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First());

    // pip's own wheel, bundled with ensurepip
    private static byte[] RealWheel() => File.ReadAllBytes(Directory.GetDirectories("/root/.pyenv/versions")
        .Select(v => Directory.GetDirectories(Path.Combine(v, "lib"), "python3.*").FirstOrDefault() is { } lib ? Path.Combine(lib, "ensurepip", "_bundled") : "")
        .Where(Directory.Exists)
        .SelectMany(d => Directory.EnumerateFiles(d, "pip-*.whl"))
        .Order(StringComparer.Ordinal)
        .First());

    [Fact]
    public void Counts_real_binaries_in_sources_tests_and_vendored_directories()
    {
        using var tree = new TempTree();
        tree.Write("src/sample/__init__.py", "__version__ = '1.0'\n");
        tree.WriteBytes("src/sample/_speedups.cpython-311-x86_64-linux-gnu.so", RealSharedObject()); // ELF by magic
        tree.WriteBytes("tests/fixtures/old.cpython-311.pyc", RealPyc()); // .pyc with binary content
        tree.WriteBytes("vendor/sample-1.0-py3-none-any.whl", RealWheel());
        tree.WriteBytes("tools/win/helper.txt", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0]); // a PE header whatever the name
        var result = tree.Run(Check);

        Assert.Equal(6, result.Score); // 10 − 4
        Assert.Equal(
            ["src/sample/_speedups.cpython-311-x86_64-linux-gnu.so", "tests/fixtures/old.cpython-311.pyc", "tools/win/helper.txt", "vendor/sample-1.0-py3-none-any.whl"],
            result.Evidence.Select(e => e.Path));
        Assert.All(result.Evidence, e => Assert.True(e.Negative));
        Assert.Equal("ELF binary", result.Evidence[0].Description);
        Assert.StartsWith("4 binary artifact(s): 10 − 4", result.Reason, StringComparison.Ordinal);
        Assert.StartsWith("remove src/sample/_speedups.cpython-311-x86_64-linux-gnu.so", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_with_a_binary_extension_and_binary_data_with_another_extension_are_not_counted()
    {
        using var tree = new TempTree();
        tree.Write("docs/linking.so", "This is a linker script\nGROUP ( /lib/libc.so.6 )\n");
        tree.Write("src/app.exe", "#!/bin/sh\necho not really an exe — ünïcödé is printable\n");
        tree.WriteBytes("tests/data/random.bin", [0x00, 0x01, 0xFF, 0xFE, 0x10, 0x20]);
        tree.WriteBytes("empty.dll", []);
        var result = tree.Run(Check);
        Assert.Equal(10, result.Score);
        Assert.Empty(result.Evidence);
        Assert.Null(result.NextStep);
    }

    [Fact]
    public void Score_floors_at_0()
    {
        using var tree = new TempTree();
        var so = RealSharedObject();
        for (var i = 0; i < 12; i++)
        {
            tree.WriteBytes($"vendor/lib{i:D2}.so", so);
        }

        var result = tree.Run(Check);
        Assert.Equal(0, result.Score);
        Assert.Equal(12, result.Evidence.Count);
        Assert.Contains("floored at 0", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_validated_gradle_wrapper_needs_the_run_history_and_an_unvalidated_one_counts()
    {
        using var tree = new TempTree();
        tree.WriteBytes("android/gradle/wrapper/gradle-wrapper.jar", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x08, 0x08]); // a zip: binary .jar
        Assert.Equal(9, tree.Run(Check).Score);

        tree.Write(".github/workflows/gradle.yml", "on: push\njobs:\n  validate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: gradle/actions/wrapper-validation@v4\n");
        var result = tree.Run(Check);
        Assert.Equal(CheckStatus.NotComputed, result.Status);
        Assert.Contains(".github/workflows/gradle.yml", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.class", new byte[] { 0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 0x41 }, true)]
    [InlineData("x.wasm", new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0 }, true)]
    [InlineData("lib.a", new byte[] { 0x21, 0x3C, 0x61, 0x72, 0x63, 0x68, 0x3E, 0x0A, 0x00 }, true)] // "!<arch>\n" + a NUL
    [InlineData("notes.pyc", new byte[] { 0x61, 0x62, 0x0A }, false)] // text
    [InlineData("bom.o", new byte[] { 0xEF, 0xBB, 0xBF, 0x61 }, true)] // U+FEFF is a format character: not printable in Go
    public void Classify_follows_the_sniff_then_extension_rule(string name, byte[] head, bool binary) =>
        Assert.Equal(binary, BinaryArtifactsCheck.Classify(name, head) is not null);
}
