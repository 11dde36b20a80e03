using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// The major version of a <c>uses:</c>: from a version ref (<c>@v6</c>, <c>@v6.1.0</c>), or, for a SHA pin, from the
/// version comment Dependabot and Renovate keep after it (<c>@&lt;sha&gt; # v6.1.0</c>). zizmor resolves SHA pins online;
/// the comment is the offline answer (unverified: ref-version-mismatch is what checks it).
/// </summary>
public static class ActionVersion
{
    /// <summary>The major version, or 0 when unknown (a branch, a SHA without a version comment).</summary>
    public static int Major(UsesReference uses, YamlScalar node, SourceText source) => ArtipackedAudit.MajorVersion(Text(uses, node, source));

    /// <summary>
    /// The version a <c>uses:</c> names, as <c>v</c> and what follows (<c>v6</c>, <c>v1.12.4</c>): its ref when that is a
    /// version, else for a SHA pin the version comment after it; null when unknown (a branch, a SHA without a comment).
    /// </summary>
    public static string? Text(UsesReference uses, YamlScalar node, SourceText source)
    {
        if (ArtipackedAudit.MajorVersion(uses.Ref) > 0 || uses.RefKind != UsesRefKind.CommitSha)
        {
            return ArtipackedAudit.MajorVersion(uses.Ref) > 0 ? uses.Ref : null;
        }

        var line = source.Line(node.End.Line);
        var rest = node.End.Column - 1 <= line.Length ? line[(node.End.Column - 1)..].Trim() : [];
        if (!rest.StartsWith("#"))
        {
            return null;
        }

        var comment = rest[1..].Trim().ToString();
        if (comment.StartsWith("frozen:", StringComparison.Ordinal))
        {
            comment = comment["frozen:".Length..].Trim();
        }

        if (comment.StartsWith("tag=", StringComparison.Ordinal))
        {
            comment = comment["tag=".Length..];
        }

        var word = comment.Split(' ', 2)[0];
        word = word.StartsWith('v') ? word : "v" + word;
        return ArtipackedAudit.MajorVersion(word) > 0 ? word : null;
    }
}
