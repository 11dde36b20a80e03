using Kingsnake.Dependencies.Lockfiles;
using Kingsnake.Dependencies.Tests.Support;

namespace Kingsnake.Dependencies.Tests.Lockfiles;

public sealed class LargeLockfileTests
{
    [Fact]
    public void Generated_2000_package_uv_lock_is_read_whole_with_graph_facts()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("uv.lock", LockfileGenerator.UvLock(2000, directCount: 1));
        var inventory = UvLockReader.Read(path);
        Assert.Empty(inventory.Errors);
        Assert.Equal(2000, inventory.Components.Count);
        var byName = inventory.Components.ToDictionary(c => c.NormalizedName);

        // The root depends on pkg-00000 only; the rest form a binary tree over the indices, so the chain to
        // package i walks its ancestors (i-1)/2 up to 0.
        Assert.Equal(["pkg-00000"], inventory.Components.Where(c => c.Direct).Select(c => c.NormalizedName));
        var chain = byName["pkg-01999"].IntroducedBy;
        var expected = new List<string>();
        for (var i = 1999; ; i = (i - 1) / 2)
        {
            expected.Insert(0, LockfileGenerator.PackageName(i));
            if (i == 0)
            {
                break;
            }
        }

        Assert.Equal(expected, chain);
        Assert.Equal(LockfileGenerator.PackageVersion(1234), byName["pkg-01234"].Version);
        Assert.All(inventory.Components, c => Assert.Equal(2, c.Hashes.Count));
    }
}
