using System.Globalization;
using Kingsnake.Core.Findings;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project.Git;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Signed-Releases, from the clone: Scorecard reads the assets of the 5 newest forge releases (8 for a
/// signature file, 10 for <c>.intoto.jsonl</c> provenance, <c>floor(mean)</c>); a clone has no release assets, so its
/// releases are its version-like tags (<c>v?1.2.3…</c>). The 5 newest (by tagger date, or the tagged commit's committer
/// date for a lightweight tag) each score 8 when the tag is an annotated tag carrying a PGP, SSH or X.509 signature
/// (Scorecard's score for a signature asset) and 0 otherwise; the score is <c>floor(mean)</c>, so 8 at best. The
/// signatures are seen, not verified: checking them needs the signers' keys, which a scan does not have. PyPI
/// attestations are the Attestations check's business. No version tag leaves the check out.
/// </summary>
public sealed class SignedReleasesCheck : IPostureCheck
{
    /// <summary>Scorecard looks at the 5 newest releases.</summary>
    public const int ReleasesRead = 5;

    /// <summary>Scorecard's score for a release with a signature asset.</summary>
    public const int SignedScore = 8;

    public string Name => "Signed-Releases";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "Releases are signed, so users can check they come from the project.";

    public CheckResult Run(PostureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Repository is null)
        {
            return CheckResult.NotApplicable(this, "not a git repository");
        }

        IReadOnlyList<ReleaseTag> releases;
        try
        {
            releases = PostureHistory.ReleaseTags(context);
        }
        catch (InputFormatException ex)
        {
            return CheckResult.Failed(this, "the tags could not be read: " + ex.Message);
        }

        if (releases.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no release tag (no version-like tag such as v1.2.3)");
        }

        var newest = releases.Take(ReleasesRead).ToList();
        var signed = newest.Count(release => release.IsSigned);
        var score = SignedScore * signed / newest.Count;
        var evidence = newest.Select(release => new CheckEvidence(Describe(release)) { Commit = release.CommitId, Negative = !release.IsSigned }).ToList();
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{signed} of the {newest.Count} newest release tags signed: floor({SignedScore}·{signed}/{newest.Count}) = {score}; signatures are present, not verified (no keys offline); PyPI attestations are judged by the Attestations check");
        var next = signed < newest.Count
            ? "sign release tags: git tag -s vX.Y.Z (gpg, or ssh with gpg.format=ssh)"
            : "attach SLSA provenance (*.intoto.jsonl) to the forge releases: Scorecard gives 10 for it, which a clone cannot show";
        return CheckResult.Scored(this, score, reason, next, evidence);
    }

    private static string Describe(ReleaseTag release)
    {
        var kind = release.Annotated is null
            ? "lightweight tag, unsigned"
            : release.Signature switch
            {
                GitSignatureKind.OpenPgp => "annotated tag, PGP signature",
                GitSignatureKind.Ssh => "annotated tag, SSH signature",
                GitSignatureKind.X509 => "annotated tag, X.509 signature",
                GitSignatureKind.None => "annotated tag, unsigned",
                _ => "annotated tag, signature of an unknown kind",
            };
        var date = release.Date == DateTimeOffset.MinValue ? "date unknown" : release.Date.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{release.Name} ({kind}, {date})";
    }
}
