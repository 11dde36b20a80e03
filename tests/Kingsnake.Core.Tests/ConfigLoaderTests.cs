using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Tests;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Reads_tool_kingsnake_table_from_pyproject()
    {
        const string text = """
            [project]
            name = "demo"

            [tool.kingsnake]
            fail-on = "high"
            ignore = ["DEP002"]
            exclude = ["vendor/"]

            [tool.kingsnake.severity]
            DEP001 = "critical"

            [[tool.kingsnake.ignore-vulnerabilities]]
            id = "PYSEC-2023-1"
            reason = "not reachable"
            until = 2027-01-31

            [tool.kingsnake.target]
            python-version = "3.11"
            sys-platform = "linux"
            """;

        var config = ConfigLoader.Parse(text, fromPyProject: true, "pyproject.toml")!;

        Assert.Equal(Severity.High, config.FailOn);
        Assert.Equal(["DEP002"], config.Ignore);
        Assert.Equal(["vendor/"], config.Exclude);
        Assert.Equal(Severity.Critical, config.SeverityOverrides["dep001"]);
        var ignore = Assert.Single(config.IgnoreVulnerabilities);
        Assert.Equal("PYSEC-2023-1", ignore.Id);
        Assert.Equal(new DateOnly(2027, 1, 31), ignore.Until);
        Assert.True(ignore.IsActive(new DateTimeOffset(2027, 1, 31, 23, 0, 0, TimeSpan.Zero)));
        Assert.False(ignore.IsActive(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("3.11", config.Target.PythonVersion);
    }

    [Fact]
    public void Pyproject_without_kingsnake_table_gives_null()
    {
        Assert.Null(ConfigLoader.Parse("[project]\nname = 'x'\n", fromPyProject: true, "pyproject.toml"));
    }

    [Fact]
    public void Malformed_toml_reports_the_line()
    {
        var error = Assert.Throws<TomlSyntaxException>(() =>
            ConfigLoader.Parse("fail-on = \"high\"\n\nselect = [\"a\",\n = broken\n", fromPyProject: false, "kingsnake.toml"));
        Assert.Equal(4, error.Line);
        Assert.Contains("invalid TOML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_key_is_an_error_with_its_line()
    {
        var error = Assert.Throws<InputFormatException>(() => ConfigLoader.Parse("fail-on = 'high'\nfail_on = 'high'\n", fromPyProject: false, "kingsnake.toml"));
        Assert.Contains("fail_on", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Duplicate_key_is_an_error_not_a_silent_override()
    {
        var error = Assert.Throws<TomlSyntaxException>(() => ConfigLoader.Parse("[tool.kingsnake]\nfail-on = 'high'\nfail-on = 'low'\n", fromPyProject: true, "pyproject.toml"));
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Wrong_value_type_names_the_line()
    {
        var error = Assert.Throws<InputFormatException>(() => ConfigLoader.Parse("[tool.kingsnake]\n\nignore = 3\n", fromPyProject: true, "pyproject.toml"));
        Assert.Equal(3, error.Line);
        Assert.Contains("list of strings", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A pyproject.toml that does not parse loses its settings with it when it has some: then it is an unreadable
    /// configuration (the run stops), otherwise one broken input among others (the run goes on with the defaults).
    /// </summary>
    [Theory]
    [InlineData("[tool.kingsnake]\nfail-on = 'high'\n[project\n", true)]
    [InlineData("[project]\ndependencies = [oops]\n\n[ tool . \"kingsnake\" . severity ]\nDEP001 = 'low'\n", true)]
    [InlineData("[tool]\nkingsnake = { fail-on = 'high' }\nx = [\n", true)]
    [InlineData("tool.kingsnake.fail-on = 'high'\nx = [\n", true)]
    [InlineData("[project]\nname = 'kingsnake'\ndependencies = [\n  \"kingsnake==1.0\",\n  oops\n]\n", false)]
    [InlineData("[tool.ruff]\nline-length = 100\n[project\n", false)]
    public void Unparsable_pyproject_stops_the_run_only_when_it_holds_settings(string text, bool holdsSettings)
    {
        var root = Directory.CreateTempSubdirectory("kingsnake-config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "pyproject.toml"), text);
            if (holdsSettings)
            {
                Assert.Throws<TomlSyntaxException>(() => ConfigLoader.Load(root));
            }
            else
            {
                Assert.Equal(KingsnakeConfig.Default.FailOn, ConfigLoader.Load(root).FailOn);
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Until_accepts_a_toml_date_or_a_string()
    {
        var config = ConfigLoader.Parse("ignore-vulnerabilities = [{ id = 'A', until = 2027-01-31 }, { id = 'B', until = '2027-02-01' }, 'C']\n", fromPyProject: false, "kingsnake.toml")!;
        Assert.Equal([new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 1), null], config.IgnoreVulnerabilities.Select(i => i.Until));
        Assert.Throws<InputFormatException>(() => ConfigLoader.Parse("ignore-vulnerabilities = [{ id = 'A', until = 'soon' }]\n", fromPyProject: false, "kingsnake.toml"));
    }

    [Fact]
    public void Malformed_pyproject_does_not_stop_discovery_but_a_bad_kingsnake_toml_does()
    {
        var root = Directory.CreateTempSubdirectory("kingsnake-config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "pyproject.toml"), "[project\nname = 'x'\n");
            var config = ConfigLoader.Load(root);
            Assert.Equal(Severity.Low, config.FailOn);
            Assert.Equal(new SourceSpan("pyproject.toml", 1, 9), Assert.Single(config.Notes).Location);

            File.WriteAllText(Path.Combine(root, "kingsnake.toml"), "fail-on = [\n");
            Assert.Throws<TomlSyntaxException>(() => ConfigLoader.Load(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Bad_severity_is_an_error()
    {
        Assert.Throws<InputFormatException>(() => ConfigLoader.Parse("fail-on = 'severe'\n", fromPyProject: false, "kingsnake.toml"));
    }

    [Fact]
    public void Workflow_settings_are_read_and_checked()
    {
        var config = ConfigLoader.Parse("""
            [tool.kingsnake.workflows]
            persona = "pedantic"
            unpinned-policy = "ref-pin"
            deny-uses = ["evil-org/*"]
            dependabot-cooldown-days = 3
            """, fromPyProject: true, "pyproject.toml")!;
        Assert.Equal("pedantic", config.Workflows.Persona);
        Assert.Equal("ref-pin", config.Workflows.UnpinnedPolicy);
        Assert.Equal(["evil-org/*"], config.Workflows.DenyUses);
        Assert.Equal(3, config.Workflows.DependabotCooldownDays);

        var error = Assert.Throws<InputFormatException>(() => ConfigLoader.Parse("[tool.kingsnake.workflows]\npersona = \"strict\"\n", fromPyProject: true, "pyproject.toml"));
        Assert.Equal(2, error.Line);
    }
}
