using Kingsnake.Core.Findings;

namespace Kingsnake.Reporting.Common;

/// <summary>How many findings there are of each severity.</summary>
public sealed class SeverityCounts
{
    /// <summary>Severities from the worst down, the order summaries list them in.</summary>
    public static IReadOnlyList<Severity> WorstFirst { get; } =
        [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    private readonly int[] _counts = new int[5];

    public SeverityCounts(IEnumerable<Finding> findings)
    {
        foreach (var finding in findings)
        {
            _counts[(int)finding.Severity]++;
            Total++;
        }
    }

    public int Total { get; }

    public int this[Severity severity] => _counts[(int)severity];
}
