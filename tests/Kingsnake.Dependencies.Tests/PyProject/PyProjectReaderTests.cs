using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.PyProject;
using Kingsnake.Dependencies.Reading;

namespace Kingsnake.Dependencies.Tests.PyProject;

public sealed class PyProjectReaderTests
{
    private static DependencyInventory ReadText(string text)
    {
        var collector = new DependencyCollector("/project");
        PyProjectReader.ReadText(collector, text, "pyproject.toml");
        return collector.ToInventory();
    }

    [Fact]
    public void Pep621_dependencies_and_extras_with_lines()
    {
        var inventory = ReadText("""
            [project]
            name = "demo"
            dependencies = [
                "requests>=2.31",
                "click==8.1.7",
            ]

            [project.optional-dependencies]
            Docs = ["sphinx==7.2.6"]
            """);
        Assert.Empty(inventory.Errors);
        Assert.Equal(
            [("requests", "", 4, null), ("click", "", 5, "8.1.7"), ("sphinx", "docs", 9, "7.2.6")],
            inventory.Components.Select(c => (c.NormalizedName, c.Group, c.Location.StartLine, c.Version)));
        Assert.All(inventory.Components, c => Assert.Equal(ComponentSource.PyProject, c.Source));
        Assert.Equal(5, inventory.Components[0].Location.StartColumn);
    }

    [Fact]
    public void Dependency_groups_expand_includes_and_report_cycles_and_unknown_groups()
    {
        var inventory = ReadText("""
            [dependency-groups]
            test = ["pytest==8.0.0", "coverage"]
            lint = ["ruff"]
            all = [{include-group = "test"}, {include-group = "Lint"}, "mypy"]
            a = [{include-group = "b"}]
            b = [{include-group = "a"}, "x"]
            bad = [{include-group = "nope"}, 3]
            """);
        var all = inventory.Components.Where(c => c.Group == "all").Select(c => (c.NormalizedName, c.Location.StartLine));
        Assert.Equal([("pytest", 2), ("coverage", 2), ("ruff", 3), ("mypy", 4)], all);
        Assert.Equal(["x"], inventory.Components.Where(c => c.Group == "a").Select(c => c.NormalizedName));
        Assert.Contains(inventory.Errors, e => e.Message.Contains("cycle", StringComparison.Ordinal) && e.Location.StartLine == 5);
        Assert.Contains(inventory.Errors, e => e.Message.Contains("unknown group 'nope'", StringComparison.Ordinal) && e.Location.StartLine == 7);
        Assert.Contains(inventory.Errors, e => e.Message.Contains("requirement strings", StringComparison.Ordinal) && e.Location.StartLine == 7);
    }

    /// <summary>
    /// Forty levels of groups, each including both groups of the next level: 2^40 paths to the last level. Each
    /// group is expanded once per group that includes it (this used to walk every path: hours).
    /// </summary>
    [Fact(Timeout = 30_000)]
    public async Task A_diamond_of_group_includes_is_expanded_once_per_group()
    {
        const int Depth = 40;
        var text = new System.Text.StringBuilder("[dependency-groups]\n");
        for (var i = 0; i < Depth; i++)
        {
            text.Append($"a{i} = [{{include-group = \"a{i + 1}\"}}, {{include-group = \"b{i + 1}\"}}, \"pkg-a{i}\"]\n");
            text.Append($"b{i} = [{{include-group = \"a{i + 1}\"}}, {{include-group = \"b{i + 1}\"}}]\n");
        }

        text.Append($"a{Depth} = [\"leaf\"]\nb{Depth} = [\"leaf\"]\n");
        var inventory = await Task.Run(() => ReadText(text.ToString()), TestContext.Current.CancellationToken);

        Assert.Empty(inventory.Errors);
        var top = inventory.Components.Where(c => c.Group == "a0").Select(c => c.NormalizedName).ToList();
        // includes first, depth first, as written: the two last groups' leaves, then pkg-a39 back up to pkg-a0
        Assert.Equal(["leaf", "leaf", .. Enumerable.Range(0, Depth).Reverse().Select(i => $"pkg-a{i}")], top);
    }

