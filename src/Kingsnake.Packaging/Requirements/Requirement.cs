using System.Text;
using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Names;
using Kingsnake.Packaging.Specifiers;

namespace Kingsnake.Packaging.Requirements;

/// <summary>
/// A PEP 508 dependency specifier (<c>name[extra1,extra2] (&gt;=1.0,&lt;2) ; python_version &lt; "3.11"</c> or
/// <c>name @ https://… ; marker</c>), parsed and printed as pip's vendored <c>packaging</c> 24.1
/// (<c>packaging.requirements.Requirement</c>) does.
/// </summary>
public sealed class Requirement : IEquatable<Requirement>
{
    private readonly string[] _rawExtras; // distinct, as written, sorted (for printing)
    private string? _text;

    private Requirement(string name, string[] rawExtras, SpecifierSet specifier, string? url, Marker? marker)
    {
        Name = name;
        NormalizedName = PackageName.Normalize(name);
        _rawExtras = rawExtras;
        var extras = new HashSet<string>(StringComparer.Ordinal);
        foreach (var extra in rawExtras)
        {
            extras.Add(PackageName.Normalize(extra));
        }

        Extras = extras;
        Specifier = specifier;
        Url = url;
        Marker = marker;
    }

    /// <summary>The project name as written.</summary>
    public string Name { get; }

    /// <summary>The PEP 503 normalized project name.</summary>
    public string NormalizedName { get; }

    /// <summary>The extras, PEP 685-normalized.</summary>
    public IReadOnlySet<string> Extras { get; }

    /// <summary>The extras as written (distinct, sorted); packaging prints these.</summary>
    public IReadOnlyList<string> RawExtras => _rawExtras;

    /// <summary>The version clauses; empty for none (and for a URL requirement).</summary>
    public SpecifierSet Specifier { get; }

    /// <summary>The URL of a <c>name @ url</c> requirement; null otherwise.</summary>
    public string? Url { get; }

    /// <summary>The environment marker after <c>;</c>; null when none.</summary>
    public Marker? Marker { get; }

    public static Requirement Parse(string text) =>
        TryParse(text, out var requirement, out string error) ? requirement : throw new FormatException(error);

    public static bool TryParse(string text, out Requirement requirement) => TryParse(text, out requirement, out string _);

    /// <summary>Parses; on failure <paramref name="error"/> is packaging's message with the source and a caret line under the problem.</summary>
    public static bool TryParse(string text, out Requirement requirement, out string error)
    {
        var ok = TryParse(text, out requirement, out RequirementError? detail);
        error = ok ? string.Empty : detail!.ToString();
        return ok;
    }

    /// <summary>Parses; on failure <paramref name="error"/> carries the message and, for syntax errors, the span.</summary>
    public static bool TryParse(string text, out Requirement requirement, out RequirementError? error)
    {
        requirement = null!;
        if (!DependencySpecifierParser.TryParseRequirement(text, out var parsed, out var syntaxError))
        {
            error = new RequirementError(syntaxError.Message, syntaxError);
            return false;
        }

        // The tokenizer's clauses are re-read as a specifier set, which can still refuse them (e.g. "===a,b").
        if (!SpecifierSet.TryParse(parsed.Specifier, out var specifier, out var specifierError))
        {
            error = new RequirementError(specifierError, null);
            return false;
        }

        var extras = parsed.Extras.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var marker = parsed.Marker is null ? null : Marker.FromParsed(parsed.Marker);
        requirement = new Requirement(parsed.Name, extras, specifier, parsed.Url.Length == 0 ? null : parsed.Url, marker);
        error = null;
        return true;
    }

    /// <summary>packaging's <c>str(Requirement)</c>.</summary>
    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        var builder = new StringBuilder(Name);
        if (_rawExtras.Length > 0)
        {
            builder.Append('[').AppendJoin(',', _rawExtras).Append(']');
        }

        if (!Specifier.IsEmpty)
        {
            builder.Append(Specifier);
        }

        if (Url is not null)
        {
            builder.Append("@ ").Append(Url);
            if (Marker is not null)
            {
                builder.Append(' ');
            }
        }

        if (Marker is not null)
        {
            builder.Append("; ").Append(Marker);
        }

        return _text = builder.ToString();
    }

    /// <summary>Equality as packaging defines it (normalized name, raw extras, specifier set, URL, marker text).</summary>
    public bool Equals(Requirement? other) =>
        other is not null && NormalizedName == other.NormalizedName && _rawExtras.SequenceEqual(other._rawExtras)
        && Specifier.Equals(other.Specifier) && Url == other.Url && Equals(Marker, other.Marker);

    public override bool Equals(object? obj) => obj is Requirement other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(NormalizedName, Specifier, Url, Marker);
}

/// <summary>Why a requirement did not parse: the message and, for a syntax error, where.</summary>
public sealed record RequirementError(string Message, PackagingSyntaxError? Syntax)
{
    /// <summary>0-based offset of the problem, when known.</summary>
    public int? Position => Syntax?.Start;

    public override string ToString() => Syntax?.ToString() ?? Message;
}
