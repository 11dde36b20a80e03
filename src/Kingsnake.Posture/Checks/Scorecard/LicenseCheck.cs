using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's License (<c>checks/raw/license.go</c>, <c>checks/evaluation/license.go</c>): 9 for a licence file in
/// the root — <c>LICENSE</c>, <c>LICENCE</c>, <c>COPYING</c>, <c>COPYRIGHT</c>, <c>PATENT(S)</c>, names ignoring case,
/// optionally with an SPDX id after or before it (<c>LICENSE-MIT</c>, <c>MIT-LICENSE</c>) and an extension of
/// none, .adoc .asc .doc .docx .ext .html .markdown .md .rst .txt .xml — or a file in <c>LICENSES/</c> (REUSE, named by
/// its SPDX id); 1 more when the licence is FSF- or OSI-approved. Remotely the approval comes from GitHub's licence
/// API; offline (as <c>scorecard --local</c>) only from an SPDX id in the file name, so a plain <c>LICENSE</c> scores 9.
/// </summary>
public sealed class LicenseCheck : IPostureCheck
{
    private static readonly string[] Words = ["license", "licence", "copying", "copyright", "patents", "patent"];

    private static readonly string[] Extensions = [".adoc", ".asc", ".doc", ".docx", ".ext", ".html", ".markdown", ".md", ".rst", ".txt", ".xml"];

    public string Name => "License";

    public CheckRisk Risk => CheckRisk.Low;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "The project declares its licence in a licence file at the top of the repository.";

    public CheckResult Run(PostureContext context)
    {
        var found = new List<(string Path, string? SpdxId)>();
        foreach (var path in ScorecardFiles.List(context))
        {
            if (Recognize(path) is { } recognized)
            {
                found.Add((path, recognized.SpdxId));
            }
        }

        if (found.Count == 0)
        {
            return CheckResult.Scored(this, 0, "no licence file in the repository's root (LICENSE, COPYING, … or LICENSES/)",
                "add a LICENSE file in the root with the licence text, and name it in pyproject.toml (`license = \"MIT\"`, PEP 639)");
        }

        var approved = found.FirstOrDefault(f => f.SpdxId is { } id && ApprovedLicenses.IsApproved(id));
        var evidence = found.Select(f => new CheckEvidence(f.SpdxId is { } id
            ? $"licence file naming {id}{(ApprovedLicenses.IsApproved(id) ? " (FSF/OSI-approved)" : " (not a known FSF/OSI-approved id)")}"
            : "licence file")
        { Path = f.Path }).ToList();
        if (approved.Path is not null)
        {
            return CheckResult.Scored(this, 10, $"licence file {approved.Path} names the FSF/OSI-approved licence {approved.SpdxId}: 9 + 1", null, evidence);
        }

        return CheckResult.Scored(this, 9,
            $"licence file {found[0].Path}: 9; the approval point needs the forge's licence API or an SPDX id in the file name",
            $"to earn the last point offline, name the licence in the file name ({SuggestedName(found[0].Path)}) or move it to LICENSES/<SPDX-id>.txt (REUSE)",
            evidence);
    }

    /// <summary>Whether <paramref name="path"/> is a licence file Scorecard recognises, and the SPDX id its name carries.</summary>
    internal static (string? SpdxId, bool Recognized)? Recognize(string path)
    {
        if (path.StartsWith("LICENSES/", StringComparison.OrdinalIgnoreCase) && path.IndexOf('/', "LICENSES/".Length) < 0)
        {
            var name = path["LICENSES/".Length..];
            var id = StripExtension(name, out _);
            return id.Length > 0 ? (id, true) : null;
        }

        if (path.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var stem = StripExtension(path, out _);
        foreach (var word in Words)
        {
            if (stem.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return (null, true);
            }

            if (stem.Length > word.Length + 1 && stem.StartsWith(word, StringComparison.OrdinalIgnoreCase) && IsSeparator(stem[word.Length]))
            {
                var id = stem[(word.Length + 1)..];
                return IsIdLike(id) ? (id, true) : null;
            }

            if (stem.Length > word.Length + 1 && stem.EndsWith(word, StringComparison.OrdinalIgnoreCase) && IsSeparator(stem[^(word.Length + 1)]))
            {
                var id = stem[..^(word.Length + 1)];
                return IsIdLike(id) ? (id, true) : null;
            }
        }

        return null;
    }

    private static string StripExtension(string name, out string extension)
    {
        foreach (var candidate in Extensions)
        {
            if (name.Length > candidate.Length && name.EndsWith(candidate, StringComparison.OrdinalIgnoreCase))
            {
                extension = candidate;
                return name[..^candidate.Length];
            }
        }

        extension = "";
        return name;
    }

    private static bool IsSeparator(char c) => c is '-' or '_' or '.' or ' ';

    private static bool IsIdLike(string id) => id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+');

    private static string SuggestedName(string path) => path.Contains('.', StringComparison.Ordinal)
        ? path.Insert(path.IndexOf('.', StringComparison.Ordinal), "-<SPDX-id>")
        : path + "-<SPDX-id>";
}
