using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

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
                Assert.Throws<TomlSyntaxException>(() => ConfigLoader.Load(root, null, ReadDisk));
            }
            else
            {
                Assert.Equal(KingsnakeConfig.Default.FailOn, ConfigLoader.Load(root, null, ReadDisk).FailOn);
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
            var config = ConfigLoader.Load(root, null, ReadDisk);
            Assert.Equal(Severity.Low, config.FailOn);
            Assert.Equal(new SourceSpan("pyproject.toml", 1, 9), Assert.Single(config.Notes).Location);

            File.WriteAllText(Path.Combine(root, "kingsnake.toml"), "fail-on = [\n");
            Assert.Throws<TomlSyntaxException>(() => ConfigLoader.Load(root, null, ReadDisk));
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

    [Theory]
    [InlineData("[tool.kingsnake]\nexclude = [\"vendor/\", \"src/[a\"]\n", 2)]
    [InlineData("[tool.kingsnake]\nexclude = [\n  \"vendor/\",\n  \"\",\n]\n", 4)]
    [InlineData("[tool.kingsnake.per-file-ignores]\n\"tests/*\" = [\"PY101\"]\n\"app[.py\" = [\"PY602\"]\n", 3)]
    public void Malformed_globs_are_errors_at_their_line(string text, int line)
    {
        var error = Assert.Throws<InputFormatException>(() => ConfigLoader.Parse("[project]\nname = 'x'\n" + text, fromPyProject: true, "pyproject.toml"));
        Assert.Equal(line + 2, error.Line);
        Assert.Contains("pattern", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("3")]
    [InlineData("3.12.x")]
    [InlineData(">=3.9")]
    public void Python_version_that_is_no_release_is_an_error(string version)
    {
        var error = Assert.Throws<InputFormatException>(() =>
            ConfigLoader.Parse($"fail-on = \"high\"\n[target]\npython-version = \"{version}\"\n", fromPyProject: false, "kingsnake.toml"));
        Assert.Equal(3, error.Line);
        Assert.Contains("python-version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_names_keep_their_lines_and_unknown_ones_are_errors_at_them()
    {
        const string text = """
            select = ["PY", "GHA003"]
            ignore = [
              "subprocess-shell",
              "NOPE999",
            ]

            [per-file-ignores]
            "tests/**" = ["B602"]

            [severity]
            B602 = "low"
            """;
        var config = ConfigLoader.Parse(text, fromPyProject: false, "kingsnake.toml")!;
        Assert.Equal(
            [("PY", 1), ("GHA003", 1), ("subprocess-shell", 3), ("NOPE999", 4), ("B602", 8), ("B602", 11)],
            config.RuleReferences.Select(r => (r.Name, r.Line)));

        Rule[] rules = [Rule("PY602", "subprocess-shell", "code", "B602"), Rule("GHA003", "excessive-permissions", "workflows", "excessive-permissions")];
        var error = Assert.Throws<InputFormatException>(() => config.CheckRuleNames(rules));
        Assert.Equal(4, error.Line);
        Assert.Contains("'NOPE999' in 'ignore' names no rule", error.Message, StringComparison.Ordinal);

        // A prefix or an area selects, but a severity must name one rule.
        var regrade = ConfigLoader.Parse("[severity]\nPY = \"low\"\n", fromPyProject: false, "kingsnake.toml")!;
        Assert.Equal(2, Assert.Throws<InputFormatException>(() => regrade.CheckRuleNames(rules)).Line);
        ConfigLoader.Parse("select = [\"code\", \"PY6\", \"gha\"]\n", fromPyProject: false, "kingsnake.toml")!.CheckRuleNames(rules);
    }

    private static Rule Rule(string id, string name, string area, string alias) => new()
    {
        Id = id,
        Name = name,
        Title = "t",
        Area = area,
        Help = "h",
        DefaultSeverity = Severity.Medium,
        DefaultConfidence = Confidence.High,
        Aliases = [alias],
    };

    /// <summary>The configuration files of these tests, read from disk (the command line reads them through the project).</summary>
    private static string? ReadDisk(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
