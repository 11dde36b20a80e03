using Kingsnake.Core.Findings;

namespace Kingsnake.Posture.Scoring;

/// <summary>Runs checks against one context: in parallel (they share its lazily computed parts), results in the checks' order.</summary>
public static class PostureRunner
{
    public static PostureScore Run(PostureContext context, IReadOnlyList<IPostureCheck> checks)
    {
        var results = new CheckResult[checks.Count];
        Parallel.For(0, checks.Count, i => results[i] = RunOne(context, checks[i]));
        return new PostureScore(results);
    }

    /// <summary>
    /// One check; a fault it did not expect in what it reads (a damaged pack, an unreadable file) is its result, not
    /// the loss of the others.
    /// </summary>
    public static CheckResult RunOne(PostureContext context, IPostureCheck check)
    {
        try
        {
            return check.Run(context);
        }
        catch (Exception ex) when (ex is InputFormatException or IOException or UnauthorizedAccessException)
        {
            return CheckResult.Failed(check, $"could not be computed: {ex.Message}");
        }
    }
}
