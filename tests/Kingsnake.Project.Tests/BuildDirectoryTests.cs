namespace Kingsnake.Project.Tests;

/// <summary>A directory named <c>build</c> is the project's source unless it holds build output.</summary>
public sealed class BuildDirectoryTests : IDisposable
{
    private const string PipTree = "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/pip";

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Pips_build_package_is_source()
    {
        if (!Directory.Exists(PipTree))
        {
            Assert.Skip($"{PipTree} is not on this machine");
        }

        // the real tree, rooted at site-packages/pip: _internal/operations/build is a package of pip's own code
        var real = ProjectTree.Open(PipTree);
        var build = real.Files.Where(f => f.RelativePath.StartsWith("_internal/operations/build/", StringComparison.Ordinal)).ToList();
        Assert.Contains(build, f => f.RelativePath == "_internal/operations/build/wheel.py");
        Assert.Equal(Directory.GetFiles(Path.Combine(PipTree, "_internal/operations/build"), "*.py").Length, build.Count);
        Assert.All(build, f => Assert.False(f.InDefaultExcludedDirectory));
    }

    [Theory]
    [InlineData("src/mypkg/build/__init__.py")] // a package named build
    [InlineData("src/mypkg/build/lib/__init__.py")] // ... even with a subpackage named like setuptools' output
    [InlineData("Tools/build/freeze_modules.py")] // CPython's build scripts: no __init__.py, nothing a build tool leaves
    [InlineData("build/release.py")]
    public void A_build_directory_of_source_is_walked(string path)
    {
        _tree.File(path, "import os\n");
        _tree.File("src/mypkg/build/__init__.py", "");
        var project = ProjectTree.Open(_tree.Root);
        var entry = Assert.Single(project.Files, f => f.RelativePath == path);
        Assert.False(entry.InDefaultExcludedDirectory);
    }

    [Theory]
    [InlineData("build/lib/mypkg/app.py")] // setuptools build_py
    [InlineData("build/lib.linux-x86_64-cpython-311/mypkg/_speedups.py")] // build_ext
    [InlineData("build/bdist.linux-x86_64/wheel/mypkg/app.py")] // bdist_wheel staging
    [InlineData("build/temp.linux-x86_64-cpython-311/mypkg/gen.py")]
    [InlineData("build/scripts-3.11/tool.py")] // build_scripts
    [InlineData("build/__editable__.mypkg-1.0-py3-none-any/mypkg/app.py")]
    [InlineData("build/cp312-cp312-linux_x86_64/generated.py")] // scikit-build-core's build/{wheel_tag}
    [InlineData("docs/build/html/_downloads/example.py")] // sphinx-build -M html docs docs/build
    public void Build_output_is_left_out_like_other_generated_trees(string path)
    {
        _tree.File(path, "import os\n");
        _tree.File("src/mypkg/app.py", "import os\n");
        var project = ProjectTree.Open(_tree.Root);
        Assert.Equal(["src/mypkg/app.py"], project.Files.Select(f => f.RelativePath));

        var everything = ProjectTree.Open(_tree.Root, new ProjectOptions { SkipDefaultExcludedDirectories = false });
        Assert.True(Assert.Single(everything.Files, f => f.RelativePath == path).InDefaultExcludedDirectory);
    }

    [Fact]
    public void A_setuptools_build_next_to_loose_sources_is_output()
    {
        // `python setup.py build` output: build/lib plus whatever else sits at the top of build/
        _tree.File("build/lib/mypkg/__init__.py", "");
        _tree.File("build/notes.py", "");
        Assert.Empty(ProjectTree.Open(_tree.Root).Files);
    }
}
