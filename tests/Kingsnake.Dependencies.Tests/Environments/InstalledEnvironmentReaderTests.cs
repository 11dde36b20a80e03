using Kingsnake.Core.Inventory;
using Kingsnake.Dependencies.Environments;
using Kingsnake.Dependencies.Reading;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Environments;

public sealed class InstalledEnvironmentReaderTests
{
    private static void DistInfo(TempDirectory dir, string sitePackages, string name, string version, params string[] requires)
    {
        var lines = new List<string> { "Metadata-Version: 2.1", $"Name: {name}", $"Version: {version}" };
        lines.AddRange(requires.Select(r => $"Requires-Dist: {r}"));
        dir.Write($"{sitePackages}/{name.Replace('-', '_')}-{version}.dist-info/METADATA", string.Join('\n', lines) + "\n\nbody\n");
    }

    [Fact]
    public void Virtualenv_graph_with_extras_roots_and_shortest_chains()
    {
        using var dir = new TempDirectory();
        const string site = ".venv/lib/python3.11/site-packages";
        dir.Write(".venv/pyvenv.cfg", "home = /usr/bin\n");
        DistInfo(dir, site, "app-tool", "1.0", "requests[socks]>=2", "click");
        DistInfo(dir, site, "requests", "2.31.0", "urllib3<3,>=1.21.1", "PySocks!=1.5.7,>=1.5.6; extra == 'socks'", "chardet; extra == 'use-chardet'");
        DistInfo(dir, site, "urllib3", "2.0.7");
        DistInfo(dir, site, "PySocks", "1.7.1");
        DistInfo(dir, site, "chardet", "5.2.0");
        DistInfo(dir, site, "click", "8.1.7", "colorama; platform_system == 'Windows'", "importlib-metadata; python_version < '3.8'");
        DistInfo(dir, site, "colorama", "0.4.6");
        DistInfo(dir, site, "importlib-metadata", "6.0.0");
        DistInfo(dir, site, "cycle-a", "1", "cycle-b");
        DistInfo(dir, site, "cycle-b", "1", "cycle-a");

        var inventory = InstalledEnvironmentReader.Read(Path.Combine(dir.Path, ".venv"), dir.Path);
        Assert.Empty(inventory.Errors);
        var c = inventory.Components.ToDictionary(x => x.NormalizedName);
        Assert.Equal(10, c.Count);
        Assert.All(c.Values, x => Assert.Equal(ComponentSource.Environment, x.Source));
        Assert.True(c["app-tool"].Direct);
        Assert.Equal(["app-tool", "requests", "pysocks"], c["pysocks"].IntroducedBy);
        Assert.Equal(["app-tool", "requests", "urllib3"], c["urllib3"].IntroducedBy);

        // chardet is only wanted through an extra nobody asks for, so nothing requires it: a root.
        Assert.True(c["chardet"].Direct);

        // colorama's marker is unknown here (no platform given): kept as a possible edge.
        Assert.False(c["colorama"].Direct);

        // python_version < '3.8' is false for a python3.11 environment: importlib-metadata stands alone.
        Assert.True(c["importlib-metadata"].Direct);

        // A cycle nothing else requires: the first by name becomes a root.
        Assert.True(c["cycle-a"].Direct);
        Assert.Equal(["cycle-a", "cycle-b"], c["cycle-b"].IntroducedBy);
        Assert.Equal((".venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA", 3), (c["requests"].Location.Path, c["requests"].Location.StartLine));
    }

    [Fact]
    public void Top_level_requirements_given_by_the_caller_are_the_roots()
    {
        using var dir = new TempDirectory();
        DistInfo(dir, "sp", "a", "1", "b");
        DistInfo(dir, "sp", "b", "1", "c");
        DistInfo(dir, "sp", "c", "1");
        var inventory = InstalledEnvironmentReader.Read(Path.Combine(dir.Path, "sp"), dir.Path, new DependencyReadOptions { TopLevelRequirements = ["b"] });
        var c = inventory.Components.ToDictionary(x => x.NormalizedName);
        Assert.True(c["b"].Direct);
        Assert.Equal(["b", "c"], c["c"].IntroducedBy);

        // Outside what the caller listed, nothing brings 'a' in: it is reported as installed on its own.
        Assert.True(c["a"].Direct);
    }

