using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Lockfiles;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Lockfiles;

public sealed class LockfileReaderTests
{
    private static Dictionary<string, Component> ByName(DependencyInventory inventory) =>
        inventory.Components.ToDictionary(c => c.NormalizedName);

    [Fact]
    public void Poetry1_lock_with_categories_legacy_hashes_and_graph()
    {
        var inventory = PoetryLockReader.Read(TestData.File("poetry-1", "poetry.lock"));
        Assert.Empty(inventory.Errors);
        var c = ByName(inventory);
        Assert.Equal(17, c.Count);
        Assert.All(c.Values, x => Assert.Equal(ComponentSource.Lockfile, x.Source));
        Assert.Equal(("2.28.2", true, ""), (c["requests"].Version, c["requests"].Direct, c["requests"].Group));
        Assert.Equal(2, c["requests"].Hashes.Count);
        Assert.Equal(("dev", true), (c["pytest"].Group, c["pytest"].Direct));
        Assert.False(c["urllib3"].Direct);
        Assert.Equal(["requests", "urllib3"], c["urllib3"].IntroducedBy);
        Assert.Equal(["flask", "jinja2", "markupsafe"], c["markupsafe"].IntroducedBy);
        Assert.Equal(["pytest", "pluggy"], c["pluggy"].IntroducedBy);
        Assert.Equal("dev", c["attrs"].Group);

        // Line of the [[package]] header of certifi (2nd package).
        Assert.Equal(("poetry.lock", 13), (c["certifi"].Location.Path, c["certifi"].Location.StartLine));
    }

    [Fact]
    public void Poetry2_lock_with_groups_and_pep621_direct_dependencies()
    {
        var inventory = PoetryLockReader.Read(TestData.File("poetry-2", "poetry.lock"));
        Assert.Empty(inventory.Errors);
        var c = ByName(inventory);
        Assert.Equal(13, c.Count);
        Assert.Equal(["httpx", "pydantic", "ruff"], c.Values.Where(x => x.Direct).Select(x => x.NormalizedName).Order());
        Assert.Equal("dev", c["ruff"].Group);
        Assert.Equal(["httpx", "httpcore", "h11"], c["h11"].IntroducedBy);
        Assert.Equal(["pydantic", "pydantic-core"], c["pydantic-core"].IntroducedBy);
        Assert.Equal("python_version < \"3.11\"", c["exceptiongroup"].Marker);
        Assert.Equal(["sha256:1f02e8b43a8fbbc3f3e0d4f0f4bfc8131bcb4eebe8849b8e5c773f3a1c582a53", "sha256:aff07c09a53a08bc8cfccb9c85b05f1aa9a2a6f23728d790723543408344ce89"], c["annotated-types"].Hashes);
    }

    [Fact]
    public void Uv_lock_skips_project_and_workspace_members_and_marks_groups()
    {
        var inventory = UvLockReader.Read(TestData.File("uv", "uv.lock"));
        Assert.Empty(inventory.Errors);
        var c = ByName(inventory);
        Assert.DoesNotContain("cli-tool", c.Keys);
        Assert.DoesNotContain("shared-lib", c.Keys);
        Assert.Equal(10, c.Count);
        Assert.Equal(["pytest", "pyyaml", "rich"], c.Values.Where(x => x.Direct).Select(x => x.NormalizedName).Order());
        Assert.Equal(("dev", true), (c["pytest"].Group, c["pytest"].Direct));
        Assert.Equal(("dev", false), (c["pluggy"].Group, c["pluggy"].Direct));
        Assert.Equal(["rich", "markdown-it-py", "mdurl"], c["mdurl"].IntroducedBy);
        Assert.Equal(["pytest", "colorama"], c["colorama"].IntroducedBy);
        Assert.Equal(2, c["rich"].Hashes.Count);
        Assert.Equal("13.7.1", c["rich"].Version);
    }

    [Fact]
    public void Pipfile_lock_sections_versions_hashes_markers_and_pipfile_direct_names()
    {
        var inventory = PipfileLockReader.Read(TestData.File("pipenv", "Pipfile.lock"));
        Assert.Empty(inventory.Errors);
        var c = ByName(inventory);
        Assert.Equal(11, c.Count);
        Assert.Equal(("4.2.7", true, ""), (c["django"].Version, c["django"].Direct, c["django"].Group));
        Assert.Equal(2, c["django"].Hashes.Count);
        Assert.Equal("python_version >= '3.8'", c["django"].Marker);
        Assert.False(c["sqlparse"].Direct);
        Assert.Equal(("develop", true), (c["black"].Group, c["black"].Direct));
        Assert.Equal(("develop", false), (c["click"].Group, c["click"].Direct));
        Assert.Equal(["redis"], c["celery"].Extras);
        Assert.Equal((true, "./libs/internal", null), (c["internal-lib"].Editable, c["internal-lib"].Url, c["internal-lib"].Version));
        Assert.Equal("git+https://github.com/celery/vine.git@a8f4e0e4e1c2a7f44e6b1d2c3b4a5f6e7d8c9b0a", c["vine"].Url);

        // "amqp": is the first package key under "default", on line 19 of the file.
        Assert.Equal(19, c["amqp"].Location.StartLine);
        Assert.Equal(84, c["black"].Location.StartLine);
    }

