using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Github;

namespace Kingsnake.Reporting.Tests;

public sealed class GithubAnnotationsRendererTests
{
    private static List<string> Lines(Kingsnake.Core.Auditing.Report report) =>
        [.. new GithubAnnotationsRenderer().RenderToString(report).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    [Theory]
    [InlineData("100% sure", "100%25 sure")]
    [InlineData("one\ntwo\r\nthree", "one%0Atwo%0D%0Athree")]
    [InlineData("a: b, c", "a: b, c")]
    [InlineData("%0A is not a newline", "%250A is not a newline")]
    [InlineData("plain", "plain")]
    public void Messages_escape_percent_and_line_ends(string text, string expected)
    {
        Assert.Equal(expected, GithubAnnotationsRenderer.EscapeData(text));
        Assert.Equal(text, WorkflowCommands.UnescapeData(expected));
    }

    [Theory]
    [InlineData("src/a,b.py", "src/a%2Cb.py")]
    [InlineData("C:/x:y.py", "C%3A/x%3Ay.py")]
    [InlineData("PY602 subprocess-shell-true", "PY602 subprocess-shell-true")]
    [InlineData("50%:\n,", "50%25%3A%0A%2C")]
    public void Properties_also_escape_colons_and_commas(string text, string expected)
    {
        Assert.Equal(expected, GithubAnnotationsRenderer.EscapeProperty(text));
        Assert.Equal(text, WorkflowCommands.UnescapeProperty(expected));
    }

    [Theory]
    [InlineData(Severity.Critical, "error")]
    [InlineData(Severity.High, "error")]
    [InlineData(Severity.Medium, "warning")]
    [InlineData(Severity.Low, "warning")]
    [InlineData(Severity.Info, "notice")]
    public void Each_severity_has_its_annotation_level(Severity severity, string level)
    {
        var finding = SampleReports.ShellFinding() with { Severity = severity };
        var command = WorkflowCommands.Parse(Lines(SampleReports.Full([finding]) with { Errors = [], Notes = [] })[0])!;
        Assert.Equal(level, command.Name);
    }

    [Fact]
    public void A_finding_is_one_command_with_its_span_title_and_message()
    {
        var lines = Lines(SampleReports.Full());
        var commands = lines.Select(WorkflowCommands.Parse).ToList();
        // seven findings, most severe first, two input errors, one note, then one plain line
        Assert.Equal(["error", "error", "error", "warning", "warning", "warning", "notice", "warning", "warning", "notice"], commands.Take(10).Select(c => c!.Name));
        Assert.Null(commands[^1]);
        Assert.Equal("Kingsnake: 7 findings (1 critical, 2 high, 2 medium, 1 low, 1 info).", lines[^1]);

        var parsed = commands.OfType<WorkflowCommands.Command>().ToList();
        var shell = parsed.Single(c => c.Properties["title"] == "PY602 subprocess-shell-true")!;
        Assert.Equal(
            new Dictionary<string, string> { ["file"] = "src/app/tâches.py", ["line"] = "12", ["col"] = "5", ["endColumn"] = "48", ["title"] = "PY602 subprocess-shell-true" },
            shell.Properties);
        Assert.Equal(SampleReports.ShellFinding().Message + "\n" + SampleReports.ShellTrue.HelpUri, shell.Message);

        // a whole-file finding names the file only
        var setup = parsed.Single(c => c.Properties["title"] == "PKG004 install-time-network")!;
        Assert.Equal(["file", "title"], setup.Properties.Keys);
        Assert.Equal("setup.py", setup.Properties["file"]);

        var error = parsed.Single(c => c.Properties.GetValueOrDefault("file") == "pyproject.toml")!;
        Assert.Equal(("warning", "14", "invalid TOML: expected '=' after the key"), (error.Name, error.Properties["line"], error.Message));
    }

    [Fact]
    public void Multi_line_spans_give_an_end_line()
    {
        var finding = SampleReports.ShellFinding() with { Location = new SourceSpan("app.py", 3, 9, 6, 2) };
        var command = WorkflowCommands.Parse(Lines(SampleReports.Full([finding]))[0])!;
        Assert.Equal(("3", "6", "9", "2"), (command.Properties["line"], command.Properties["endLine"], command.Properties["col"], command.Properties["endColumn"]));
    }

    [Fact]
    public void Hostile_text_cannot_start_a_command_of_its_own()
    {
        var finding = SampleReports.ShellFinding() with
        {
            Message = "x\n::error file=evil.py::forged\r\n::add-mask::secret %0A",
            Location = new SourceSpan("we,ird:name.py", 1, 1),
        };
        var lines = Lines(SampleReports.Full([finding]) with { Errors = [], Notes = [] });
        Assert.Equal(2, lines.Count);
        var command = WorkflowCommands.Parse(lines[0])!;
        Assert.Equal("we,ird:name.py", command.Properties["file"]);
        Assert.StartsWith("x\n::error file=evil.py::forged\r\n::add-mask::secret %0A\n", command.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_outside_the_project_are_named_in_the_message_not_as_a_file()
    {
        var finding = SampleReports.PyFinding() with { Location = new SourceSpan("/usr/lib/python3/dist-packages/py-1.11.0.dist-info/METADATA", 3, 1) };
        var command = WorkflowCommands.Parse(Lines(SampleReports.Full([finding]))[0])!;
        Assert.Equal(["title"], command.Properties.Keys);
        Assert.StartsWith("/usr/lib/python3/dist-packages/py-1.11.0.dist-info/METADATA:3:1: py 1.11.0 is affected", command.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_annotations_than_github_shows_are_pointed_to_the_full_reports()
    {
        var findings = Enumerable.Range(1, 11).Select(i => SampleReports.ShellFinding() with { Location = new SourceSpan("app.py", i, 1), FingerprintSource = $"call {i}" }).ToList();
        var last = Lines(SampleReports.Full(findings))[^1];
        Assert.Equal("Kingsnake: 11 findings (11 high); GitHub shows 10 annotations of each level per step: upload --format sarif to code scanning, or read --format terminal, for all.", last);
    }

    [Fact]
    public void An_empty_report_is_one_plain_line()
    {
        Assert.Equal(["Kingsnake: no findings."], Lines(SampleReports.Empty()));
    }
}
