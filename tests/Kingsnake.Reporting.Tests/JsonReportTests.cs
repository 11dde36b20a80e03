using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Json;

namespace Kingsnake.Reporting.Tests;

public sealed class JsonReportTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemas", "report-v1.json")));

    /// <summary>docs/schema/report-v1.json, loaded once for every test class (schemas register their $id globally).</summary>
    internal static JsonSchema PublishedSchema => Schema.Value;

    private static readonly EvaluationOptions Strict = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    private static string Render(Kingsnake.Core.Auditing.Report report) => new JsonReportRenderer().RenderToString(report);

    private static EvaluationResults Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(document.RootElement, Strict);
    }

    private static string Failures(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));

    [Fact]
    public void Full_report_is_valid_against_the_published_schema()
    {
        var results = Validate(Render(SampleReports.Full()));
        Assert.True(results.IsValid, Failures(results));
    }

    [Fact]
    public void Empty_report_is_valid_against_the_published_schema()
    {
        var json = Render(SampleReports.Empty());
        var results = Validate(json);
        Assert.True(results.IsValid, Failures(results));
        var root = JsonNode.Parse(json)!;
        Assert.Empty(root["findings"]!.AsArray());
        Assert.Equal(0, root["summary"]!["findings"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/findings/0/severity", "\"severe\"")]
    [InlineData("/findings/0/location/startLine", "0")]
    [InlineData("/findings/0/fingerprint", "\"not-a-hash\"")]
    [InlineData("/version", "2")]
    [InlineData("/summary/bySeverity/high", "-1")]
    [InlineData("/inventory/0/source", "\"conda\"")]
    [InlineData("/startedAt", "\"yesterday\"")]
    public void Schema_rejects_a_report_with_a_wrong_field(string pointer, string replacement)
    {
        // The schema must be strict enough to catch a renderer that drifts; prove it on one changed field at a time.
        var root = JsonNode.Parse(Render(SampleReports.Full()))!;
        var segments = pointer.Trim('/').Split('/');
        JsonNode parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = int.TryParse(segment, out var index) ? parent[index]! : parent[segment]!;
        }

        parent[segments[^1]] = JsonNode.Parse(replacement);
        Assert.False(Validate(root.ToJsonString()).IsValid);
    }

    [Fact]
    public void Schema_rejects_an_unknown_top_level_field()
    {
        var root = JsonNode.Parse(Render(SampleReports.Full()))!.AsObject();
        root["extra"] = 1;
        Assert.False(Validate(root.ToJsonString()).IsValid);
    }

    [Fact]
    public void Header_and_summary_carry_version_tool_root_and_counts()
    {
        var root = JsonNode.Parse(Render(SampleReports.Full()))!;
        Assert.Equal("https://kingsnake.dev/schema/report/1.json", root["schema"]!.GetValue<string>());
        Assert.Equal(1, root["version"]!.GetValue<int>());
        Assert.Equal("kingsnake", root["tool"]!["name"]!.GetValue<string>());
        Assert.Equal("0.1.0", root["tool"]!["version"]!.GetValue<string>());
        Assert.Equal("/home/ci/projects/démo", root["root"]!.GetValue<string>());
        Assert.Equal("2025-01-15T10:30:00.000Z", root["startedAt"]!.GetValue<string>());

        // The sample has: critical GHA001; high jinja2, PY602; medium requests, PKG004; low py; info PY105.
        var summary = root["summary"]!;
        Assert.Equal(7, summary["findings"]!.GetValue<int>());
        Assert.Equal(1, summary["bySeverity"]!["critical"]!.GetValue<int>());
        Assert.Equal(2, summary["bySeverity"]!["high"]!.GetValue<int>());
        Assert.Equal(2, summary["bySeverity"]!["medium"]!.GetValue<int>());
        Assert.Equal(1, summary["bySeverity"]!["low"]!.GetValue<int>());
        Assert.Equal(1, summary["bySeverity"]!["info"]!.GetValue<int>());
        Assert.Equal(1, summary["suppressed"]!.GetValue<int>());
        Assert.Equal(2, summary["errors"]!.GetValue<int>());
        Assert.Equal(1, summary["notes"]!.GetValue<int>());
        Assert.Equal(3, summary["components"]!.GetValue<int>());

        Assert.Equal(["age", "content-hash", "name"], root["database"]!.AsObject().Select(p => p.Key));
        Assert.Equal("sha256:5f1c0e7d", root["database"]!["content-hash"]!.GetValue<string>());
        Assert.Equal(["deps", "code"], root["timings"]!.AsArray().Select(t => t!["stage"]!.GetValue<string>()));
        Assert.Equal(12.5, root["timings"]![0]!["elapsedMs"]!.GetValue<double>());
        Assert.Equal("3 components", root["timings"]![0]!["detail"]!.GetValue<string>());
        Assert.Null(root["timings"]![1]!["detail"]);
    }

    [Fact]
    public void Findings_are_sorted_by_path_line_column_then_rule()
    {
        var root = JsonNode.Parse(Render(SampleReports.Full()))!;
        var order = root["findings"]!.AsArray()
            .Select(f => $"{f!["location"]!["path"]}:{f["location"]!["startLine"]?.GetValue<int>() ?? 0} {f["ruleId"]}")
            .ToList();
        Assert.Equal(
            [
                ".github/workflows/triage.yml:23 GHA001",
                "requirements.txt:4 DEP001",
                "requirements.txt:7 DEP001",
                "setup.py:0 PKG004",
                "src/app/tâches.py:3 PY105",
                "src/app/tâches.py:12 PY602",
                "uv.lock:120 DEP001",
            ],
            order);
    }

    [Fact]
    public void Dependency_finding_keeps_every_field_and_property_type()
    {
        var root = JsonNode.Parse(Render(SampleReports.Full()))!;
        var jinja = root["findings"]!.AsArray().Single(f => f!["properties"]!["package"]?.GetValue<string>() == "jinja2")!;
        Assert.Equal("DEP001", jinja["ruleId"]!.GetValue<string>());
        Assert.Equal("vulnerable-dependency", jinja["ruleName"]!.GetValue<string>());
        Assert.Equal("high", jinja["severity"]!.GetValue<string>());
        Assert.Equal("high", jinja["confidence"]!.GetValue<string>());
        Assert.Equal(SampleReports.JinjaFinding().Message, jinja["message"]!.GetValue<string>());
        Assert.Equal("https://github.com/kingsnake-security/kingsnake/blob/main/docs/rules.md#dep001", jinja["helpUri"]!.GetValue<string>());

        var location = jinja["location"]!;
        Assert.Equal("requirements.txt", location["path"]!.GetValue<string>());
        Assert.Equal(4, location["startLine"]!.GetValue<int>());
        Assert.Equal(1, location["startColumn"]!.GetValue<int>());
        Assert.Equal(4, location["endLine"]!.GetValue<int>());
        Assert.Equal(15, location["endColumn"]!.GetValue<int>());

        var properties = jinja["properties"]!.AsObject();
        // Keys in ordinal order, whatever the dictionary's insertion order.
        Assert.Equal(["advisories", "aliases", "cvss-score", "fixed-in", "introduced-by", "package", "summary", "unpinned", "version"], properties.Select(p => p.Key));
        Assert.Equal(JsonValueKind.Array, properties["aliases"]!.GetValueKind());
        Assert.Equal(["CVE-2020-28493", "GHSA-g3rq-g295-4j3m", "SNYK-PYTHON-JINJA2-1012994"], properties["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(JsonValueKind.False, properties["unpinned"]!.GetValueKind());
        Assert.Equal(5.3, properties["cvss-score"]!.GetValue<double>());
        Assert.Empty(properties["introduced-by"]!.AsArray());

        var fix = jinja["fix"]!;
        Assert.Equal("Pin jinja2==2.11.3", fix["description"]!.GetValue<string>());
        var edit = Assert.Single(fix["edits"]!.AsArray())!;
        Assert.Equal("jinja2==2.11.3", edit["newText"]!.GetValue<string>());
        Assert.Equal(15, edit["location"]!["endColumn"]!.GetValue<int>());

        Assert.Equal(SampleReports.JinjaFinding().Fingerprint, jinja["fingerprint"]!.GetValue<string>());
    }

    [Fact]
    public void Remedy_is_the_rules_fix_in_one_line_and_absent_when_the_help_names_none()
    {
        var root = JsonNode.Parse(Render(SampleReports.Full()))!;
        var findings = root["findings"]!.AsArray();
        var shell = findings.Single(f => f!["ruleId"]!.GetValue<string>() == "PY602")!;
        Assert.Equal("pass a list of arguments and `shell=False`.", shell["remedy"]!.GetValue<string>());
        var jinja = findings.First(f => f!["ruleId"]!.GetValue<string>() == "DEP001")!;
        Assert.StartsWith("upgrade to the first fixed release", jinja["remedy"]!.GetValue<string>(), StringComparison.Ordinal);
        var password = findings.Single(f => f!["ruleId"]!.GetValue<string>() == "PY105")!;
        Assert.Null(password["remedy"]);

        // Written after the fingerprint, before the help link.
        var keys = shell.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(keys.IndexOf("fingerprint") + 1, keys.IndexOf("remedy"));
        Assert.Equal(keys.IndexOf("remedy") + 1, keys.IndexOf("helpUri"));
    }

    [Fact]
    public void Whole_file_finding_has_a_path_only_and_no_fix_field()
    {
        var root = JsonNode.Parse(Render(SampleReports.Full()))!;
        var setup = root["findings"]!.AsArray().Single(f => f!["ruleId"]!.GetValue<string>() == "PKG004")!;
        Assert.Equal(["path"], setup["location"]!.AsObject().Select(p => p.Key));
        Assert.Null(setup["fix"]);
        Assert.Empty(setup["properties"]!.AsObject());
    }

    [Fact]
    public void Related_locations_errors_notes_and_inventory_are_written()
    {
        var root = JsonNode.Parse(Render(SampleReports.Full()))!;
        var shell = root["findings"]!.AsArray().Single(f => f!["ruleId"]!.GetValue<string>() == "PY602")!;
        var related = Assert.Single(shell["related"]!.AsArray())!;
        Assert.Equal(10, related["startLine"]!.GetValue<int>());

        // Errors sorted by path: the whole-file archive error first, then pyproject.toml:14:9.
        var errors = root["errors"]!.AsArray();
        Assert.Equal("dist/broken-1.0-py3-none-any.whl", errors[0]!["location"]!["path"]!.GetValue<string>());
        Assert.Null(errors[0]!["location"]!["startLine"]);
        Assert.Equal(14, errors[1]!["location"]!["startLine"]!.GetValue<int>());
        Assert.Equal(9, errors[1]!["location"]!["startColumn"]!.GetValue<int>());
        Assert.Contains("invalid TOML", errors[1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(root["notes"]!.AsArray());

        var inventory = root["inventory"]!.AsArray();
        Assert.Equal(["jinja2", "requests", "py"], inventory.Select(c => c!["normalizedName"]!.GetValue<string>()));
        Assert.Equal("2.11.2", inventory[0]!["version"]!.GetValue<string>());
        Assert.Null(inventory[1]!["version"]);
        Assert.Equal(">=2.20", inventory[1]!["specifier"]!.GetValue<string>());
        Assert.Equal("lockfile", inventory[2]!["source"]!.GetValue<string>());
        Assert.False(inventory[2]!["direct"]!.GetValue<bool>());
        Assert.Equal(["pytest", "py"], inventory[2]!["introducedBy"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Output_is_utf8_without_bom_and_keeps_non_ascii_text_readable()
    {
        var renderer = new JsonReportRenderer();
        using var stream = new MemoryStream();
        renderer.Render(SampleReports.Full(), stream);
        var bytes = stream.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("src/app/tâches.py", text, StringComparison.Ordinal);
        Assert.Contains("パスワード🔑", JsonNode.Parse(text)!["findings"]![4]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_findings_in_any_order_give_identical_bytes()
    {
        var findings = SampleReports.AllFindings();
        var forward = Render(SampleReports.Full(findings));
        var backward = Render(SampleReports.Full([.. findings.Reverse()]));
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Odd_fact_values_still_give_valid_json()
    {
        var finding = SampleReports.JinjaFinding() with
        {
            Data = Assert.IsType<DependencyFindingData>(SampleReports.JinjaFinding().Data) with
            {
                CvssScore = double.NaN,
                Summary = "line one\nline two\u0000",
            },
        };
        var json = Render(SampleReports.Full([finding]));
        var results = Validate(json);
        Assert.True(results.IsValid, Failures(results));
        var properties = JsonNode.Parse(json)!["findings"]![0]!["properties"]!.AsObject();
        // JSON has no NaN: the score is left out (SARIF's security-severity falls back to the severity's bucket)
        Assert.False(properties.ContainsKey("cvss-score"));
        Assert.Equal("line one\nline two\u0000", properties["summary"]!.GetValue<string>());
    }

    [Fact]
    public void Span_without_known_end_omits_the_end()
    {
        var finding = SampleReports.ShellFinding() with { Location = SourceSpan.Line("src/app/tâches.py", 12) };
        var location = JsonNode.Parse(Render(SampleReports.Full([finding])))!["findings"]![0]!["location"]!;
        Assert.Equal(["path", "startLine", "startColumn"], location.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Inconsistent_spans_from_a_buggy_auditor_still_give_a_valid_report()
    {
        // End before start, column 0 on a line, negative line: the report stays valid rather than failing the run.
        var findings = new[]
        {
            SampleReports.ShellFinding() with { Location = new SourceSpan("a.py", 5, 0, 3, 2) },
            SampleReports.ShellFinding() with { Location = new SourceSpan("b.py", -4, -1, -2, -3), Related = [new SourceSpan("b.py", 2, 9, 2, 1)] },
        };
        var json = Render(SampleReports.Full(findings));
        var results = Validate(json);
        Assert.True(results.IsValid, Failures(results));
        var first = JsonNode.Parse(json)!["findings"]![0]!["location"]!;
        Assert.Equal(1, first["startColumn"]!.GetValue<int>());
        Assert.Null(first["endLine"]);
    }
}
