using Kingsnake.Cli.Commands;
using Kingsnake.Core.Suppression;
using Kingsnake.Project;

namespace Kingsnake.Cli.Tests;

/// <summary>The filter's view of the project's files: the same lines as a whole-text split, found lazily.</summary>
public sealed class ProjectSourceLinesTests
{
    [Theory]
    [InlineData("a = 1\nb = 2\n")]
    [InlineData("a = 1\r\nb = 2\r\n\r\nc")]
    [InlineData("\uFEFFa = 1\rb = 'é'\n\n")]
    [InlineData("")]
    [InlineData("x = '\u00e9\u4e2d'  # noqa: S101\n")]
    public void Lines_are_those_of_a_whole_text_split(string text)
    {
        using var project = new TempProject().With("m.py", text);
        var lines = new ProjectSourceLines(ProjectTree.Open(project.Root)).Lines("m.py");

        Assert.NotNull(lines);
        Assert.Equal(SourceLines.Split(text.TrimStart('\uFEFF')), lines);
    }

    [Fact]
    public void A_file_is_said_to_mention_text_in_any_case_only_when_it_does()
    {
        using var project = new TempProject()
            .With("a.py", "import os  # NoQA: S101\n")
            .With("b.py", "import os  # no qa, nor n-o-q-a\nq = 'noq'\n")
            .With("c.py", "nOqA");
        var sources = new ProjectSourceLines(ProjectTree.Open(project.Root));

        Assert.True(sources.MayContain("a.py", "noqa"));
        Assert.False(sources.MayContain("b.py", "noqa"));
        Assert.True(sources.MayContain("c.py", "noqa"));
        Assert.False(sources.MayContain("missing.py", "noqa"));
    }
}
