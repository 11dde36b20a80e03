namespace Kingsnake.Dependencies.Requirements;

/// <summary>What a logical line of a requirements file asks for.</summary>
public enum RequirementsEntryKind
{
    /// <summary>A requirement: PEP 508 text, a URL, a local path or an archive file name.</summary>
    Requirement,

    /// <summary><c>-e</c>/<c>--editable</c>: a local project directory or a VCS URL, installed in development mode.</summary>
    Editable,

    /// <summary><c>-r</c>/<c>--requirement</c>: another requirements file.</summary>
    Include,

    /// <summary><c>-c</c>/<c>--constraint</c>: a constraints file (pins versions without asking for the packages).</summary>
    Constraint,
}

/// <summary>
/// One logical line of a requirements file after pip's preprocessing (continuations joined, comments dropped,
/// <c>${VAR}</c> expanded, options split off). <see cref="Line"/> is the first physical line.
/// </summary>
public sealed record RequirementsEntry(RequirementsEntryKind Kind, string Text, int Line, int Column)
{
    /// <summary><c>--hash</c> values as <c>algorithm:hexdigest</c>.</summary>
    public IReadOnlyList<string> Hashes { get; init; } = [];

    /// <summary>Other per-requirement options (<c>--config-settings</c>, <c>--global-option</c>) as written.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];
}
