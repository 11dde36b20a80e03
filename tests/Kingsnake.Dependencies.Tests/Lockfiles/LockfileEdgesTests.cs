using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Environments;
using Kingsnake.Dependencies.Lockfiles;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Lockfiles;

/// <summary>The graph edges (<see cref="Component.DependsOn"/>) and candidate files (<see cref="Component.Files"/>) each reader records.</summary>
public sealed class LockfileEdgesTests
{
    private static Dictionary<string, Component> ByName(DependencyInventory inventory) =>
        inventory.Components.ToDictionary(c => c.NormalizedName);

    [Fact]
    public void Poetry2_edges_are_the_package_dependencies_section()
    {
        var c = ByName(PoetryLockReader.Read(TestData.File("poetry-2", "poetry.lock")));
        Assert.Equal(["anyio", "certifi", "httpcore", "idna", "sniffio"], c["httpx"].DependsOn);
        Assert.Equal(["exceptiongroup", "idna", "sniffio", "typing-extensions"], c["anyio"].DependsOn);
        Assert.Equal(["annotated-types", "pydantic-core", "typing-extensions"], c["pydantic"].DependsOn);
        Assert.Empty(c["certifi"].DependsOn);
        Assert.Empty(c["ruff"].DependsOn);
        Assert.Equal(15, c.Values.Sum(x => x.DependsOn.Count)); // anyio 4, httpcore 2, httpx 5, pydantic 3, pydantic-core 1
    }

    [Fact]
    public void Poetry_optional_dependency_is_an_edge_only_when_a_parent_asks_for_its_extra()
    {
        using var dir = new TempDirectory();
        var lockPath = dir.Write("poetry.lock", """
            [[package]]
            name = "app-lib"
            version = "1.0"
            files = [{file = "app_lib-1.0-py3-none-any.whl", hash = "sha256:aa"}]

            [package.dependencies]
            requests = {version = ">=2", extras = ["socks"]}
            httpx = ">=0.27"

            [[package]]
            name = "requests"
            version = "2.31.0"
            files = [
                {file = "requests-2.31.0-py3-none-any.whl", hash = "sha256:11"},
                {file = "requests-2.31.0.tar.gz", hash = "sha256:22"},
            ]

            [package.dependencies]
            urllib3 = ">=1.21.1,<3"
            PySocks = {version = ">=1.5.6,!=1.5.7", optional = true}
            chardet = {version = ">=3.0.2,<6", optional = true}

            [package.extras]
            socks = ["PySocks (>=1.5.6,!=1.5.7)"]
            use-chardet-on-py3 = ["chardet (>=3.0.2,<6)"]

            [[package]]
            name = "httpx"
            version = "0.27.0"
            files = []

            [package.dependencies]
            brotli = {version = "*", optional = true}

            [package.extras]
            brotli = ["brotli"]

            [[package]]
            name = "urllib3"
            version = "2.0.7"
            files = []

            [[package]]
            name = "pysocks"
            version = "1.7.1"
            files = []

            [[package]]
            name = "chardet"
            version = "5.2.0"
            files = []

            [[package]]
            name = "brotli"
            version = "1.1.0"
            files = []
            """);
        var c = ByName(PoetryLockReader.Read(lockPath));
        Assert.Equal(["requests", "httpx"], c["app-lib"].DependsOn);
        Assert.Equal(["urllib3", "pysocks"], c["requests"].DependsOn);
        Assert.Empty(c["httpx"].DependsOn);
        Assert.Equal(
            [new DistributionFile("requests-2.31.0-py3-none-any.whl", null, ["sha256:11"]), new DistributionFile("requests-2.31.0.tar.gz", null, ["sha256:22"])],
            c["requests"].Files.Select(f => f with { Hashes = [.. f.Hashes] }).ToList(),
            new FileComparer());
    }

