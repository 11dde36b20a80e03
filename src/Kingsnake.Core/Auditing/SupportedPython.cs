using Kingsnake.Core.Findings;

namespace Kingsnake.Core.Auditing;

/// <summary>
/// The CPython versions a project declares it supports: <c>requires-python</c> in <c>[project]</c> of
/// <c>pyproject.toml</c>, else <c>python_requires</c> in <c>[options]</c> of <c>setup.cfg</c> (a PEP 723 script's own
/// <c>requires-python</c> applies to that script). The dependency area reads it (it owns the PEP 440 specifier code);
/// this is what every area sees: the declaration as written, where it is, and the lowest version it admits, which is
/// the grammar the code must parse under.
/// </summary>
public sealed record SupportedPython
{
    /// <summary>The newest CPython 3 minor version Kingsnake knows (3.15).</summary>
    public const int NewestMinor = 15;

    /// <summary>Nothing declared, or a declaration that could not be read: any version, and the newest grammar.</summary>
    public static SupportedPython Undeclared { get; } = new();

    /// <summary>The PEP 440 specifier set as declared (<c>&gt;=3.9</c>); null when nothing (readable) is declared.</summary>
    public string? Specifier { get; init; }

    /// <summary>Where <see cref="Specifier"/> is written (the file, and the line of the value when known).</summary>
    public SourceSpan? DeclaredAt { get; init; }

    /// <summary>
    /// The lowest CPython 3 minor version the range admits (9 for <c>&gt;=3.9</c>, 8 for <c>&gt;=3.8.1</c>); the newest,
    /// <see cref="NewestMinor"/>, when nothing is declared or no version from 3.0 to 3.15 is admitted.
    /// </summary>
    public int LowestMinor { get; init; } = NewestMinor;

    public bool IsDeclared => Specifier is not null;

    /// <summary><see cref="LowestMinor"/> as a version (3.9), the form parser targets take.</summary>
    public Version Lowest => new(3, LowestMinor);

    public override string ToString() => IsDeclared ? $"requires-python {Specifier} ({DeclaredAt})" : "no supported Python range declared";
}
