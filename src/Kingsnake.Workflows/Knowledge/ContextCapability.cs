namespace Kingsnake.Workflows.Knowledge;

/// <summary>How much of a context's value an outside attacker can choose.</summary>
public enum ContextCapability
{
    /// <summary>Not in the tables: judged by the fallbacks of the audit that asks.</summary>
    Unknown,

    /// <summary>Free text the attacker writes (titles, bodies, branch names, commit messages).</summary>
    Arbitrary,

    /// <summary>Text with a shape the attacker can still fill with shell metacharacters (e-mail addresses, URL templates).</summary>
    Structured,

    /// <summary>Values an attacker cannot shape into code: numbers, SHAs, booleans, ids, enums, timestamps.</summary>
    Fixed,
}
