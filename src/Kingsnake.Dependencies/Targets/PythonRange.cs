using System.Numerics;
using Kingsnake.Core.Auditing;
using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Dependencies.Targets;

/// <summary>
/// A declared supported Python range (<c>requires-python</c>) as a PEP 440 specifier set, judged over the CPython
/// releases Kingsnake knows, 3.0 to 3.15: the lowest minor version it admits, and whether a dependency's marker can
/// hold on any admitted release.
/// </summary>
/// <remarks>
/// Exact without listing every patch release: a specifier set (and a marker's <c>python_full_version</c> comparisons)
/// only changes its answer at the versions it names, so it is enough to try each <c>3.x.0</c>, each version named and
/// the patch release right after it (<c>&gt;3.8</c> admits 3.8.1, not 3.8.0).
/// </remarks>
public sealed class PythonRange
{
    private readonly List<PythonVersion> _admitted;

    private PythonRange(string text, SpecifierSet specifiers)
    {
        Text = text;
        Specifiers = specifiers;
        _admitted = [.. Candidates(specifiers.Specifiers.Select(s => s.Version)).Where(v => specifiers.Contains(v))];
        LowestMinor = _admitted.Count == 0 ? null : (int)_admitted.Min(v => v.Minor);
    }

    /// <summary>The specifier set as declared (trimmed).</summary>
    public string Text { get; }

    public SpecifierSet Specifiers { get; }

    /// <summary>The lowest CPython 3 minor version with an admitted release; null when no release from 3.0 to 3.15 is admitted.</summary>
    public int? LowestMinor { get; }

    public static bool TryParse(string text, out PythonRange range, out string error)
    {
        if (SpecifierSet.TryParse(text, out var specifiers, out error))
        {
            range = new PythonRange(text.Trim(), specifiers);
            return true;
        }

        range = null!;
        return false;
    }

    /// <summary>The range of a declaration already read (and so valid); null when nothing is declared.</summary>
    public static PythonRange? Of(SupportedPython declared) =>
        declared.Specifier is { } text && TryParse(text, out var range, out _) ? range : null;

    /// <summary>What every area sees of this range, declared at <paramref name="at"/>.</summary>
    public SupportedPython ToSupportedPython(Core.Findings.SourceSpan at) => new()
    {
        Specifier = Text,
        DeclaredAt = at,
        LowestMinor = LowestMinor ?? SupportedPython.NewestMinor,
    };

    /// <summary>
    /// Whether <paramref name="marker"/> can hold on some release the range admits: false when it is false on every one
    /// (<c>python_version &lt; "3.8"</c> under <c>&gt;=3.12</c>), so the requirement it guards is moot. Variables other
    /// than <c>python_version</c> and <c>python_full_version</c> come from <paramref name="otherVariables"/> (null:
    /// unknown). When the range admits no known release, nothing is judged moot.
    /// </summary>
    public bool? MayHold(Marker marker, Func<string, string?> otherVariables)
    {
        if (_admitted.Count == 0)
        {
            return null;
        }

        // python_full_version changes the answer only at the versions it is compared with; a comparison that is not
        // with a version ("in" a string of them, say) cannot be judged that way, and leaves the full version unknown
        var comparisons = marker.ComparisonsOf("python_full_version");
        var fullVersionKnown = comparisons.All(c => c.Operator is not ("in" or "not in") && ParseRelease(c.Value) is not null);
        var candidates = fullVersionKnown && comparisons.Count > 0
            ? [.. _admitted.Concat(Candidates(comparisons.Select(c => c.Value)).Where(v => Specifiers.Contains(v))).Distinct()]
            : _admitted;

        var unknown = false;
        foreach (var version in candidates)
        {
            var shortVersion = $"{version.Major}.{version.Minor}";
            var fullVersion = $"{shortVersion}.{version.Micro}";
            var answer = marker.EvaluatePartial(name => name switch
            {
                "python_version" => shortVersion,
                "python_full_version" => fullVersionKnown ? fullVersion : null,
                _ => otherVariables(name),
            });
            if (answer == true)
            {
                return true;
            }

            unknown |= answer is null;
        }

        return unknown ? null : false;
    }

    /// <summary>Each <c>3.x.0</c> up to 3.15, and each CPython 3 release named in <paramref name="versions"/> with the patch release after it.</summary>
    private static IEnumerable<PythonVersion> Candidates(IEnumerable<string> versions)
    {
        for (var minor = 0; minor <= SupportedPython.NewestMinor; minor++)
        {
            yield return PythonVersion.Parse($"3.{minor}.0");
        }

        foreach (var text in versions)
        {
            if (ParseRelease(text) is { Major: var major, Minor: var minor, Micro: var micro } && major == 3 && minor <= SupportedPython.NewestMinor)
            {
                yield return PythonVersion.Parse($"3.{minor}.{micro}");
                yield return PythonVersion.Parse($"3.{minor}.{micro + BigInteger.One}");
            }
        }
    }

    /// <summary>The version a specifier or marker value names (<c>3.8.*</c> names 3.8); null when it names none.</summary>
    private static PythonVersion? ParseRelease(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith(".*", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^2];
        }

        return PythonVersion.TryParse(trimmed, out var version) ? version : null;
    }
}
