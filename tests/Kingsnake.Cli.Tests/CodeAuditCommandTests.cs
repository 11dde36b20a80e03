using System.Text.Json;

namespace Kingsnake.Cli.Tests;

/// <summary><c>kingsnake audit --only code</c> end to end: the code auditor wired into the one report.</summary>
public sealed class CodeAuditCommandTests
{
    private const string App = """
        import subprocess as sp
        from os import system as run

        def handler(request):
            cmd = request.args["cmd"]
            sp.call(cmd, shell=True)
            run("ls " + cmd)
            sp.call(cmd, shell=True)  # nosec B602
            return eval(request.args["x"])
        """;

    private static List<JsonElement> Findings(CliResult result)
    {
        using var document = JsonDocument.Parse(result.Output);
        return [.. document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone())];
    }

    [Fact]
    public void Only_code_resolves_aliases_and_honours_nosec()
    {
        using var project = new TempProject().With("app/views.py", App);
        var result = new CliRunner().Run("audit", project.Root, "--only", "code", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var findings = Findings(result);
        var shell = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "PY602");
        Assert.Equal(6, shell.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Equal("high", shell.GetProperty("severity").GetString()); // the command is a variable, not a constant
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "PY605" && f.GetProperty("location").GetProperty("startLine").GetInt32() == 7);
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "PY307");
        Assert.DoesNotContain(findings, f => f.GetProperty("location").GetProperty("startLine").GetInt32() == 8 && f.GetProperty("ruleId").GetString() == "PY602");
    }

    [Fact]
    public void Syntax_error_is_reported_with_file_and_line_and_other_files_are_audited()
    {
        using var project = new TempProject().With("good.py", App).With("bad.py", "def broken(:\n    pass\n");
        var result = new CliRunner().Run("audit", project.Root, "--only", "code", "--format", "json");
        Assert.Equal(1, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var error = Assert.Single(document.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("bad.py", error.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(1, error.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.NotEmpty(document.RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public void Bandit_ids_work_in_kingsnake_ignore_configuration()
    {
        using var project = new TempProject().With("app.py", App).With("kingsnake.toml", "ignore = [\"B602\", \"S307\"]\n");
        var findings = Findings(new CliRunner().Run("audit", project.Root, "--only", "code", "--format", "json"));
        Assert.DoesNotContain(findings, f => f.GetProperty("ruleId").GetString() is "PY602" or "PY307");
        Assert.Contains(findings, f => f.GetProperty("ruleId").GetString() == "PY605");
    }

    [Fact]
    public void Unknown_compat_mode_is_a_usage_error()
    {
        var result = new CliRunner().Run("audit", ".", "--only", "code", "--compat", "pylint");
        Assert.Equal(2, result.ExitCode);
    }
}