    [Fact]
    public void Uv_edges_leave_out_optional_dependencies_nobody_asks_for_and_edges_to_project_members()
    {
        using var dir = new TempDirectory();
        var lockPath = dir.Write("uv.lock", """
            version = 1
            revision = 2

            [[package]]
            name = "app"
            version = "0.1.0"
            source = { editable = "." }
            dependencies = [
                { name = "rich" },
                { name = "httpx", extra = ["http2"] },
            ]

            [[package]]
            name = "httpx"
            version = "0.27.0"
            source = { registry = "https://pypi.org/simple" }
            dependencies = [{ name = "idna" }]
            sdist = { url = "https://files.pythonhosted.org/packages/aa/httpx-0.27.0.tar.gz", hash = "sha256:a0", size = 1 }
            wheels = [{ url = "https://files.pythonhosted.org/packages/bb/httpx-0.27.0-py3-none-any.whl", hash = "sha256:b0", size = 1 }]

            [package.optional-dependencies]
            http2 = [{ name = "h2" }]
            brotli = [{ name = "brotli" }]

            [[package]]
            name = "rich"
            version = "13.7.1"
            source = { registry = "https://pypi.org/simple" }

            [package.optional-dependencies]
            jupyter = [{ name = "ipywidgets" }]

            [[package]]
            name = "idna"
            version = "3.7"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "h2"
            version = "4.1.0"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "brotli"
            version = "1.1.0"
            source = { registry = "https://pypi.org/simple" }
            """);
        var c = ByName(UvLockReader.Read(lockPath));
        Assert.DoesNotContain("app", c.Keys);
        Assert.Equal(["idna", "h2"], c["httpx"].DependsOn);
        Assert.Empty(c["rich"].DependsOn); // ipywidgets is not even locked, and nobody asks for [jupyter]
        Assert.Empty(c["brotli"].DependsOn);
        Assert.Equal(2, c["httpx"].Files.Count);
        Assert.Equal(("httpx-0.27.0.tar.gz", "https://files.pythonhosted.org/packages/aa/httpx-0.27.0.tar.gz", "sha256:a0"),
            (c["httpx"].Files[0].FileName, c["httpx"].Files[0].Url, c["httpx"].Files[0].Hashes.Single()));
        Assert.Equal("httpx-0.27.0-py3-none-any.whl", c["httpx"].Files[1].FileName);
    }

    [Fact]
    public void Uv_test_lock_edges()
    {
        var c = ByName(UvLockReader.Read(TestData.File("uv", "uv.lock")));
        Assert.Equal(["colorama", "iniconfig", "packaging", "pluggy"], c["pytest"].DependsOn);
        Assert.Equal(["markdown-it-py", "pygments"], c["rich"].DependsOn);
        Assert.Equal(["mdurl"], c["markdown-it-py"].DependsOn);
        Assert.Empty(c["pyyaml"].DependsOn);
    }

    [Fact]
    public void Pdm_edges_from_dependency_strings()
    {
        var c = ByName(PdmLockReader.Read(TestData.File("pdm", "pdm.lock")));
        Assert.Equal(["botocore", "jmespath", "s3transfer"], c["boto3"].DependsOn);
        Assert.Equal("boto3-1.34.14-py3-none-any.whl", c["boto3"].Files.Single().FileName);
    }

    [Fact]
    public void Environment_edges_follow_markers_for_its_python_and_requested_extras()
    {
        using var dir = new TempDirectory();
        const string site = "lib/python3.11/site-packages";
        void DistInfo(string name, string version, params string[] requires) =>
            dir.Write($"{site}/{name.Replace('-', '_')}-{version}.dist-info/METADATA",
                string.Join('\n', new[] { "Metadata-Version: 2.1", $"Name: {name}", $"Version: {version}" }.Concat(requires.Select(r => $"Requires-Dist: {r}"))) + "\n\n");
        DistInfo("app", "1.0", "requests[socks]>=2", "tomli; python_version < '3.11'");
        DistInfo("requests", "2.31.0", "urllib3", "PySocks; extra == 'socks'", "chardet; extra == 'use-chardet'");
        DistInfo("urllib3", "2.0.7");
        DistInfo("PySocks", "1.7.1");
        DistInfo("chardet", "5.2.0");
        DistInfo("tomli", "2.0.1");

        var c = ByName(InstalledEnvironmentReader.Read(dir.Path, dir.Path));
        Assert.Equal(["requests"], c["app"].DependsOn);
        Assert.Equal(["urllib3", "pysocks"], c["requests"].DependsOn);
        Assert.Empty(c["chardet"].DependsOn);
        Assert.Empty(c["tomli"].DependsOn);
    }

    private sealed class FileComparer : IEqualityComparer<DistributionFile>
    {
        public bool Equals(DistributionFile? x, DistributionFile? y) =>
            x is not null && y is not null && x.FileName == y.FileName && x.Url == y.Url && x.Hashes.SequenceEqual(y.Hashes);

        public int GetHashCode(DistributionFile obj) => obj.FileName?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
