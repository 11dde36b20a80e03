using Kingsnake.Core.Findings;
using Kingsnake.Core.Suppression;
using Kingsnake.Core.Suppression.Ruff;

namespace Kingsnake.Core.Tests.Suppression.Ruff;

/// <summary>Finding and reading a project's ruff configuration: precedence, extend chains, validation.</summary>
public sealed class RuffConfigReaderTests
{
    private static (RuffSettings? Settings, List<InputError> Errors) Read(params (string Path, string Text)[] files)
    {
        var errors = new List<InputError>();
        var settings = RuffConfigReader.Read(SourceLines.FromText(files.ToDictionary(f => f.Path, f => f.Text)), errors);
        return (settings, errors);
    }

    [Fact]
    public void Dot_ruff_toml_wins_over_ruff_toml_which_wins_over_pyproject()
    {
        const string PyProject = "[tool.ruff.lint]\nselect = [\"S\"]\nignore = [\"S101\"]\n";
        Assert.Equal([".ruff.toml"], Read((".ruff.toml", "[lint]\nselect = [\"S\"]\n"), ("ruff.toml", "[lint]\nselect = [\"E\"]\n"), ("pyproject.toml", PyProject)).Settings!.Files);
        Assert.Equal(["ruff.toml"], Read(("ruff.toml", "[lint]\nselect = [\"E\"]\n"), ("pyproject.toml", PyProject)).Settings!.Files);
        var fromPyProject = Read(("pyproject.toml", PyProject)).Settings!;
        Assert.Equal((false, "S101"), (fromPyProject.Resolve("S101").Selected, fromPyProject.Resolve("S101").IgnoredBy?.Text));
        Assert.Equal((true, null), (fromPyProject.Resolve("S102").Selected, fromPyProject.Resolve("S102").IgnoredBy));
    }

    [Fact]
    public void A_pyproject_without_tool_ruff_is_no_configuration()
    {
        var (settings, errors) = Read(("pyproject.toml", "[project]\nname = \"x\"\n[tool.black]\nline-length = 100\n"));
        Assert.Null(settings);
        Assert.Empty(errors);
    }

    [Fact]
    public void Legacy_top_level_keys_count_and_lint_keys_win_over_them()
    {
        var settings = Read(("ruff.toml", "select = [\"S\"]\nignore = [\"S101\"]\n[lint]\nignore = [\"S102\"]\n")).Settings!;
        Assert.True(settings.Resolve("S101").Selected);
        Assert.False(settings.Resolve("S102").Selected);
    }

    [Fact]
    public void Extend_chain_is_followed_relative_to_each_file_and_the_nearest_per_file_ignores_win()
    {
        var (settings, errors) = Read(
            ("pyproject.toml", "[tool.ruff]\nextend = \"config/ruff.toml\"\n[tool.ruff.lint]\nextend-ignore = [\"S608\"]\n[tool.ruff.lint.per-file-ignores]\n\"tests/**\" = [\"S105\"]\n"),
            ("config/ruff.toml", "extend = \"../shared/base.toml\"\n[lint]\nselect = [\"ALL\"]\n[lint.per-file-ignores]\n\"tests/**\" = [\"S101\"]\n[lint.extend-per-file-ignores]\n\"scripts/*\" = [\"S603\"]\n"),
            ("shared/base.toml", "[lint]\nignore = [\"S311\"]\n"));
        Assert.Empty(errors);
        Assert.Equal(["pyproject.toml", "config/ruff.toml", "shared/base.toml"], settings!.Files);
        // the base's ignore is undone by the middle file's select = ["ALL"], as in ruff
        Assert.True(settings.Resolve("S311").Selected);
        Assert.Equal(new SourceSpan("pyproject.toml", 4, 18), settings.Resolve("S608").IgnoredBy!.At);
        Assert.Equal("tests/**", settings.PerFileIgnore("tests/test_a.py", "S105")!.Value.Entry.Pattern);
        Assert.Null(settings.PerFileIgnore("tests/test_a.py", "S101"));
        // extend-per-file-ignores add up, with globs relative to the file that holds them (config/)
        Assert.NotNull(settings.PerFileIgnore("config/scripts/run.py", "S603"));
        Assert.Null(settings.PerFileIgnore("scripts/run.py", "S603"));
    }

    [Theory]
    [InlineData("extend = \"../outside.toml\"", "leads outside the project")]
    [InlineData("extend = \"/etc/ruff.toml\"", "leads outside the project")]
    [InlineData("extend = \"~/ruff.toml\"", "leads outside the project")]
    [InlineData("extend = \"$HOME/ruff.toml\"", "leads outside the project")]
    [InlineData("extend = \"missing.toml\"", "not a readable file")]
    [InlineData("extend = \"ruff.toml\"", "cycle")]
    [InlineData("extend = 3", "must be a path")]
    public void Extend_that_leaves_the_project_loops_or_misses_is_an_error_at_the_referring_line(string extend, string message)
    {
        var (settings, errors) = Read(("ruff.toml", $"# shared settings\n{extend}\n"));
        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal(("ruff.toml", 2), (error.Location.Path, error.Location.StartLine));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_cycle_names_the_file_that_closes_it()
    {
        var (_, errors) = Read(("ruff.toml", "extend = \"a/one.toml\"\n"), ("a/one.toml", "\n\nextend = \"../ruff.toml\"\n"));
        var error = Assert.Single(errors);
        Assert.Equal(("a/one.toml", 3), (error.Location.Path, error.Location.StartLine));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[lint]\nselect = [\"S\", \"s101\"]\n", 2, "s101")]
    [InlineData("[lint]\nignore = \"S101\"\n", 2, "list")]
    [InlineData("[lint]\n\nextend-ignore = [101]\n", 3, "integer")]
    [InlineData("[lint.per-file-ignores]\n\"tests/[a.py\" = [\"S101\"]\n", 2, "unclosed character class")]
    [InlineData("[lint.per-file-ignores]\n\"tests/**\" = [\"S 101\"]\n", 2, "S 101")]
    [InlineData("[lint]\nper-file-ignores = [\"tests\"]\n", 2, "table")]
    [InlineData("lint = 1\n", 1, "table")]
    public void Malformed_values_are_errors_naming_the_file_and_line(string text, int line, string message)
    {
        var (settings, errors) = Read((".ruff.toml", text));
        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.Equal((".ruff.toml", line), (error.Location.Path, error.Location.StartLine));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_kingsnake_has_no_rule_for_are_fine()
    {
        var (settings, errors) = Read(("ruff.toml", "[lint]\nselect = [\"E\", \"F\", \"PLW1510\", \"RUF100\"]\nignore = [\"E501\"]\n"));
        Assert.Empty(errors);
        Assert.False(settings!.Resolve("S101").Selected);
    }

    [Fact]
    public void Invalid_toml_is_an_error_with_its_line()
    {
        var (settings, errors) = Read(("ruff.toml", "[lint]\nselect = [\"S\"\n"));
        Assert.Null(settings);
        Assert.Equal("ruff.toml", Assert.Single(errors).Location.Path);
    }
}
