using System.Text.Json.Nodes;
using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Sarif;

namespace Kingsnake.Reporting.Tests;

public sealed class SarifRendererTests
{
    private static JsonNode Render(Kingsnake.Core.Auditing.Report report) =>
        JsonNode.Parse(new SarifRenderer().RenderToString(report))!;

    private static JsonNode Run(JsonNode log) => log["runs"]![0]!;

    private static JsonNode Result(JsonNode log, string ruleId) =>
        Run(log)["results"]!.AsArray().First(r => r!["ruleId"]!.GetValue<string>() == ruleId)!;

    [Fact]
    public void Full_report_meets_the_structural_requirements_of_github_code_scanning()
    {
        var problems = SarifStructure.Check(Render(SampleReports.Full()));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Empty_report_meets_the_structural_requirements()
    {
        var log = Render(SampleReports.Empty());
        Assert.Empty(SarifStructure.Check(log));
        Assert.Empty(Run(log)["results"]!.AsArray());
        // "." is not an absolute root: no originalUriBaseIds entry is invented for it.
        Assert.Null(Run(log)["originalUriBaseIds"]);
    }

    [Theory]
    [InlineData("ruleIndex", "0", "is rule DEP001")]
    [InlineData("ruleIndex", "99", "out of range")]
    [InlineData("level", "\"fatal\"", "not a SARIF level")]
    [InlineData("ruleId", "\"NOPE1\"", "names no rule")]
    public void Checker_catches_a_broken_result(string field, string replacement, string expectedProblem)
    {
        // The checker is what vouches for the output: show it fails on the faults GitHub rejects.
        var log = Render(SampleReports.Full());
        var result = Result(log, "PY602").AsObject();
        result[field] = JsonNode.Parse(replacement);
        Assert.Contains(SarifStructure.Check(log), p => p.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("startLine", "0", "startLine must be")]
    [InlineData("endColumn", "2", "endColumn must be")]
    public void Checker_catches_a_broken_region(string field, string replacement, string expectedProblem)
    {
        var log = Render(SampleReports.Full());
        var region = Result(log, "PY602")["locations"]![0]!["physicalLocation"]!["region"]!.AsObject();
        region[field] = JsonNode.Parse(replacement);
        Assert.Contains(SarifStructure.Check(log), p => p.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/etc/passwd", "is absolute but has a uriBaseId")]
    [InlineData("../outside.py", "not a clean relative URI")]
    [InlineData("src/app/tâches.py", "percent-encoded")]
    public void Checker_catches_a_bad_uri(string uri, string expectedProblem)
    {
        var log = Render(SampleReports.Full());
        Result(log, "PY602")["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"] = uri;
        Assert.Contains(SarifStructure.Check(log), p => p.Contains(expectedProblem, StringComparison.Ordinal));
    }

    [Fact]
    public void Header_and_driver_describe_kingsnake()
    {
        var log = Render(SampleReports.Full());
        Assert.Equal("2.1.0", log["version"]!.GetValue<string>());
        Assert.EndsWith("sarif-schema-2.1.0.json", log["$schema"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(log["runs"]!.AsArray());
        var driver = Run(log)["tool"]!["driver"]!;
        Assert.Equal("Kingsnake", driver["name"]!.GetValue<string>());
        Assert.Equal("0.1.0", driver["version"]!.GetValue<string>());
        Assert.StartsWith("https://", driver["informationUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("file:///home/ci/projects/d%C3%A9mo/", Run(log)["originalUriBaseIds"]!["%SRCROOT%"]!["uri"]!.GetValue<string>());
        Assert.Equal("utf16CodeUnits", Run(log)["columnKind"]!.GetValue<string>());
    }

    [Fact]
    public void Every_rule_the_run_used_is_described_sorted_by_id()
    {
        var rules = Run(Render(SampleReports.Full()))["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.Equal(["DEP001", "GHA001", "PKG004", "POS001", "PY105", "PY602"], rules.Select(r => r!["id"]!.GetValue<string>()));

        var dep = rules[0]!;
        Assert.Equal("vulnerable-dependency", dep["name"]!.GetValue<string>());
        Assert.Equal("Dependency with a known vulnerability", dep["shortDescription"]!["text"]!.GetValue<string>());
        Assert.Equal("The installed or pinned version of this package is affected by a published advisory.", dep["fullDescription"]!["text"]!.GetValue<string>());
        Assert.Equal(SampleReports.VulnerableDependency.Help, dep["help"]!["markdown"]!.GetValue<string>());
        Assert.Equal(SampleReports.VulnerableDependency.HelpUri, dep["helpUri"]!.GetValue<string>());
        Assert.Equal("error", dep["defaultConfiguration"]!["level"]!.GetValue<string>());
        var tags = dep["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Contains("security", tags);
        Assert.Contains("external/cwe/cwe-1395", tags);
        Assert.Equal("8.0", dep["properties"]!["security-severity"]!.GetValue<string>());

        // GitHub's buckets: medium 5.5 (PKG004 defaults to medium); an info rule (POS001) has no security severity at all.
        Assert.False(rules[3]!["properties"]!.AsObject().ContainsKey("security-severity"));
        Assert.Equal("note", rules[3]!["defaultConfiguration"]!["level"]!.GetValue<string>());
        Assert.Equal("5.5", rules[2]!["properties"]!["security-severity"]!.GetValue<string>());
        Assert.Equal("warning", rules[2]!["defaultConfiguration"]!["level"]!.GetValue<string>());
        Assert.Equal("note", rules[4]!["defaultConfiguration"]!["level"]!.GetValue<string>());
    }

    [Fact]
    public void A_rule_only_a_finding_names_is_added_so_its_index_resolves()
    {
        var report = SampleReports.Full() with { Rules = [] };
        var log = Render(report);
        Assert.Empty(SarifStructure.Check(log));
        Assert.Equal(5, Run(log)["tool"]!["driver"]!["rules"]!.AsArray().Count);
    }

    [Fact]
    public void Result_levels_follow_the_finding_severity_not_the_rule_default()
    {
        var log = Render(SampleReports.Full());
        Assert.Equal("error", Result(log, "GHA001")["level"]!.GetValue<string>());
        Assert.Equal("9.5", Result(log, "GHA001")["properties"]!["security-severity"]!.GetValue<string>());
        var results = Run(log)["results"]!.AsArray();
        var requests = results.Single(r => r!["properties"]!["package"]?.GetValue<string>() == "requests")!;
        Assert.Equal("warning", requests["level"]!.GetValue<string>());
        var py = results.Single(r => r!["properties"]!["package"]?.GetValue<string>() == "py")!;
        Assert.Equal("note", py["level"]!.GetValue<string>());
        Assert.Equal("note", Result(log, "PY105")["level"]!.GetValue<string>());
    }

    [Fact]
    public void Cvss_score_of_a_finding_becomes_its_security_severity()
    {
        // PYSEC-2021-66 scores 5.3: a medium finding shows that score (GitHub reads 4.0 to 6.9 as medium)
        var medium = SampleReports.JinjaFinding() with { Severity = Severity.Medium };
        var results = Run(Render(SampleReports.Full([medium])))["results"]!.AsArray();
        var jinja = results.Single(r => r!["properties"]!["package"]?.GetValue<string>() == "jinja2")!;
        Assert.Equal("5.3", jinja["properties"]!["security-severity"]!.GetValue<string>());
        Assert.Equal(5.3, jinja["properties"]!["cvss-score"]!.GetValue<double>());
    }

    [Fact]
    public void Locations_are_relative_percent_encoded_uris_with_1_based_regions()
    {
        var shell = Result(Render(SampleReports.Full()), "PY602");
        var physical = shell["locations"]![0]!["physicalLocation"]!;
        Assert.Equal("src/app/t%C3%A2ches.py", physical["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Equal("%SRCROOT%", physical["artifactLocation"]!["uriBaseId"]!.GetValue<string>());
        Assert.Equal(12, physical["region"]!["startLine"]!.GetValue<int>());
        Assert.Equal(5, physical["region"]!["startColumn"]!.GetValue<int>());
        Assert.Equal(12, physical["region"]!["endLine"]!.GetValue<int>());
        Assert.Equal(48, physical["region"]!["endColumn"]!.GetValue<int>());

        var related = Assert.Single(shell["relatedLocations"]!.AsArray())!;
        Assert.Equal(1, related["id"]!.GetValue<int>());
        Assert.Equal(10, related["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>());
    }

    [Fact]
    public void Whole_file_finding_has_no_region()
    {
        var setup = Result(Render(SampleReports.Full()), "PKG004");
        var physical = setup["locations"]![0]!["physicalLocation"]!.AsObject();
        Assert.Equal("setup.py", physical["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.False(physical.ContainsKey("region"));
    }

    [Fact]
    public void Fix_becomes_an_artifact_change_with_a_replacement()
    {
        var results = Run(Render(SampleReports.Full()))["results"]!.AsArray();
        var jinja = results.Single(r => r!["properties"]!["package"]?.GetValue<string>() == "jinja2")!;
        var fix = Assert.Single(jinja["fixes"]!.AsArray())!;
        Assert.Equal("Pin jinja2==2.11.3", fix["description"]!["text"]!.GetValue<string>());
        var change = Assert.Single(fix["artifactChanges"]!.AsArray())!;
        Assert.Equal("requirements.txt", change["artifactLocation"]!["uri"]!.GetValue<string>());
        var replacement = Assert.Single(change["replacements"]!.AsArray())!;
        Assert.Equal(4, replacement["deletedRegion"]!["startLine"]!.GetValue<int>());
        Assert.Equal(15, replacement["deletedRegion"]!["endColumn"]!.GetValue<int>());
        Assert.Equal("jinja2==2.11.3", replacement["insertedContent"]!["text"]!.GetValue<string>());

        var requests = results.Single(r => r!["properties"]!["package"]?.GetValue<string>() == "requests")!;
        Assert.Null(requests["fixes"]);
    }

    [Fact]
    public void Partial_fingerprints_come_from_the_finding_fingerprint_and_count_repeats()
    {
        // Two identical lines of the same file give the same fingerprint (it ignores line numbers); GitHub tells
        // them apart by the occurrence number after the colon.
        var first = SampleReports.ShellFinding();
        var second = first with { Location = new SourceSpan("src/app/tâches.py", 30, 5, 30, 48), Related = [] };
        var log = Render(SampleReports.Full([second, first]));
        Assert.Empty(SarifStructure.Check(log));
        var hashes = Run(log)["results"]!.AsArray()
            .Select(r => r!["partialFingerprints"]!["primaryLocationLineHash"]!.GetValue<string>()).ToList();
        var prefix = first.Fingerprint[..16];
        Assert.Equal([$"{prefix}:1", $"{prefix}:2"], hashes);
        Assert.Equal(12, Run(log)["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>());
        Assert.Equal(first.Fingerprint, Run(log)["results"]![0]!["fingerprints"]!["kingsnake/v1"]!.GetValue<string>());
    }

    [Fact]
    public void Input_errors_and_notes_become_tool_execution_notifications()
    {
        // Two files could not be read: error notifications (the results may be incomplete), but the run went on and
        // audited the rest, so the execution itself succeeded (as CodeQL reports extraction errors).
        var invocation = Run(Render(SampleReports.Full()))["invocations"]![0]!;
        Assert.True(invocation["executionSuccessful"]!.GetValue<bool>());
        var notifications = invocation["toolExecutionNotifications"]!.AsArray();
        Assert.Equal(["error", "error", "note"], notifications.Select(n => n!["level"]!.GetValue<string>()));
        Assert.Equal(["input-error", "input-error", "input-note"], notifications.Select(n => n!["descriptor"]!["id"]!.GetValue<string>()));
        Assert.Equal("pyproject.toml:14:9: invalid TOML: expected '=' after the key", notifications[1]!["message"]!["text"]!.GetValue<string>());
        var region = notifications[1]!["locations"]![0]!["physicalLocation"]!["region"]!;
        Assert.Equal(14, region["startLine"]!.GetValue<int>());
        Assert.Null(notifications[0]!["locations"]![0]!["physicalLocation"]!["region"]);
    }

    [Fact]
    public void A_run_without_input_errors_is_a_successful_execution_whatever_it_found()
    {
        var withNotesOnly = SampleReports.Full() with { Errors = [] };
        var invocation = Run(Render(withNotesOnly))["invocations"]![0]!;
        Assert.True(invocation["executionSuccessful"]!.GetValue<bool>());
        Assert.NotEmpty(Run(Render(withNotesOnly))["results"]!.AsArray());
        Assert.Equal(["note"], invocation["toolExecutionNotifications"]!.AsArray().Select(n => n!["level"]!.GetValue<string>()));
    }

    [Fact]
    public void Span_with_unknown_end_gives_a_region_to_the_end_of_the_line()
    {
        var finding = SampleReports.ShellFinding() with { Location = SourceSpan.Line("src/app/tâches.py", 12), Related = [] };
        var region = Run(Render(SampleReports.Full([finding])))["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!.AsObject();
        Assert.Equal(["startLine", "startColumn"], region.Select(p => p.Key));
    }

    [Fact]
    public void An_area_that_could_not_run_makes_the_execution_unsuccessful()
    {
        var report = SampleReports.Full() with
        {
            Errors = [.. SampleReports.Full().Errors, new InputError(SourceSpan.WholeFile("."), "internal error in the code audit: InvalidOperationException: boom")],
        };
        var log = Render(report);
        Assert.Empty(SarifStructure.Check(log));
        var invocation = Run(log)["invocations"]![0]!;
        Assert.False(invocation["executionSuccessful"]!.GetValue<bool>());
        var runError = invocation["toolExecutionNotifications"]!.AsArray().Single(n => n!["descriptor"]!["id"]!.GetValue<string>() == "run-error")!;
        Assert.Equal("error", runError["level"]!.GetValue<string>());
        Assert.EndsWith("internal error in the code audit: InvalidOperationException: boom", runError["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_files_are_relative_to_a_base_of_their_own()
    {
        var findings = new[]
        {
            SampleReports.PyFinding() with { Location = new SourceSpan("/usr/lib/python3/dist-packages/py-1.11.0.dist-info/METADATA", 3, 1) },
            SampleReports.JinjaFinding() with { Location = new SourceSpan("/opt/venv/lib/python3.12/site-packages/Jinja2-2.11.2.dist-info/METADATA", 3, 1), Fix = null },
            // inside the project root, though written absolute: under %SRCROOT%
            SampleReports.ShellFinding() with { Location = new SourceSpan("/home/ci/projects/démo/.venv/lib/app.py", 2, 1), Related = [] },
        };
        var report = SampleReports.Full(findings) with
        {
            Errors = [new InputError(new SourceSpan("/opt/venv/lib/python3.12/site-packages/broken-1.0.dist-info/METADATA", 2, 1), "not an email header block")],
            Notes = [],
        };
        var log = Render(report);
        Assert.Empty(SarifStructure.Check(log));

        var bases = Run(log)["originalUriBaseIds"]!.AsObject();
        Assert.Equal(["%SRCROOT%", "ENV1", "ENV2"], bases.Select(b => b.Key));
        // numbered in path order, so the same inputs always get the same ids
        Assert.Equal("file:///opt/venv/lib/python3.12/site-packages/", bases["ENV1"]!["uri"]!.GetValue<string>());
        Assert.Equal("file:///usr/lib/python3/dist-packages/", bases["ENV2"]!["uri"]!.GetValue<string>());

        var artifacts = Run(log)["results"]!.AsArray().Select(r => r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!)
            .Select(a => (a["uriBaseId"]!.GetValue<string>(), a["uri"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [("%SRCROOT%", ".venv/lib/app.py"), ("ENV1", "Jinja2-2.11.2.dist-info/METADATA"), ("ENV2", "py-1.11.0.dist-info/METADATA")],
            artifacts);

        var error = Run(log)["invocations"]![0]!["toolExecutionNotifications"]![0]!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        Assert.Equal("ENV1", error["uriBaseId"]!.GetValue<string>());
        Assert.Equal("broken-1.0.dist-info/METADATA", error["uri"]!.GetValue<string>());
    }

    [Fact]
    public void Other_files_outside_the_project_are_relative_to_their_directory()
    {
        var finding = SampleReports.JinjaFinding() with { Location = new SourceSpan("/srv/shared reqs/requirements.txt", 4, 1, 4, 15) };
        var log = Render(SampleReports.Full([finding]) with { Errors = [], Notes = [] });
        Assert.Empty(SarifStructure.Check(log));
        Assert.Equal("file:///srv/shared%20reqs/", Run(log)["originalUriBaseIds"]!["INPUT1"]!["uri"]!.GetValue<string>());
        var result = Run(log)["results"]![0]!;
        var location = result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!;
        Assert.Equal(("INPUT1", "requirements.txt"), (location["uriBaseId"]!.GetValue<string>(), location["uri"]!.GetValue<string>()));
        // the fix's edit names the project's requirements.txt: that one stays under %SRCROOT%
        var change = result["fixes"]![0]!["artifactChanges"]![0]!["artifactLocation"]!;
        Assert.Equal("%SRCROOT%", change["uriBaseId"]!.GetValue<string>());
    }

    [Fact]
    public void Informational_findings_are_notes_without_a_security_severity()
    {
        var result = Result(Render(SampleReports.Full()), "PY105");
        Assert.Equal("info", result["properties"]!["severity"]!.GetValue<string>());
        Assert.Equal("note", result["level"]!.GetValue<string>());
        Assert.False(result["properties"]!.AsObject().ContainsKey("security-severity"));
    }

    [Theory]
    [InlineData(Severity.Critical, "error", 9.0, 10.0)]
    [InlineData(Severity.High, "error", 7.0, 8.9)]
    [InlineData(Severity.Medium, "warning", 4.0, 6.9)]
    [InlineData(Severity.Low, "note", 0.1, 3.9)]
    public void Each_severity_has_a_level_and_a_score_github_reads_back_as_that_severity(Severity severity, string level, double low, double high)
    {
        var finding = SampleReports.ShellFinding() with { Severity = severity };
        var result = Run(Render(SampleReports.Full([finding])))["results"]![0]!;
        Assert.Equal(level, result["level"]!.GetValue<string>());
        var score = double.Parse(result["properties"]!["security-severity"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(score, low, high);
    }

    [Fact]
    public void A_cvss_score_that_disagrees_with_the_grade_gives_way_to_the_grade()
    {
        // jinja2's advisory scores 5.3 (medium); re-graded high by configuration, the finding must read as high.
        var regraded = SampleReports.JinjaFinding() with { Severity = Severity.High };
        var result = Run(Render(SampleReports.Full([regraded])))["results"]![0]!;
        Assert.Equal("8.0", result["properties"]!["security-severity"]!.GetValue<string>());
        var info = SampleReports.JinjaFinding() with { Severity = Severity.Info };
        Assert.Null(Run(Render(SampleReports.Full([info])))["results"]![0]!["properties"]!["security-severity"]);
    }

    [Fact]
    public void A_rule_keeps_at_most_ten_tags_security_first()
    {
        var manyCwes = SampleReports.ShellTrue with { Cwe = [.. Enumerable.Range(1, 15)] };
        var finding = SampleReports.ShellFinding() with { Rule = manyCwes };
        var log = Render(SampleReports.Full([finding]) with { Rules = [manyCwes] });
        var tags = Run(log)["tool"]!["driver"]!["rules"]![0]!["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        Assert.Equal(10, tags.Count);
        Assert.Equal(["security", "code", "external/cwe/cwe-1"], tags.Take(3));
    }

    [Theory]
    [InlineData("a b/c#d.py", "a%20b/c%23d.py")]
    [InlineData("pkg/__init__.py", "pkg/__init__.py")]
    [InlineData("données/été.py", "donn%C3%A9es/%C3%A9t%C3%A9.py")]
    public void Relative_uris_escape_each_segment(string path, string expected)
    {
        Assert.Equal(expected, SarifRenderer.RelativeUri(path));
        // And the escaping is undone by any URI reader.
        Assert.Equal(path, Uri.UnescapeDataString(expected));
    }

    [Fact]
    public void Inconsistent_spans_from_a_buggy_auditor_still_give_valid_regions()
    {
        var findings = new[]
        {
            SampleReports.ShellFinding() with { Location = new SourceSpan("a.py", 5, 0, 3, 2) },
            SampleReports.ShellFinding() with { Location = new SourceSpan("b.py", -4, -1, -2, -3), Related = [new SourceSpan("b.py", 2, 9, 2, 1)] },
        };
        var log = Render(SampleReports.Full(findings));
        Assert.Empty(SarifStructure.Check(log));
    }
}
