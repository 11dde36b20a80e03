using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Suppression;

/// <summary>
/// Suppressions counted by reason: comments by their kind (one count for every <c># noqa</c>), configuration by the
/// entry that is written (the <c>per-file-ignores</c> line that hid 40 findings is one reason); most frequent first.
/// </summary>
/// <param name="At">The configuration entry; null for comments, which are counted together.</param>
public sealed record SuppressionCount(SuppressionKind Kind, SourceSpan? At, int Count)
{
    public static List<SuppressionCount> Of(IEnumerable<SuppressedFinding> suppressed) =>
    [
        .. suppressed
            .GroupBy(s => (s.Reason.Kind, At: s.Reason.IsComment ? null : s.Reason.At))
            .Select(g => new SuppressionCount(g.Key.Kind, g.Key.At, g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.At?.Path, StringComparer.Ordinal)
            .ThenBy(c => c.At?.StartLine),
    ];

    /// <summary>The kind's stable name (see <see cref="SuppressionReason.KindName"/>).</summary>
    public string KindName => new SuppressionReason(Kind, "").KindName;

    /// <summary>The mechanism in words (see <see cref="SuppressionReason.KindDescription"/>).</summary>
    public string Description => new SuppressionReason(Kind, "").KindDescription;

    /// <summary>One line for people: <c>12 by # noqa comments</c>, <c>4 by ruff per-file-ignores (pyproject.toml:40)</c>.</summary>
    public override string ToString() => At is { } at ? $"{Count} by {Description} ({at.Path}{(at.HasLine ? $":{at.StartLine}" : "")})" : $"{Count} by {Description}";
}
