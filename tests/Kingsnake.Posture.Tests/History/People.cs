using Kingsnake.Posture.Tests.Support;

namespace Kingsnake.Posture.Tests.History;

/// <summary>The authors of the history tests, each from a different organisation.</summary>
internal static class People
{
    public static readonly GitIdentity Alice = new("Alice Maintainer", "alice@alpha.io");
    public static readonly GitIdentity Bob = new("Bob Builder", "bob@beta.dev");
    public static readonly GitIdentity Carol = new("Carol Reviewer", "carol@gamma.org");
    public static readonly GitIdentity Renovate = new("renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com");
    public static readonly GitIdentity PreCommitCi = new("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com");
}
