namespace Kingsnake.Posture.Scoring;

/// <summary>Where a check comes from: one of OpenSSF Scorecard's (scored as its code does), or a Python practice Scorecard lacks.</summary>
public enum CheckOrigin
{
    Scorecard,
    Python,
}

/// <summary>
/// One posture check: a small type whose doc comment says what it measures and how it scores, like a rule. A check
/// reads only the <see cref="PostureContext"/> (the project's files, its history, the audits' results), never the
/// clock or the console, so a commit always gives the same result.
/// </summary>
public interface IPostureCheck
{
    /// <summary>The name in reports and <c>--checks</c> (<c>Token-Permissions</c>), as Scorecard spells its own.</summary>
    string Name { get; }

    CheckRisk Risk { get; }

    CheckOrigin Origin { get; }

    /// <summary>One sentence: what a high score means.</summary>
    string Description { get; }

    /// <summary>Judges the project. Expected faults (an unreadable file) are results, not exceptions.</summary>
    CheckResult Run(PostureContext context);
}
