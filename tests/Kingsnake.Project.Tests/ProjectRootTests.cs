namespace Kingsnake.Project.Tests;

/// <summary>Finding the project around a directory, and scoping a project to what the user named.</summary>
public sealed class ProjectRootTests : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void The_closest_configuration_is_the_root()
    {
        _tree.File("pyproject.toml", "");
        _tree.File("packages/a/pyproject.toml", "");
        Directory.CreateDirectory(_tree.Full("packages/a/src/a"));

        Assert.Equal(_tree.Full("packages/a"), ProjectRoot.Discover(_tree.Full("packages/a/src/a")));
        Assert.Equal(_tree.Root, ProjectRoot.Discover(_tree.Full("packages")));
    }

    [Fact]
    public void The_search_stops_at_the_work_tree_before_a_stray_configuration_above_it()
    {
        _tree.File("pyproject.toml", "");
        Directory.CreateDirectory(_tree.Full("repo/.git"));
        Directory.CreateDirectory(_tree.Full("repo/src"));
        _tree.File("worktree/.git", "gitdir: ../repo/.git/worktrees/w\n");
        Directory.CreateDirectory(_tree.Full("worktree/src"));

        Assert.Equal(_tree.Full("repo"), ProjectRoot.Discover(_tree.Full("repo/src")));
        Assert.Equal(_tree.Full("worktree"), ProjectRoot.Discover(_tree.Full("worktree/src")));
    }

    [Fact]
    public void A_configuration_that_is_not_a_file_is_no_marker()
    {
        Directory.CreateDirectory(_tree.Full("repo/.git"));
        Directory.CreateDirectory(_tree.Full("repo/src/pyproject.toml"));
        _tree.Fifo("repo/src/kingsnake.toml");

        Assert.Equal(_tree.Full("repo"), ProjectRoot.Discover(_tree.Full("repo/src")));
    }

    [Fact]
    public void The_common_directory_of_named_paths()
    {
        var a = _tree.File("x/y/a.py", "");
        var b = _tree.File("x/z/b.py", "");
        Directory.CreateDirectory(_tree.Full("x/yy"));

        Assert.Equal(_tree.Full("x"), ProjectRoot.CommonDirectory([a, b]));
        Assert.Equal(_tree.Full("x/y"), ProjectRoot.CommonDirectory([a]));
        Assert.Equal(_tree.Full("x"), ProjectRoot.CommonDirectory([a, _tree.Full("x/yy")]));
    }

    [Fact]
    public void A_scope_lists_only_what_was_named_and_still_finds_the_configuration()
    {
        _tree.File("pyproject.toml", "[tool.kingsnake]\n");
        _tree.File("a.py", "");
        _tree.File("pkg/b.py", "");
        _tree.File("pkg/c.py", "");
        _tree.File("other/d.py", "");
        _tree.File(".venv/lib/e.py", "");

        var named = ProjectTree.Open(_tree.Root, new ProjectOptions { Scope = [_tree.Full("a.py"), _tree.Full(".venv/lib/e.py")] });
        Assert.Equal([".venv/lib/e.py", "a.py"], named.Files.Select(f => f.RelativePath));
        Assert.Equal(ProjectFileKind.PyProject, named.Find("pyproject.toml")?.Kind);
        Assert.Null(named.Find("missing.toml"));

        var directory = ProjectTree.Open(_tree.Root, new ProjectOptions { Scope = [_tree.Full("pkg")] });
        Assert.Equal(["pkg/b.py", "pkg/c.py"], directory.Files.Select(f => f.RelativePath));
        Assert.NotNull(directory.Find("other/d.py"));

        var nothing = ProjectTree.Open(_tree.Root, new ProjectOptions { Scope = [] });
        Assert.Empty(nothing.Files);
    }

    [Fact]
    public void A_named_link_out_of_the_project_is_noted_not_read()
    {
        var outside = new TempTree();
        try
        {
            var secret = outside.File("secret.py", "x = 1\n");
            _tree.Link("leak.py", secret);

            var project = ProjectTree.Open(_tree.Root, new ProjectOptions { Scope = [_tree.Full("leak.py")] });

            Assert.Empty(project.Files);
            Assert.Contains(project.Notes, n => n.Location.Path == "leak.py");
        }
        finally
        {
            outside.Dispose();
        }
    }
}
