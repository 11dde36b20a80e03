using Kingsnake.Packaging.Text;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Packaging.Specifiers;

/// <summary>
/// A comma-separated set of PEP 440 clauses (<c>&gt;=1.0,!=1.3.*,&lt;2</c>), all of which must hold; the empty set
/// admits every final release. Semantics and printing follow pip's vendored <c>packaging</c> 24.1
/// (<c>packaging.specifiers.SpecifierSet</c>), including its pre-release rules.
/// </summary>
public sealed class SpecifierSet : IEquatable<SpecifierSet>
{
    private readonly Specifier[] _specifiers; // distinct (packaging keeps a frozenset), in input order
    private string? _text;

    private SpecifierSet(Specifier[] specifiers, bool? preReleases)
    {
        _specifiers = specifiers;
        PreReleasesOverride = preReleases;
    }

    /// <summary>The set with no clauses.</summary>
    public static SpecifierSet Empty { get; } = new([], null);

    public IReadOnlyList<Specifier> Specifiers => _specifiers;

    public int Count => _specifiers.Length;

    public bool IsEmpty => _specifiers.Length == 0;

    /// <summary>An explicit pre-release policy given at construction; null means "decide from the clauses".</summary>
    public bool? PreReleasesOverride { get; }

    /// <summary>
    /// packaging's <c>SpecifierSet.prereleases</c>: the explicit policy if any; otherwise null for an empty set,
    /// else whether any clause admits pre-releases by itself (an inclusive operator with a pre-release operand).
    /// </summary>
    public bool? AllowsPreReleases
    {
        get
        {
            if (PreReleasesOverride is { } explicitPolicy)
            {
                return explicitPolicy;
            }

            if (_specifiers.Length == 0)
            {
                return null;
            }

            foreach (var specifier in _specifiers)
            {
                if (specifier.AllowsPreReleases)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public static SpecifierSet Parse(string text, bool? preReleases = null) =>
        TryParse(text, preReleases, out var set, out var error) ? set : throw new FormatException(error);

    public static bool TryParse(string text, out SpecifierSet set) => TryParse(text, null, out set, out _);

    public static bool TryParse(string text, out SpecifierSet set, out string error) => TryParse(text, null, out set, out error);

    /// <summary>
    /// Parses a comma-separated list (empty items are skipped). On failure <paramref name="error"/> names the
    /// first invalid clause as packaging does: <c>Invalid specifier: '…'</c>.
    /// </summary>
    public static bool TryParse(string text, bool? preReleases, out SpecifierSet set, out string error)
    {
        set = Empty;
        error = string.Empty;
        if (text.Length == 0 && preReleases is null)
        {
            return true;
        }

        var specifiers = new List<Specifier>();
        foreach (var item in text.Split(','))
        {
            var clause = PythonText.Strip(item);
            if (clause.Length == 0)
            {
                continue;
            }

            if (!Specifier.TryParse(clause, out var specifier, out error))
            {
                return false;
            }

            // A frozenset keeps the first of equal clauses (">=1.0,>=1.0.0" is one clause).
            if (!specifiers.Contains(specifier))
            {
                specifiers.Add(specifier);
            }
        }

        set = new SpecifierSet([.. specifiers], preReleases);
        return true;
    }

    /// <summary>Whether <paramref name="version"/> satisfies every clause, with packaging's pre-release rule.</summary>
    public bool Contains(PythonVersion version, bool? preReleases = null)
    {
        // Pre-releases are out unless asked for, or some clause names one; an empty set admits none by default.
        var allowPre = preReleases ?? AllowsPreReleases;
        if (allowPre != true && version.IsPreRelease)
        {
            return false;
        }

        foreach (var specifier in _specifiers)
        {
            if (!specifier.Contains(version, allowPre))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Like <see cref="Contains(PythonVersion, bool?)"/> for a version string. A string that is not PEP 440 can
    /// only satisfy a non-empty set made only of <c>===</c> clauses equal to it ignoring case (packaging raises instead).
    /// </summary>
    public bool Contains(string version, bool? preReleases = null)
    {
        if (PythonVersion.TryParse(version, out var parsed))
        {
            return Contains(parsed, preReleases);
        }

        if (_specifiers.Length == 0)
        {
            return false;
        }

        foreach (var specifier in _specifiers)
        {
            if (!specifier.Contains(version, preReleases))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// packaging's <c>SpecifierSet.filter</c>: the versions that satisfy the set, in input order. With no
    /// clauses and no explicit policy, pre-releases are returned only when there is nothing else.
    /// </summary>
    public IEnumerable<PythonVersion> Filter(IEnumerable<PythonVersion> versions, bool? preReleases = null) =>
        Filter(versions, static v => v, preReleases);

    /// <summary>As <see cref="Filter(IEnumerable{PythonVersion}, bool?)"/> for items that carry a version.</summary>
    public IEnumerable<T> Filter<T>(IEnumerable<T> items, Func<T, PythonVersion> versionOf, bool? preReleases = null)
    {
        var allowPre = preReleases ?? AllowsPreReleases;
        if (_specifiers.Length > 0)
        {
            // Each clause filters with an explicit policy here, which makes packaging's "only pre-releases
            // match" fallback unreachable: the result is a plain filter.
            var explicitPolicy = allowPre == true;
            return items.Where(item =>
            {
                var version = versionOf(item);
                foreach (var specifier in _specifiers)
                {
                    if (!specifier.Contains(version, explicitPolicy))
                    {
                        return false;
                    }
                }

                return true;
            }).ToList();
        }

        var finals = new List<T>();
        var preOnly = new List<T>();
        foreach (var item in items)
        {
            if (versionOf(item).IsPreRelease && allowPre != true)
            {
                if (finals.Count == 0)
                {
                    preOnly.Add(item);
                }
            }
            else
            {
                finals.Add(item);
            }
        }

        return finals.Count == 0 && preOnly.Count > 0 && allowPre is null ? preOnly : finals;
    }

    /// <summary>Both sets' clauses (packaging's <c>&amp;</c>); throws when their explicit pre-release policies conflict.</summary>
    public SpecifierSet Intersect(SpecifierSet other)
    {
        bool? policy;
        if (PreReleasesOverride is null || other.PreReleasesOverride is null || PreReleasesOverride == other.PreReleasesOverride)
        {
            policy = PreReleasesOverride ?? other.PreReleasesOverride;
        }
        else
        {
            throw new InvalidOperationException("Cannot combine SpecifierSets with True and False prerelease overrides.");
        }

        var combined = new List<Specifier>(_specifiers);
        foreach (var specifier in other._specifiers)
        {
            if (!combined.Contains(specifier))
            {
                combined.Add(specifier);
            }
        }

        return new SpecifierSet([.. combined], policy);
    }

    /// <summary>packaging's <c>str(SpecifierSet)</c>: the clauses as written, sorted, comma-joined, no spaces.</summary>
    public override string ToString()
    {
        if (_text is null)
        {
            var parts = new string[_specifiers.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = _specifiers[i].ToString();
            }

            Array.Sort(parts, PythonText.CompareCodePoints);
            _text = string.Join(',', parts);
        }

        return _text;
    }

    /// <summary>Set equality of the clauses (pre-release policy ignored), as packaging defines it.</summary>
    public bool Equals(SpecifierSet? other)
    {
        if (other is null || other._specifiers.Length != _specifiers.Length)
        {
            return false;
        }

        foreach (var specifier in _specifiers)
        {
            if (Array.IndexOf(other._specifiers, specifier) < 0)
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is SpecifierSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var specifier in _specifiers)
        {
            hash ^= specifier.GetHashCode(); // order-independent, like a frozenset
        }

        return hash;
    }
}
