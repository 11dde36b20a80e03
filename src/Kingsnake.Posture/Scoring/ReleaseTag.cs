using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Scoring;

/// <summary>
/// A version-like tag taken as a release: its ref name, the commit it names, the annotated tag object when it is one
/// (null for a lightweight tag), and its date (the tagger's, else the tagged commit's committer date).
/// </summary>
public sealed record ReleaseTag(string Name, string CommitId, GitTag? Annotated, DateTimeOffset Date)
{
    /// <summary>The signature the annotated tag carries (not verified); None for a lightweight or unsigned tag.</summary>
    public GitSignatureKind Signature => Annotated?.Signature ?? GitSignatureKind.None;

    public bool IsSigned => Signature != GitSignatureKind.None;
}
