using Kingsnake.Posture.Checks.Python;
using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture;

/// <summary>Every check <c>kingsnake score</c> runs: Scorecard's, then the Python ones, each group in alphabetical order.</summary>
public static class PostureChecks
{
    public static IReadOnlyList<IPostureCheck> All { get; } = [.. ScorecardFileChecks.All.Concat(ScorecardHistoryChecks.All).OrderBy(c => c.Name, StringComparer.Ordinal), .. PythonChecks.All];

    /// <summary>The check named <paramref name="name"/> (any case), or null.</summary>
    public static IPostureCheck? Find(string name) => All.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}
