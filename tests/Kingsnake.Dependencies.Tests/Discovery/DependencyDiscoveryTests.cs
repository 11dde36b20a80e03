using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Discovery;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Tests.Support;
using Kingsnake.Project;

namespace Kingsnake.Dependencies.Tests.Discovery;

public sealed class DependencyDiscoveryTests
{
    private static List<string> Found(string root, DiscoveryOptions? options = null, ProjectOptions? project = null) =>
        DependencyDiscovery.Discover(ProjectTree.Open(root, project), options).Inputs.Select(i => Path.GetRelativePath(root, i.Path).Replace('\\', '/') + " " + i.Kind).ToList();

    private static TempDirectory Project()
    {
        var dir = new TempDirectory();
        dir.Write("pyproject.toml", "[project]\nname = \"p\"\ndependencies = [\"requests==2.31.0\"]\n");
        dir.Write("requirements.txt", "-r requirements/base.txt\nflask==3.0.0\n");
        dir.Write("requirements/base.txt", "requests==2.31.0\n");
        dir.Write("requirements/dev.in", "pytest\n");
        dir.Write("uv.lock", "version = 1\n[[package]]\nname = \"requests\"\nversion = \"2.31.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n");
        dir.Write("pylock.ci.toml", "lock-version = \"1.0\"\n[[packages]]\nname = \"idna\"\nversion = \"3.7\"\n");
        dir.Write("scripts/tool.py", "# /// script\n# dependencies = [\"rich\"]\n# ///\nprint()\n");
        dir.Write("scripts/plain.py", "print('# /// script')\n");
        dir.Write("docs/notes.txt", "not requirements\n");
        dir.Write(".git/requirements.txt", "x\n");
        dir.Write("node_modules/pkg/requirements.txt", "x\n");
        dir.Write(".tox/py311/requirements.txt", "x\n");
        dir.Write("build/lib/requirements.txt", "x\n");
        dir.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        dir.Write(".venv/lib/python3.11/site-packages/six-1.16.0.dist-info/METADATA", "Name: six\nVersion: 1.16.0\n");
        dir.Write("generated/requirements.txt", "x\n");
        dir.Write(".gitignore", "generated/\n");
        dir.Write("vendor/.gitignore", "*.lock\n");
        dir.Write("vendor/poetry.lock", "");
        dir.Write("vendor/pyproject.toml", "[project]\nname = \"v\"\n");
        return dir;
    }

    [Fact]
    public void Finds_manifests_lockfiles_and_scripts_and_skips_tool_dirs_ignored_paths_and_the_venv()
    {
        using var dir = Project();
        var result = DependencyDiscovery.Discover(ProjectTree.Open(dir.Path));
        var found = result.Inputs.Select(i => Path.GetRelativePath(dir.Path, i.Path).Replace('\\', '/') + " " + i.Kind).ToList();
        Assert.Equal(
            [
                "pylock.ci.toml PyLock", "pyproject.toml PyProject", "requirements.txt Requirements", "requirements/base.txt Requirements",
                "requirements/dev.in Requirements", "scripts/tool.py Script", "uv.lock UvLock", "vendor/pyproject.toml PyProject",
            ],
            found);
        Assert.Contains(result.Notes, n => n.Location.Path == ".venv" && n.Message.Contains("not audited", StringComparison.Ordinal));
    }

    [Fact]
    public void Config_excludes_apply_and_environments_are_read_when_nothing_else_exists()
    {
        using var dir = Project();
        Assert.DoesNotContain("scripts/tool.py Script", Found(dir.Path, project: new ProjectOptions { Exclude = ["scripts/"] }));
        Assert.Contains(".venv Environment", Found(dir.Path, new DiscoveryOptions { IncludeEnvironments = true }));

        using var bare = new TempDirectory();
        bare.Write("venv/pyvenv.cfg", "");
        bare.Write("venv/lib/python3.12/site-packages/six-1.16.0.dist-info/METADATA", "Name: six\nVersion: 1.16.0\n");
        Assert.Equal(["venv Environment"], Found(bare.Path));
    }

    [Fact]
    public void Files_the_walk_lists_only_because_default_excludes_are_off_are_not_dependency_inputs()
    {
        using var dir = Project();
        var everything = new ProjectOptions { SkipDefaultExcludedDirectories = false };
        Assert.Contains(ProjectTree.Open(dir.Path, everything).Files, f => f.RelativePath == "build/lib/requirements.txt");
        Assert.Equal(Found(dir.Path), Found(dir.Path, project: everything));
    }

    [Theory]
    [InlineData("requirements-dev.txt", null, DependencyFileKind.Requirements)]
    [InlineData("requirements.in", null, DependencyFileKind.Requirements)]
    [InlineData("base.txt", "requirements", DependencyFileKind.Requirements)]
    [InlineData("notes.txt", "docs", null)]
    [InlineData("Pipfile.lock", null, DependencyFileKind.PipfileLock)]
    [InlineData("pdm.lock", null, DependencyFileKind.PdmLock)]
    [InlineData("poetry.lock", null, DependencyFileKind.PoetryLock)]
    [InlineData("Pipfile", null, null)]
    public void Kind_of_file_names(string name, string? parent, DependencyFileKind? expected) =>
        Assert.Equal(expected, DependencyDiscovery.KindOf(name, parent));

    [Fact]
    public void Whole_project_read_gives_one_inventory_without_duplicates_from_includes()
    {
        using var dir = Project();
        dir.Write("Pipfile.lock", "{ \"default\": { broken");
        var inventory = DependencyReader.Read(DependencyInputs.ForProject(dir.Path), cancellationToken: TestContext.Current.CancellationToken);
        var requirements = inventory.Components.Where(c => c.Source == ComponentSource.Requirements).Select(c => $"{c.Location.Path}:{c.Name}").ToList();
        Assert.Equal(["requirements.txt:flask", "requirements/base.txt:requests", "requirements/dev.in:pytest"], requirements.Order(StringComparer.Ordinal));
        Assert.Contains(inventory.Components, c => c is { Source: ComponentSource.Lockfile, NormalizedName: "idna", Location.Path: "pylock.ci.toml" });
        Assert.Contains(inventory.Components, c => c is { Source: ComponentSource.Script, Name: "rich", Location.Path: "scripts/tool.py", Location.StartLine: 2 });
        Assert.Contains(inventory.Components, c => c is { Source: ComponentSource.PyProject, Version: "2.31.0" });
        Assert.DoesNotContain(inventory.Components, c => c.Source == ComponentSource.Environment);

        // The broken Pipfile.lock is one error naming it; everything else was still read.
        Assert.Equal("Pipfile.lock", Assert.Single(inventory.Errors).Location.Path);
        Assert.Equal(10, inventory.Timings.Count);
    }

    [Fact]
    public void Explicit_paths_pick_their_reader()
    {
        using var dir = Project();
        dir.Write("deps/prod-pins.lst", "attrs==23.1.0\n");
        var inventory = DependencyReader.Read(DependencyInputs.ForPaths(dir.Path, Path.Combine(dir.Path, "deps/prod-pins.lst"), Path.Combine(dir.Path, ".venv")), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([("attrs", ComponentSource.Requirements), ("six", ComponentSource.Environment)], inventory.Components.Select(c => (c.Name, c.Source)));
    }
}
