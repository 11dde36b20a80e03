using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary>
/// <c>--format bandit-json</c> against what Bandit itself wrote: Data/bandit-json/bandit-1.6.2.json is the unedited
/// output of Debian's <c>bandit -r -f json .</c> (1.6.2) run inside Data/bandit-json/project.
/// </summary>
public sealed class BanditJsonFormatTests
{
    private static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "Data", "bandit-json");

    private static JsonDocument Run(params string[] extra)
    {
        using var project = new TempProject();
        CopyDirectory(Path.Combine(DataDirectory, "project"), project.Root);
        var result = new CliRunner().Run(["audit", project.Root, "--only", "code", "--format", "bandit-json", .. extra]);
        Assert.Equal(1, result.ExitCode);
        return JsonDocument.Parse(result.Output);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static string Identity(JsonElement result, string? testId = null) =>
        $"{result.GetProperty("filename").GetString()!.TrimStart('.', '/')}:{result.GetProperty("line_number").GetInt32()}:{testId ?? result.GetProperty("test_id").GetString()}";

    [Fact]
    public void Compat_bandit_gives_the_results_bandit_gives_up_to_its_version_differences()
    {
        using var bandit = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "bandit-1.6.2.json")));
        using var ours = Run("--compat", "bandit");

        // Bandit 1.6.2 predates three changes current Bandit (what --compat bandit follows) made: hashlib.md5 moved from
        // the B303 blacklist to B324, random.getrandbits joined B311, and B507 (paramiko AutoAddPolicy) was added.
        var expected = bandit.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => Identity(r, r.GetProperty("test_id").GetString() == "B303" ? "B324" : null))
            .Concat(["app/tools.py:10:B311", "app/tools.py:28:B507"])
            .Order(StringComparer.Ordinal);
        var actual = ours.RootElement.GetProperty("results").EnumerateArray().Select(r => Identity(r)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);

        // Where both versions grade the same test, the grades agree (B324 is graded high by current Bandit).
        var banditGrades = bandit.RootElement.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("test_id").GetString() != "B303")
            .ToDictionary(r => Identity(r), r => (r.GetProperty("issue_severity").GetString(), r.GetProperty("issue_confidence").GetString()));
        foreach (var result in ours.RootElement.GetProperty("results").EnumerateArray().Where(r => banditGrades.ContainsKey(Identity(r))))
        {
            Assert.Equal(banditGrades[Identity(result)], (result.GetProperty("issue_severity").GetString(), result.GetProperty("issue_confidence").GetString()));
        }
    }

    [Fact]
    public void Shape_has_every_key_bandit_writes_with_the_same_types()
    {
        using var bandit = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "bandit-1.6.2.json")));
        using var ours = Run("--compat", "bandit");
        AssertSameShape(bandit.RootElement, ours.RootElement, "$");
        var first = ours.RootElement.GetProperty("results")[0];
        Assert.Equal("B405", first.GetProperty("test_id").GetString());
        Assert.Equal("blacklist", first.GetProperty("test_name").GetString());
        Assert.Equal("https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b405-import-xml-etree", first.GetProperty("more_info").GetString());
        var cwe = first.GetProperty("issue_cwe");
        Assert.Equal(20, cwe.GetProperty("id").GetInt32());
        Assert.Equal("https://cwe.mitre.org/data/definitions/20.html", cwe.GetProperty("link").GetString());
    }

    /// <summary>Every key Bandit wrote exists in ours with the same JSON kind; arrays are compared by their first item.</summary>
    private static void AssertSameShape(JsonElement bandit, JsonElement ours, string path)
    {
        Assert.True(bandit.ValueKind == ours.ValueKind, $"{path}: Bandit has {bandit.ValueKind}, Kingsnake {ours.ValueKind}");
        if (bandit.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in bandit.EnumerateObject())
            {
                // Metrics are keyed by file name, which Bandit prefixes with the "./" it was given.
                var name = path == "$.metrics" && property.Name.StartsWith("./", StringComparison.Ordinal) ? property.Name[2..] : property.Name;
                if (path == "$.metrics" && name == "bad.py")
                {
                    continue;
                }

                Assert.True(ours.TryGetProperty(name, out var value), $"{path}: Kingsnake has no '{name}'");
                AssertSameShape(property.Value, value, $"{path}.{name}");
            }
        }
        else if (bandit.ValueKind == JsonValueKind.Array && bandit.GetArrayLength() > 0 && ours.GetArrayLength() > 0)
        {
            AssertSameShape(bandit[0], ours[0], $"{path}[0]");
        }
        else if (bandit.ValueKind == JsonValueKind.Number)
        {
            // Bandit writes severity and confidence counts as floats (4.0) and line counts as integers.
            Assert.Equal(bandit.GetRawText().Contains('.'), ours.GetRawText().Contains('.'));
        }
    }

    [Fact]
    public void Metrics_count_code_lines_and_nosec_as_bandit_does()
    {
        using var bandit = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "bandit-1.6.2.json")));
        using var ours = Run("--compat", "bandit");
        foreach (var file in new[] { "app/views.py", "app/tools.py" })
        {
            Assert.Equal(
                bandit.RootElement.GetProperty("metrics").GetProperty("./" + file).GetProperty("loc").GetInt32(),
                ours.RootElement.GetProperty("metrics").GetProperty(file).GetProperty("loc").GetInt32());
        }

        Assert.Equal(
            bandit.RootElement.GetProperty("metrics").GetProperty("_totals").GetProperty("loc").GetInt32(),
            ours.RootElement.GetProperty("metrics").GetProperty("_totals").GetProperty("loc").GetInt32());

        // The bare "# nosec" on views.py:18 silences two findings there (B602 with a constant command and B607); current
        // Bandit counts silenced findings, 1.6.2 counted silenced statements (1). Kingsnake mode reports neither (a
        // command fixed by the source runs only what it says; B607 is Bandit's alone), so its nosec silences nothing.
        Assert.Equal(2, ours.RootElement.GetProperty("metrics").GetProperty("app/views.py").GetProperty("nosec").GetInt32());
        using (var kingsnake = Run())
        {
            Assert.Equal(0, kingsnake.RootElement.GetProperty("metrics").GetProperty("app/views.py").GetProperty("nosec").GetInt32());
        }

        var totals = ours.RootElement.GetProperty("metrics").GetProperty("_totals");
        var results = ours.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(results.Count, (int)(totals.GetProperty("SEVERITY.HIGH").GetDouble() + totals.GetProperty("SEVERITY.MEDIUM").GetDouble() + totals.GetProperty("SEVERITY.LOW").GetDouble()));
        Assert.Equal(results.Count(r => r.GetProperty("issue_severity").GetString() == "HIGH"), (int)totals.GetProperty("SEVERITY.HIGH").GetDouble());
    }

    [Fact]
    public void Code_context_and_line_range_follow_bandit()
    {
        using var bandit = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "bandit-1.6.2.json")));
        using var ours = Run("--compat", "bandit");
        var theirs = bandit.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => Identity(r));
        var compared = 0;
        foreach (var result in ours.RootElement.GetProperty("results").EnumerateArray())
        {
            // Single-line findings: Bandit 1.6.2's multi-line ranges came from its own line-range guesses, which current Bandit replaced.
            if (theirs.TryGetValue(Identity(result), out var bandits) && bandits.GetProperty("line_range").GetArrayLength() == 1)
            {
                Assert.Equal(bandits.GetProperty("code").GetString(), result.GetProperty("code").GetString());
                Assert.Equal(bandits.GetProperty("line_range").GetRawText(), result.GetProperty("line_range").GetRawText());
                compared++;
            }
        }

        Assert.True(compared >= 12, $"only {compared} findings compared");
    }

    [Fact]
    public void Named_nosec_counts_as_skipped_test_and_other_areas_stay_out()
    {
        using var project = new TempProject()
            .With("run.py", "import subprocess\nsubprocess.call(cmd, shell=True)  # nosec B602\n")
            .With(".github/workflows/ci.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n");
        var result = new CliRunner().Run("audit", project.Root, "--format", "bandit-json", "--only", "code", "--only", "workflows");
        using var document = JsonDocument.Parse(result.Output);
        var metrics = document.RootElement.GetProperty("metrics").GetProperty("run.py");
        Assert.Equal(1, metrics.GetProperty("skipped_tests").GetInt32());
        Assert.Equal(0, metrics.GetProperty("nosec").GetInt32());
        Assert.All(document.RootElement.GetProperty("results").EnumerateArray(), r => Assert.EndsWith(".py", r.GetProperty("filename").GetString()));
    }
}
