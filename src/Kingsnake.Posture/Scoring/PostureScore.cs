namespace Kingsnake.Posture.Scoring;

/// <summary>
/// The checks' results and their aggregate: Scorecard's risk-weighted mean <c>Σ w·score / Σ w</c> over the checks
/// that gave a score (critical 10, high 7.5, medium 5, low 2.5), null when none did. Checks left out are listed with
/// their reasons by <see cref="LeftOut"/>.
/// </summary>
public sealed record PostureScore(IReadOnlyList<CheckResult> Checks)
{
    /// <summary>The aggregate, rounded to one decimal as Scorecard's JSON prints it; null when no check gave a score.</summary>
    public double? Aggregate { get; } = Compute(Checks);

    /// <summary>Checks that did not count: not applicable, not computable offline, or failed.</summary>
    public IEnumerable<CheckResult> LeftOut => Checks.Where(c => c.Status != CheckStatus.Scored);

    /// <summary>Checks that count, lowest score first (heaviest risk first among equals), then by name.</summary>
    public IEnumerable<CheckResult> Scored => Checks.Where(c => c.Status == CheckStatus.Scored);

    public static double? Compute(IEnumerable<CheckResult> checks)
    {
        double weighted = 0, weights = 0;
        foreach (var check in checks)
        {
            if (check.Status == CheckStatus.Scored && check.Score >= 0)
            {
                weighted += check.Risk.Weight() * check.Score;
                weights += check.Risk.Weight();
            }
        }

        return weights == 0 ? null : Math.Round(weighted / weights, 1, MidpointRounding.AwayFromZero);
    }
}