    [Fact]
    public void Pdm_lock_groups_graph_and_optional_extra_roots()
    {
        var inventory = PdmLockReader.Read(TestData.File("pdm", "pdm.lock"));
        Assert.Empty(inventory.Errors);
        var c = ByName(inventory);
        Assert.Equal(15, c.Count);
        Assert.Equal(["boto3", "pandas", "pytest"], c.Values.Where(x => x.Direct).Select(x => x.NormalizedName).Order());
        Assert.Equal(("s3", "1.34.14"), (c["boto3"].Group, c["boto3"].Version));
        Assert.Equal(["pandas", "python-dateutil", "six"], c["six"].IntroducedBy);
        Assert.Equal("", c["six"].Group);
        Assert.Equal(["boto3", "botocore", "urllib3"], c["urllib3"].IntroducedBy);
        Assert.Equal("python_version < \"3.10\"", c["urllib3"].Marker);
    }

    [Fact]
    public void Pylock_versions_hashes_and_versionless_entries_noted()
    {
        var inventory = PyLockReader.Read(TestData.File("pylock", "pylock.toml"));
        Assert.Empty(inventory.Errors.Select(e => e.ToString()));
        var c = ByName(inventory);
        Assert.Equal(5, c.Count);
        Assert.Equal(["sha256:c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a", "sha256:1c97078a80c814273a76b2a298a932eb681c87415c11dee0a6921de7f1b02c3e"], c["attrs"].Hashes);
        Assert.Equal("python_version < '3.11'", c["tomli"].Marker);
        Assert.Equal((null, "./tools", true), (c["internal-tools"].Version, c["internal-tools"].Url, c["internal-tools"].Editable));
        Assert.Equal("git+https://github.com/example/vendored.git@2b4c1a8f9e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b", c["vendored"].Url);
        Assert.Equal(2, inventory.Notes.Count(n => n.Message.Contains("no version", StringComparison.Ordinal)));

        // No pyproject beside it: packages nothing depends on are the roots; attrs comes through cattrs.
        Assert.False(c["attrs"].Direct);
        Assert.Equal(["cattrs", "attrs"], c["attrs"].IntroducedBy);
        Assert.True(c["tomli"].Direct);
    }

    [Theory]
    [InlineData("pylock.toml", true)]
    [InlineData("pylock.dev.toml", true)]
    [InlineData("pylock.a.b.toml", false)]
    [InlineData("pylock..toml", false)]
    [InlineData("mylock.toml", false)]
    public void Pylock_file_names(string name, bool expected) => Assert.Equal(expected, PyLockReader.IsPyLockFileName(name));

    [Fact]
    public void Unsupported_pylock_version_is_an_error()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("pylock.toml", "lock-version = \"2.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n");
        var inventory = PyLockReader.Read(path);
        Assert.Empty(inventory.Components);
        Assert.Equal(1, Assert.Single(inventory.Errors).Location.StartLine);
    }

    [Fact]
    public void Malformed_lockfiles_give_errors_with_lines_and_never_throw()
    {
        using var dir = new TempDirectory();
        var poetry = dir.Write("poetry.lock", "[[package]]\nname = \"a\"\nversion = 1.0.0\n");
        var pipfile = dir.Write("Pipfile.lock", "{\n  \"default\": {\n    \"a\": {\"version\": \"==1\"},\n  }\n");
        var deep = dir.Write("deep/Pipfile.lock", new string('[', 5000));
        var uv = dir.Write("uv.lock", "version = 1\n[[package]]\nversion = \"1.0\"\n");
        Assert.Equal(3, Assert.Single(PoetryLockReader.Read(poetry).Errors).Location.StartLine);
        Assert.Equal(4, Assert.Single(PipfileLockReader.Read(pipfile).Errors).Location.StartLine);
        Assert.Single(PipfileLockReader.Read(deep).Errors);
        Assert.Equal(2, Assert.Single(UvLockReader.Read(uv).Errors).Location.StartLine);
    }
}
