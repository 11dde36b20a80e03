using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Suppression;

/// <summary>
/// Suppressions counted by reason: comments by their kind (one count for every <c># noqa</c>), configuration entries
/// each by itself (the <c>per-file-ignores</c> line that hid 40 findings is one reason), most frequent first.
/// </summary>
public sealed record SuppressionCount(SuppressionKind Kind, string Detail, SourceSpan? At, int Count)
{
    public static List<SuppressionCount> Of(IEnumerable<SuppressedFinding> suppressed) =>
    [
        .. suppressed
            .GroupBy(s => s.Suppression.IsComment ? (s.Suppression.Kind, "", null) : (s.Suppression.Kind, s.Suppression.Detail, s.Suppression.At))
            .Select(g => new SuppressionCount(g.Key.Kind, g.Key.Item2.Length > 0 ? g.Key.Item2 : CommentName(g.Key.Kind), g.Key.Item3, g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.At?.Path, StringComparer.Ordinal)
            .ThenBy(c => c.At?.StartLine),
    ];

    /// <summary>The kind's stable name (see <see cref="Suppression.KindName"/>).</summary>
    public string KindName => new Suppression(Kind, "").KindName;

    private static string CommentName(SuppressionKind kind) => kind switch
    {
        SuppressionKind.InlineComment => "# kingsnake: ignore comments",
        SuppressionKind.RuffNoqa => "# noqa comments",
        SuppressionKind.RuffFileNoqa => "# ruff: noqa file exemptions",
        SuppressionKind.BanditNosec => "# nosec comments",
        _ => kind.ToString(),
    };

    /// <summary>One line for people: <c>12 by # noqa comments</c>, <c>4 by ruff per-file-ignores "tests/**" (pyproject.toml:40)</c>.</summary>
    public override string ToString() => At is { } at ? $"{Count} by {Detail} ({at.Path}{(at.HasLine ? $":{at.StartLine}" : "")})" : $"{Count} by {Detail}";
}
