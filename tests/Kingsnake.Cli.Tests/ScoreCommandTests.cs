using System.Text.Json;
using Json.Schema;
using Kingsnake.Reporting.Tests;

namespace Kingsnake.Cli.Tests;

public sealed class ScoreCommandTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemas", "score-v1.json")));

    private const string TokenRelease = """
        name: release
        on:
          release:
            types: [published]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: |
                  pip install build twine
                  python -m build
                  twine upload dist/*
                env:
                  TWINE_USERNAME: __token__
                  TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}
        """;

    private static TempProject Package() => new TempProject()
        .With("pyproject.toml", "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[project]\nname = \"demo\"\nversion = \"1.0\"\nrequires-python = \">=3.9\"\ndependencies = [\"jinja2==2.11.2\"]\n")
        .With(".github/workflows/release.yml", TokenRelease)
        .With("src/demo/__init__.py", "");

    [Fact]
    public void Json_report_validates_against_the_published_schema_and_is_stable()
    {
        using var project = Package();
        var runner = new CliRunner().With("KINGSNAKE_DB", TestPaths.AdvisoryDatabase);
        var first = runner.Run("score", project.Root, "--format", "json", "--now", "2026-11-30T12:00:00Z");
        Assert.Equal(0, first.ExitCode);
        using var document = JsonDocument.Parse(first.Output);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))));

        var root = document.RootElement;
        Assert.Equal("now-option", root.GetProperty("timeReference").GetProperty("source").GetString());
        Assert.Equal("2026-11-30T12:00:00.000Z", root.GetProperty("timeReference").GetProperty("time").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.Equal(0, checks["Trusted-Publishing"].GetProperty("score").GetInt32());
        Assert.Equal(10, checks["Build-Backend"].GetProperty("score").GetInt32());
        Assert.Equal("not-applicable", checks["Dependency-Cooldown"].GetProperty("status").GetString());
        Assert.All(checks.Values.Where(c => c.GetProperty("status").GetString() == "scored" && c.GetProperty("score").GetInt32() < 10),
            c => Assert.False(string.IsNullOrEmpty(c.GetProperty("nextStep").GetString())));

        // the same tree and time reference give the same bytes
        Assert.Equal(first.Output, runner.Run("score", project.Root, "--format", "json", "--now", "2026-11-30T12:00:00Z").Output);
    }

    [Fact]
    public void Fail_under_sets_the_exit_code_from_the_aggregate()
    {
        using var project = Package();
        var runner = new CliRunner();
        var json = JsonDocument.Parse(runner.Run("score", project.Root, "--format", "json", "--now", "2026-11-30").Output);
        var aggregate = json.RootElement.GetProperty("score").GetDouble();
        Assert.InRange(aggregate, 0.1, 9.9);
        Assert.Equal(1, runner.Run("score", project.Root, "--now", "2026-11-30", "--fail-under", (aggregate + 0.1).ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
        Assert.Equal(0, runner.Run("score", project.Root, "--now", "2026-11-30", "--fail-under", aggregate.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
        Assert.Equal(2, runner.Run("score", project.Root, "--fail-under", "11").ExitCode);
    }

    [Fact]
    public void Every_format_renders_and_sarif_is_valid()
    {
        using var project = Package();
        var runner = new CliRunner();
        var sarif = runner.Run("score", project.Root, "--format", "sarif", "--now", "2026-11-30");
        Assert.Equal(0, sarif.ExitCode);
        var validation = OfficialSarifSchema.Validate(sarif.Output);
        Assert.True(validation.IsValid, OfficialSarifSchema.Failures(validation));
        using var log = JsonDocument.Parse(sarif.Output);
        var ruleIds = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.Contains("Trusted-Publishing", ruleIds);
        Assert.DoesNotContain("Build-Backend", ruleIds); // 10/10 is not a result

        var markdown = runner.Run("score", project.Root, "--format", "markdown", "--now", "2026-11-30").Output;
        Assert.StartsWith("## Kingsnake score: ", markdown, StringComparison.Ordinal);
        Assert.Contains("| 0 | Trusted-Publishing | high |", markdown, StringComparison.Ordinal);
        var html = runner.Run("score", project.Root, "--format", "html", "--now", "2026-11-30").Output;
        Assert.Contains("<title>Kingsnake score: ", html, StringComparison.Ordinal);
        var terminal = runner.Run("score", project.Root, "--now", "2026-11-30").Output;
        Assert.Contains("Trusted-Publishing", terminal, StringComparison.Ordinal);
        Assert.Contains("next:", terminal, StringComparison.Ordinal);
        Assert.Contains(".github/workflows/release.yml:10: ", terminal, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_text_cannot_break_out_of_html_or_markdown()
    {
        using var project = new TempProject()
            .With("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \"<script>alert(1)</script>\"\n");
        var runner = new CliRunner();
        var html = runner.Run("score", project.Root, "--format", "html", "--now", "2026-11-30").Output;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        var markdown = runner.Run("score", project.Root, "--format", "markdown", "--now", "2026-11-30").Output;
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_checks_and_missing_directories_are_usage_errors()
    {
        using var project = Package();
        var runner = new CliRunner();
        var unknown = runner.Run("score", project.Root, "--checks", "Nope");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Trusted-Publishing", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, runner.Run("score", Path.Combine(project.Root, "missing")).ExitCode);
        var only = runner.Run("score", project.Root, "--checks", "build-backend,Static-Metadata", "--format", "json", "--now", "2026-11-30");
        Assert.Equal(["Build-Backend", "Static-Metadata"], JsonDocument.Parse(only.Output).RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }
}
