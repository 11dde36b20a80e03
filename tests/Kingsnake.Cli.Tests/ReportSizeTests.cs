using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// A report grows with its findings and packages, not with how deep a package sits. A uv.lock chain (each package
/// depends on the next) ending in jinja2 2.7.1, which PYSEC-2014-8 and others affect, used to spell the whole chain in
/// every finding and every inventory entry: 5,000 packages wrote 210 MB of JSON, 10,000 wrote 2.4 GB.
/// </summary>
public sealed class ReportSizeTests
{
    private static readonly CliRunner Runner = new();

    [Fact]
    public void Json_report_of_a_5000_package_chain_grows_linearly_and_names_both_ends()
    {
        var (small, _) = Audit(100, "json");
        var (large, largeJson) = Audit(5000, "json");

        // per package, the large report is no bigger than the small one (an inventory entry each, of bounded size)
        Assert.True(large.Length / 5000.0 < 1.5 * small.Length / 100.0, $"{large.Length} bytes for 5000 packages, {small.Length} for 100");

        using var document = JsonDocument.Parse(largeJson);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var finding in findings)
        {
            // bounded by what the finding says of each advisory (one finding lists them all), never by the chain
            var properties = finding.GetProperty("properties");
            var advisories = properties.GetProperty("vulnerabilities").GetArrayLength();
            Assert.True(finding.GetRawText().Length < 1500 + (600 * advisories), finding.GetRawText()[..200]);
            Assert.Equal("jinja2", properties.GetProperty("package").GetString());
            var shown = properties.GetProperty("introduced-by").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Equal(["pkg-00000", "pkg-00001", "…", "pkg-04997", "pkg-04998", "jinja2"], shown);
            Assert.Equal(5000, properties.GetProperty("introduced-depth").GetInt32());
            Assert.Contains("via pkg-00000 → pkg-00001 → … → pkg-04997 → pkg-04998 → jinja2 (5000 packages deep)", finding.GetProperty("message").GetString());
        }

        var jinja = document.RootElement.GetProperty("inventory").EnumerateArray().Single(c => c.GetProperty("normalizedName").GetString() == "jinja2");
        Assert.Equal(6, jinja.GetProperty("introducedBy").GetArrayLength());
        Assert.Equal(5000, jinja.GetProperty("introducedDepth").GetInt32());
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("markdown")]
    [InlineData("terminal")]
    public void Other_formats_are_as_long_for_a_5000_package_chain_as_for_a_100_package_one(string format)
    {
        var (small, _) = Audit(100, format);
        var (large, text) = Audit(5000, format);

        // the same findings, their paths shortened alike: only the numbers in them grow
        Assert.True(large.Length < small.Length + 1000, $"{large.Length} bytes for 5000 packages, {small.Length} for 100");
        Assert.Contains("pkg-00000", text);
        Assert.Contains("jinja2", text);
    }

    /// <summary>The report's bytes and text for a chain of <paramref name="count"/> packages ending in jinja2 2.7.1.</summary>
    private static (byte[] Bytes, string Text) Audit(int count, string format)
    {
        using var project = new TempProject().With("uv.lock", ChainLock(count));
        var output = project.PathOf("report.out");
        var result = Runner.Run("audit", project.Root, "--only", "deps", "--db", TestPaths.AdvisoryDatabase, "--format", format, "--output", output);
        Assert.True(result.ExitCode == 1, result.ToString());
        var bytes = File.ReadAllBytes(output);
        return (bytes, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Bandit_json_of_a_one_line_file_grows_with_its_findings_not_with_findings_times_the_line()
    {
        // a minified module: 2,000 eval calls on one 80,000-character line, each quoted with its line
        var line = string.Join("; ", Enumerable.Range(0, 2000).Select(i => $"eval(v{i:D4})"));
        using var project = new TempProject().With("packed.py", line + "\n");
        var result = Runner.Run("audit", project.Root, "--only", "code", "--format", "bandit-json");
        Assert.True(result.ExitCode is 0 or 1, result.ToString());

        using var document = JsonDocument.Parse(result.Output);
        var results = document.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2000, results.Count(r => r.GetProperty("test_id").GetString() == "B307"));
        Assert.All(results, r => Assert.True(r.GetProperty("code").GetString()!.Length < 4200));
        Assert.StartsWith("1 eval(v0000); eval(v0001)", results[0].GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.True(result.Output.Length < 2000 * 5000, $"{result.Output.Length} bytes");
    }

    private static string ChainLock(int count)
    {
        string Name(int i) => i == count - 1 ? "jinja2" : $"pkg-{i:D5}";
        var text = new StringBuilder("version = 1\nrevision = 2\nrequires-python = \">=3.10\"\n\n");
        text.Append(CultureInfo.InvariantCulture, $"[[package]]\nname = \"chain-project\"\nversion = \"0.1.0\"\nsource = {{ editable = \".\" }}\ndependencies = [{{ name = \"{Name(0)}\" }}]\n");
        for (var i = 0; i < count; i++)
        {
            var version = i == count - 1 ? "2.7.1" : "1.0.0";
            text.Append(CultureInfo.InvariantCulture, $"\n[[package]]\nname = \"{Name(i)}\"\nversion = \"{version}\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n");
            if (i + 1 < count)
            {
                text.Append(CultureInfo.InvariantCulture, $"dependencies = [{{ name = \"{Name(i + 1)}\" }}]\n");
            }
        }

        return text.ToString();
    }
}
