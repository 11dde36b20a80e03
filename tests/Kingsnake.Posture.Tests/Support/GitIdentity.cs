namespace Kingsnake.Posture.Tests.Support;

/// <summary>A name and e-mail as git writes them in author, committer and tagger lines.</summary>
public sealed record GitIdentity(string Name, string Email)
{
    /// <summary>The identity a test repository uses when a test names none.</summary>
    public static readonly GitIdentity Default = new("Test Maintainer", "maintainer@example.org");

    /// <summary>What GitHub writes as the committer of merges, squashes and rebases made in its web interface.</summary>
    public static readonly GitIdentity GitHub = new("GitHub", "noreply@github.com");

    public static readonly GitIdentity Dependabot = new("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com");
}