    [Fact]
    public void Egg_info_directories_files_requires_txt_and_broken_entries()
    {
        using var dir = new TempDirectory();
        dir.Write("sp/Legacy_Pkg-1.0.egg-info/PKG-INFO", "Metadata-Version: 1.1\nName: Legacy-Pkg\nVersion: 1.0\n");
        dir.Write("sp/Legacy_Pkg-1.0.egg-info/requires.txt", "six>=1.0\n\n[socks]\npysocks\n\n[:python_version < \"3\"]\nfutures\n");
        dir.Write("sp/six-1.16.0.egg-info", "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n");
        dir.Write("sp/pysocks-1.7.1.dist-info/METADATA", "Name: PySocks\nVersion: 1.7.1\n");
        dir.Write("sp/broken-1.0.dist-info/RECORD", "");
        dir.WriteBytes("sp/badutf-1.0.dist-info/METADATA", [.. "Name: x\nVersion: 1\nSummary: "u8, 0xFF, (byte)'\n']);
        var inventory = InstalledEnvironmentReader.Read(Path.Combine(dir.Path, "sp"), dir.Path);
        var c = inventory.Components.ToDictionary(x => x.NormalizedName);
        Assert.Equal(["legacy-pkg", "pysocks", "six"], c.Keys.Order());
        Assert.Equal(["legacy-pkg", "six"], c["six"].IntroducedBy);
        Assert.True(c["pysocks"].Direct);
        Assert.Equal(2, inventory.Errors.Count);
        Assert.Contains(inventory.Errors, e => e.Location.Path == "sp/badutf-1.0.dist-info/METADATA" && e.Message.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Requires_txt_sections_become_markers()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("requires.txt", "a\n[x]\nb\n[x:sys_platform == \"win32\"]\nc; python_version < \"3\"\n[:os_name == \"nt\"]\nd\n");
        var lines = InstalledEnvironmentReader.ReadRequiresTxt(new DependencyCollector(dir.Path), path).ToList();
        Assert.Equal(
            ["a", "b ; extra == \"x\"", "c ; (python_version < \"3\") and (extra == \"x\" and (sys_platform == \"win32\"))", "d ; os_name == \"nt\""],
            lines);
        Assert.All(lines, l => Assert.True(Kingsnake.Packaging.Requirements.Requirement.TryParse(l, out _), l));
    }

    [Fact]
    public void Missing_environment_is_an_error()
    {
        using var dir = new TempDirectory();
        var inventory = InstalledEnvironmentReader.Read(Path.Combine(dir.Path, "nope"), dir.Path);
        Assert.Single(inventory.Errors);
    }

    public static TheoryData<string, string, string> RealEnvironments => new()
    {
        { "/root/.pyenv/versions/3.11.7/bin/python3", "/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages", "/root/.pyenv/versions/3.11.7" },
        { "/usr/bin/python3", "/usr/lib/python3/dist-packages", "/usr/lib/python3/dist-packages" },
    };

    [Theory]
    [MemberData(nameof(RealEnvironments))]
    [Trait("Category", "Corpus")]
    public void Real_environment_matches_importlib_metadata(string python, string sitePackages, string readPath)
    {
        var expected = PythonOracle.Distributions(python, sitePackages);
        Assert.SkipWhen(expected is null, $"{python} or {sitePackages} is not on this machine");
        var inventory = InstalledEnvironmentReader.Read(readPath, readPath);
        Assert.Empty(inventory.Errors);
        var actual = inventory.Components.Select(c => (c.Name, c.Version!)).Order().ToList();
        Assert.Equal(expected!.Order().ToList(), actual);
        Assert.True(actual.Count >= 20);

        // Every non-root has a chain that starts at a root and ends at itself.
        var direct = inventory.Components.Where(c => c.Direct).Select(c => c.NormalizedName).ToHashSet();
        Assert.NotEmpty(direct);
        foreach (var component in inventory.Components.Where(c => !c.Direct))
        {
            Assert.Contains(component.IntroducedBy[0], direct);
            Assert.Equal(component.NormalizedName, component.IntroducedBy[^1]);
        }
    }
}
