using Kingsnake.Core.Findings;

namespace Kingsnake.Project.Tests;

public sealed class ProjectTreeTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private static string[] Paths(ProjectTree project) => [.. project.Files.Select(f => f.RelativePath)];

    [Fact]
    public void Files_are_classified_once_by_path()
    {
        _tree.File("pkg/__init__.py", "");
        _tree.File("pkg/app.py", "import os\n");
        _tree.File(".github/workflows/ci.yml", "on: push\n");
        _tree.File(".github/dependabot.yml", "version: 2\n");
        _tree.File("action.yml", "name: x\n");
        _tree.File("requirements-dev.txt", "pytest\n");
        _tree.File("requirements/base.in", "django\n");
        _tree.File("pyproject.toml", "[project]\nname = 'x'\n");
        _tree.File("uv.lock", "version = 1\n");
        _tree.File("pylock.dev.toml", "");
        _tree.File("pytest.ini", "[pytest]\ntestpaths = qa\n");
        _tree.File("README.md", "# x\n");
        var project = ProjectTree.Open(_tree.Root);
        var kinds = project.Files.ToDictionary(f => f.RelativePath, f => f.Kind);
        Assert.Equal(ProjectFileKind.PythonSource, kinds["pkg/app.py"]);
        Assert.Equal(ProjectFileKind.Workflow, kinds[".github/workflows/ci.yml"]);
        Assert.Equal(ProjectFileKind.Dependabot, kinds[".github/dependabot.yml"]);
        Assert.Equal(ProjectFileKind.Action, kinds["action.yml"]);
        Assert.Equal(ProjectFileKind.Requirements, kinds["requirements-dev.txt"]);
        Assert.Equal(ProjectFileKind.Requirements, kinds["requirements/base.in"]);
        Assert.Equal(ProjectFileKind.PyProject, kinds["pyproject.toml"]);
        Assert.Equal(ProjectFileKind.UvLock, kinds["uv.lock"]);
        Assert.Equal(ProjectFileKind.PyLock, kinds["pylock.dev.toml"]);
        Assert.Equal(ProjectFileKind.PytestIni, kinds["pytest.ini"]); // the code audit reads its testpaths
        Assert.DoesNotContain("README.md", kinds.Keys); // no area reads it
    }

    [Fact]
    public void Gitignore_files_apply_as_git_applies_them_nested_and_negated()
    {
        _tree.File(".gitignore", "*.generated.py\nout/\n");
        _tree.File("a.generated.py", "");
        _tree.File("out/x.py", "");
        _tree.File("sub/.gitignore", "!keep.generated.py\nlocal.py\n");
        _tree.File("sub/keep.generated.py", "");
        _tree.File("sub/drop.generated.py", "");
        _tree.File("sub/local.py", "");
        _tree.File("local.py", "");
        var paths = Paths(ProjectTree.Open(_tree.Root));
        Assert.Equal(["local.py", "sub/keep.generated.py"], paths.Where(p => p.EndsWith(".py", StringComparison.Ordinal)));
    }

    [Fact]
    public void Configuration_excludes_win_over_a_gitignore_reinclusion()
    {
        _tree.File(".gitignore", "!vendor/\n");
        _tree.File("vendor/lib.py", "");
        _tree.File("app.py", "");
        var project = ProjectTree.Open(_tree.Root, new ProjectOptions { Exclude = ["vendor/"] });
        Assert.Equal(["app.py"], Paths(project).Where(p => p.EndsWith(".py", StringComparison.Ordinal)));
    }

    [Fact]
    public void Version_control_environments_and_build_output_are_skipped_once_for_every_area()
    {
        _tree.File(".git/hooks/x.py", "");
        _tree.File(".venv/pyvenv.cfg", "home = /usr\n");
        _tree.File(".venv/lib/python3.12/site-packages/six.py", "");
        _tree.File("env2/pyvenv.cfg", "home = /usr\n");
        _tree.File("env2/lib/x.py", "");
        _tree.File("node_modules/x/action.yml", "");
        _tree.File("build/lib/pkg/app.py", "");
        _tree.File("src/pkg/app.py", "");
        var project = ProjectTree.Open(_tree.Root);
        Assert.Equal(["src/pkg/app.py"], Paths(project));
        Assert.Equal([".venv", "env2"], project.Environments);

        var everything = ProjectTree.Open(_tree.Root, new ProjectOptions { SkipDefaultExcludedDirectories = false });
        Assert.Contains("build/lib/pkg/app.py", Paths(everything));
        Assert.True(everything.Find("build/lib/pkg/app.py")!.InDefaultExcludedDirectory);
        Assert.DoesNotContain(Paths(everything), p => p.StartsWith(".git/", StringComparison.Ordinal));
    }

    [Fact]
    public void Special_files_and_links_out_of_the_project_are_noted_by_their_own_name_and_never_read()
    {
        var outside = new TempTree();
        try
        {
            var secret = outside.File("secret.txt", "TOP-SECRET-LINE\n");
            _tree.Fifo("x.py");
            _tree.Fifo(".github/workflows/ci.yml");
            _tree.Link("kingsnake.toml", "/dev/zero");
            _tree.Link("requirements.txt", secret);
            _tree.Link("linked-dir", outside.Root);
            _tree.File("real.py", "print(1)\n");
            _tree.Link("alias.py", _tree.Full("real.py"));
            var project = ProjectTree.Open(_tree.Root);
            Assert.Equal(["alias.py", "real.py"], Paths(project));
            Assert.Equal("print(1)\n", project.Read("alias.py").Text);
            var notes = project.Notes.Select(n => $"{n.Location.Path}: {n.Message}").ToList();
            Assert.Contains("x.py: not read: it is a named pipe (FIFO), not a regular file", notes);
            Assert.Contains(".github/workflows/ci.yml: not read: it is a named pipe (FIFO), not a regular file", notes);
            Assert.Contains(notes, n => n.StartsWith("kingsnake.toml: a link that leads out of the project", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith("requirements.txt: a link that leads out of the project", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith("linked-dir: a directory link", StringComparison.Ordinal));
            Assert.DoesNotContain(notes, n => n.Contains("TOP-SECRET", StringComparison.Ordinal) || n.Contains(outside.Root, StringComparison.Ordinal));
            Assert.Throws<Kingsnake.Project.Files.EntryRefusedException>(() => project.Read("requirements.txt"));
        }
        finally
        {
            outside.Dispose();
        }
    }

    [Fact]
    public void Paths_a_file_names_are_confined_to_the_project_or_to_what_the_user_named()
    {
        var outside = new TempTree();
        try
        {
            outside.File("shared/base.txt", "requests\n");
            _tree.File("requirements.txt", "-r ../../../../etc/passwd\n");
            _tree.File("requirements/dev.txt", "-r ../requirements.txt\n");
            var project = ProjectTree.Open(_tree.Root);
            Assert.Null(project.ResolveReference("requirements.txt", 1, "../../../../etc/passwd", out var error));
            Assert.Equal(new SourceSpan("requirements.txt", 1, 1), error!.Location);
            Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
            Assert.Equal(_tree.Full("requirements.txt"), project.ResolveReference("requirements/dev.txt", 1, "../requirements.txt", out _));
            Assert.Null(project.ResolveReference("requirements.txt", 1, outside.Full("shared/base.txt"), out _));

            var named = ProjectTree.Open(_tree.Root, new ProjectOptions { UserNamedPaths = [outside.Full("shared/base.txt")] });
            Assert.Equal(outside.Full("shared/base.txt"), named.ResolveReference(outside.Full("shared/base.txt"), 1, "base.txt", out _));
            Assert.Equal("requests\n", named.Read(outside.Full("shared/base.txt")).Text);
        }
        finally
        {
            outside.Dispose();
        }
    }

    [Fact]
    public void Each_file_is_opened_once_however_often_it_is_read()
    {
        _tree.File("pyproject.toml", "[project]\nname = 'x'\n");
        _tree.File("app.py", "x = 1\r\ny = 2\rz = 3\n");
        var project = ProjectTree.Open(_tree.Root);
        Parallel.For(0, 64, _ => project.Read("pyproject.toml"));
        Assert.Same(project.Read("pyproject.toml"), project.Read(_tree.Full("pyproject.toml")));
        var app = project.Read("app.py");
        Assert.Equal(2, project.OpenedFiles);
        Assert.Equal(3, app.LineCount);
        Assert.Equal("y = 2", app.Line(2));
        Assert.Equal("z = 3", app.Line(3));
        Assert.Null(app.Line(4));

        project.Overlay("app.py", "x = 2\n"u8.ToArray());
        Assert.Equal("x = 2\n", project.Read("app.py").Text);
        Assert.Equal(2, project.OpenedFiles);
    }
}
