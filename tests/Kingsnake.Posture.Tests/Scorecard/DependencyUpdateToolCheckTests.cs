using Kingsnake.Posture.Checks.Scorecard;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class DependencyUpdateToolCheckTests
{
    private static readonly DependencyUpdateToolCheck Check = new();

    [Theory]
    [InlineData(".github/dependabot.yml", 10)]
    [InlineData(".github/dependabot.yaml", 10)]
    [InlineData("renovate.json", 10)]
    [InlineData(".github/renovate.json5", 10)]
    [InlineData(".gitlab/renovate.json", 10)]
    [InlineData(".renovaterc", 10)]
    [InlineData(".renovaterc.json5", 10)]
    [InlineData(".scala-steward.conf", 10)]
    [InlineData("docs/renovate.json", 0)]
    [InlineData(".github/workflows/dependabot.yml", 0)]
    [InlineData("README.md", 0)]
    public void Configuration_files(string path, int expected)
    {
        using var tree = new TempTree();
        tree.Write(path, "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule:\n      interval: weekly\n");
        var result = tree.Run(Check);
        Assert.Equal(expected, result.Score);
        Assert.Equal(expected == 0, result.NextStep is not null);
        Assert.Equal(expected == 10 ? [path] : [], result.Evidence.Select(e => e.Path));
    }
}