    [Fact]
    public void Poetry_tables_groups_and_constraint_conversion()
    {
        var inventory = ReadText("""
            [tool.poetry]
            name = "demo"

            [tool.poetry.dependencies]
            python = "^3.9"
            requests = "^2.31"
            pinned = "1.4.2"
            uvicorn = { version = "~0.27", extras = ["standard"], markers = "sys_platform != 'win32'" }
            tomli = { version = ">=2", python = "<3.11" }
            mylib = { git = "https://github.com/org/mylib.git", tag = "v1.0" }
            local = { path = "../local", develop = true }
            multi = [
                { version = "<2", python = "<3.10" },
                { version = ">=2", python = ">=3.10" },
            ]

            [tool.poetry.dev-dependencies]
            pytest = "*"

            [tool.poetry.group.Docs.dependencies]
            sphinx = "==7.2.6"
            """);
        Assert.Empty(inventory.Errors);
        var c = inventory.Components;
        Assert.DoesNotContain(c, x => x.NormalizedName == "python");
        Assert.Equal((">=2.31,<3.0", null, 6), (c[0].Specifier, c[0].Version, c[0].Location.StartLine));
        Assert.Equal(("==1.4.2", "1.4.2"), (c[1].Specifier, c[1].Version));
        Assert.Equal((">=0.27,<0.28", "sys_platform != 'win32'"), (c[2].Specifier, c[2].Marker));
        Assert.Equal(["standard"], c[2].Extras);
        Assert.Equal("python_version < \"3.11\"", c[3].Marker);
        Assert.Equal(("git+https://github.com/org/mylib.git@v1.0", ""), (c[4].Url, c[4].Specifier));
        Assert.Equal(("../local", true), (c[5].Url, c[5].Editable));
        Assert.Equal([13, 14], c.Where(x => x.Name == "multi").Select(x => x.Location.StartLine));
        Assert.Equal(("dev", ""), (c.Single(x => x.Name == "pytest").Group, c.Single(x => x.Name == "pytest").Specifier));
        Assert.Equal(("docs", "7.2.6"), (c.Single(x => x.Name == "sphinx").Group, c.Single(x => x.Name == "sphinx").Version));
    }

    [Fact]
    public void Poetry2_tool_table_only_enriches_project_dependencies()
    {
        var inventory = ReadText("""
            [project]
            dependencies = ["requests>=2"]
            [tool.poetry.dependencies]
            requests = { source = "internal" }
            extra-only = "^1.0"
            """);
        Assert.Equal(["requests", "extra-only"], inventory.Components.Select(c => c.NormalizedName));
    }

    [Fact]
    public void Poetry_or_constraints_are_kept_with_a_note()
    {
        var inventory = ReadText("[tool.poetry.dependencies]\nfoo = \"^1.0 || ^2.0\"\n");
        Assert.Equal("^1.0 || ^2.0", Assert.Single(inventory.Components).Specifier);
        Assert.Equal(2, Assert.Single(inventory.Notes).Location.StartLine);
    }

    [Fact]
    public void Wrong_shapes_are_errors_with_lines_and_the_rest_is_kept()
    {
        var inventory = ReadText("""
            [project]
            dependencies = "requests"
            optional-dependencies = { x = ["ok==1", 5, "not a valid requirement!"] }
            """);
        Assert.Equal(["ok"], inventory.Components.Select(c => c.Name));
        Assert.Equal([2, 3, 3], inventory.Errors.Select(e => e.Location.StartLine));
    }

    [Fact]
    public void Malformed_toml_is_one_error_with_the_line()
    {
        using var dir = new Support.TempDirectory();
        var path = dir.Write("pyproject.toml", "[project]\ndependencies = [\n  \"a\",\n  oops\n]\n");
        var inventory = PyProjectReader.Read(path);
        var error = Assert.Single(inventory.Errors);
        Assert.Equal(("pyproject.toml", 4), (error.Location.Path, error.Location.StartLine));
    }

    [Fact]
    public void Legacy_uv_and_pdm_dev_lists()
    {
        var inventory = ReadText("""
            [tool.uv]
            dev-dependencies = ["pytest>=8"]
            [tool.pdm.dev-dependencies]
            lint = ["ruff==0.3.0", "-e file:///${PROJECT_ROOT}/sub#egg=sub"]
            """);
        Assert.Equal([("pytest", "dev"), ("ruff", "lint")], inventory.Components.Select(c => (c.NormalizedName, c.Group)));
        Assert.Single(inventory.Notes);
    }
}
