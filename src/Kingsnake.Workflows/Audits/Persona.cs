namespace Kingsnake.Workflows.Audits;

/// <summary>
/// Who a finding is for (zizmor's personas): <see cref="Regular"/> findings are actionable with few false
/// alarms; <see cref="Pedantic"/> adds code smells; <see cref="Auditor"/> adds everything, false alarms included.
/// A run shows the findings at or above its persona's level.
/// </summary>
public enum Persona
{
    Auditor = 0,
    Pedantic = 1,
    Regular = 2,
}
