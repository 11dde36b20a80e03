using System.Globalization;
using System.Text;
using Kingsnake.Dependencies.Lockfiles;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Lockfiles;

/// <summary>
/// A uv.lock whose packages form one chain (each depends on the next): the inventory's introduction paths are links
/// to the parent's path, so the whole inventory holds one link per package rather than a copy of every prefix.
/// </summary>
public sealed class LongChainTests
{
    [Fact]
    public void Each_package_of_a_5000_package_chain_links_to_its_parents_path()
    {
        const int Count = 5000;
        using var dir = new TempDirectory();
        var inventory = UvLockReader.Read(dir.Write("uv.lock", ChainLock(Count)));
        Assert.Empty(inventory.Errors);
        var byName = inventory.Components.ToDictionary(c => c.NormalizedName);
        Assert.Equal(Count, byName.Count);

        // the direct dependency's own inventory entry has no path; below it, each path is its parent's plus a link
        Assert.Empty(byName[Name(0)].IntroducedBy);
        Assert.Equal([Name(0), Name(1)], byName[Name(1)].IntroducedBy);
        for (var i = 2; i < Count; i++)
        {
            var path = byName[Name(i)].IntroducedBy;
            Assert.Equal(i + 1, path.Count);
            Assert.Same(byName[Name(i - 1)].IntroducedBy, path.Parent); // shared, not copied
        }

        var last = byName[Name(Count - 1)].IntroducedBy;
        Assert.Equal(Name(0), last.DirectDependency);
        Assert.Equal([Name(0), Name(1), "…", Name(Count - 3), Name(Count - 2), Name(Count - 1)], last.Shown());
        Assert.True(byName[Name(0)].Direct);
    }

    private static string Name(int i) => $"chain-{i:D5}";

    private static string ChainLock(int count)
    {
        var text = new StringBuilder("version = 1\nrevision = 2\nrequires-python = \">=3.10\"\n\n");
        text.Append(CultureInfo.InvariantCulture, $"[[package]]\nname = \"chained\"\nversion = \"0.1.0\"\nsource = {{ editable = \".\" }}\ndependencies = [{{ name = \"{Name(0)}\" }}]\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n[[package]]\nname = \"{Name(i)}\"\nversion = \"1.0.0\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n");
            if (i + 1 < count)
            {
                text.Append(CultureInfo.InvariantCulture, $"dependencies = [{{ name = \"{Name(i + 1)}\" }}]\n");
            }
        }

        return text.ToString();
    }
}
