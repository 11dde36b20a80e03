using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Suppression;

/// <summary>
/// Triage a project did with a peer tool (ruff, zizmor), read from its comments and configuration: whether that
/// triage already settled a finding.
/// </summary>
public interface IPeerTriage
{
    /// <summary>The suppression that settles <paramref name="finding"/>, or null when this peer's triage says nothing about it.</summary>
    SuppressionReason? Decide(Finding finding);
}
