using Kingsnake.Core.Inventory;

namespace Kingsnake.Core.Tests.Inventory;

public sealed class IntroductionPathTests
{
    [Fact]
    public void A_short_path_is_shown_whole()
    {
        IntroductionPath path = ["flask", "jinja2", "markupsafe"];
        Assert.Equal(["flask", "jinja2", "markupsafe"], path);
        Assert.Equal(3, path.Count);
        Assert.Equal(("flask", "markupsafe"), (path.DirectDependency, path.Package));
        Assert.Equal("jinja2", path[1]);
        Assert.False(path.IsElided);
        Assert.Equal(["flask", "jinja2", "markupsafe"], path.Shown());
        Assert.Equal("flask → jinja2 → markupsafe", path.Describe());
    }

    [Fact]
    public void A_long_path_is_shown_as_its_ends_with_the_depth()
    {
        var path = IntroductionPath.Empty;
        for (var i = 0; i < 10_000; i++)
        {
            path = path.Append($"pkg-{i:D5}");
        }

        Assert.Equal(10_000, path.Count);
        Assert.True(path.IsElided);
        Assert.Equal(["pkg-00000", "pkg-00001", "…", "pkg-09997", "pkg-09998", "pkg-09999"], path.Shown());
        Assert.Equal("pkg-00000 → pkg-00001 → … → pkg-09997 → pkg-09998 → pkg-09999 (10000 packages deep)", path.Describe());
        Assert.Equal("pkg-04321", path[4321]);
    }

    [Fact]
    public void Paths_share_their_parents_instead_of_copying_them()
    {
        IntroductionPath parent = ["a", "b", "c", "d", "e", "f", "g"];
        var child = parent.Append("h");
        Assert.Same(parent, child.Parent);
        Assert.Same(parent.Parent, child.Parent.Parent);
        Assert.Equal(["a", "b", "…", "f", "g", "h"], child.Shown());
    }

    [Fact]
    public void Six_names_are_the_most_shown_unshortened()
    {
        IntroductionPath six = ["a", "b", "c", "d", "e", "f"];
        Assert.False(six.IsElided);
        Assert.Equal(["a", "b", "c", "d", "e", "f"], six.Shown());
        Assert.True(six.Append("g").IsElided);
    }

    [Fact]
    public void The_empty_path_is_empty()
    {
        IntroductionPath none = [];
        Assert.Same(IntroductionPath.Empty, none);
        Assert.Empty(none);
        Assert.Empty(none.Shown());
        Assert.Same(IntroductionPath.Empty, IntroductionPath.Empty.Parent);
    }
}
