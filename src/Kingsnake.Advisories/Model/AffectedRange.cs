using Kingsnake.Packaging.Versions;

namespace Kingsnake.Advisories.Model;

public enum RangeType
{
    /// <summary>Any type this code does not know.</summary>
    Other,

    /// <summary>PEP 440 order for PyPI: the only type evaluated.</summary>
    Ecosystem,

    Semver,

    /// <summary>Commit hashes; needs the git graph, informational only.</summary>
    Git,
}

public enum RangeEventKind : byte
{
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

/// <summary>One <c>events[]</c> entry: exactly one of introduced / fixed / last_affected / limit.</summary>
public sealed record RangeEvent(RangeEventKind Kind, string Version)
{
    /// <summary><c>introduced: "0"</c> (before every version) or <c>limit: "*"</c> (no limit).</summary>
    public bool IsSentinel =>
        (Kind == RangeEventKind.Introduced && Version == "0") || (Kind == RangeEventKind.Limit && Version == "*");
}

/// <summary>
/// One <c>ranges[]</c> entry. <see cref="Contains"/> follows the OSV reference algorithm: events sorted by PEP 440
/// order (records list them unsorted: oslo-middleware PYSEC-2018-104), with <c>fixed</c>/<c>last_affected</c>
/// placed before <c>introduced</c> at equal versions (pyspark PYSEC-2023-72 has <c>fixed 3.1.1</c> and
/// <c>introduced 3.1.1</c>: 3.1.1 is affected), walked in order; <c>introduced "0"</c> is below everything,
/// <c>last_affected</c> is inclusive, and a version must be below some <c>limit</c> when limits exist. Ordering is
/// pure PEP 440 order: pre-releases are not excluded as a specifier would exclude them.
/// </summary>
public sealed class AffectedRange
{
    // Built on first use; one object so that a reader on another thread sees events and limits together.
    private CompiledRange? _compiled;
    private PythonVersion[]? _fixed;

    public AffectedRange(string type, IReadOnlyList<RangeEvent> events, string? repo = null)
    {
        TypeName = type;
        Type = type switch
        {
            "ECOSYSTEM" => RangeType.Ecosystem,
            "SEMVER" => RangeType.Semver,
            "GIT" => RangeType.Git,
            _ => RangeType.Other,
        };
        Events = events;
        Repo = repo;
    }

    public RangeType Type { get; }

    /// <summary>The type as written.</summary>
    public string TypeName { get; }

    public string? Repo { get; }

    /// <summary>The events in record order.</summary>
    public IReadOnlyList<RangeEvent> Events { get; }

    /// <summary>The PEP 440 <c>fixed</c> versions of this range, in record order.</summary>
    public IReadOnlyList<PythonVersion> FixedVersions
    {
        get
        {
            if (_fixed is null && !IsEvaluable)
            {
                _fixed = [];
            }

            if (_fixed is null)
            {
                var list = new List<PythonVersion>();
                foreach (var rangeEvent in Events)
                {
                    if (rangeEvent.Kind == RangeEventKind.Fixed && PythonVersion.TryParse(rangeEvent.Version, out var version))
                    {
                        list.Add(version);
                    }
                }

                _fixed = [.. list];
            }

            return _fixed;
        }
    }

    /// <summary>True when the version lies inside this range by the rules above (whatever the range type).</summary>
    public bool Contains(PythonVersion version)
    {
        var compiledRange = _compiled ??= Compile();
        if (compiledRange.IsUnevaluable)
        {
            return false;
        }

        var limits = compiledRange.Limits;
        if (limits.Length > 0)
        {
            var belowSome = false;
            foreach (var limit in limits)
            {
                // A null limit is "*": no bound.
                if (limit is null || version < limit)
                {
                    belowSome = true;
                    break;
                }
            }

            if (!belowSome)
            {
                return false;
            }
        }

        var affected = false;
        foreach (var compiled in compiledRange.Events)
        {
            switch (compiled.Kind)
            {
                case RangeEventKind.Introduced:
                    if (compiled.Version is null || version >= compiled.Version)
                    {
                        affected = true;
                    }

                    break;
                case RangeEventKind.Fixed:
                    if (version >= compiled.Version!)
                    {
                        affected = false;
                    }

                    break;
                case RangeEventKind.LastAffected:
                    if (version > compiled.Version!)
                    {
                        affected = false;
                    }

                    break;
                default:
                    break;
            }
        }

        return affected;
    }

    private CompiledRange Compile()
    {
        var compiled = new List<CompiledEvent>(Events.Count);
        var limits = new List<PythonVersion?>();
        for (var i = 0; i < Events.Count; i++)
        {
            var rangeEvent = Events[i];
            if (rangeEvent.Kind == RangeEventKind.Limit)
            {
                if (rangeEvent.Version == "*")
                {
                    limits.Add(null);
                }
                else if (PythonVersion.TryParse(rangeEvent.Version, out var limit))
                {
                    limits.Add(limit);
                }

                continue;
            }

            if (rangeEvent.Kind == RangeEventKind.Introduced && rangeEvent.Version == "0")
            {
                compiled.Add(new CompiledEvent(rangeEvent.Kind, null, i));
            }
            else if (PythonVersion.TryParse(rangeEvent.Version, out var version))
            {
                compiled.Add(new CompiledEvent(rangeEvent.Kind, version, i));
            }
            else
            {
                // A bound that is not PEP 440 cannot be ordered: the range's extent is unknown, and guessing
                // flags either every release or none. The range is not evaluated (see AffectedPackage remarks).
                return CompiledRange.Unevaluable;
            }
        }

        compiled.Sort(static (left, right) =>
        {
            var result = (left.Version, right.Version) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                var (l, r) => l.CompareTo(r),
            };
            if (result != 0)
            {
                return result;
            }

            // At equal versions an interval end comes before an interval start.
            result = Rank(left.Kind).CompareTo(Rank(right.Kind));
            return result != 0 ? result : left.Index.CompareTo(right.Index);
        });

        return new CompiledRange([.. compiled], [.. limits]);
    }

    private static int Rank(RangeEventKind kind) => kind == RangeEventKind.Introduced ? 1 : 0;

    private readonly record struct CompiledEvent(RangeEventKind Kind, PythonVersion? Version, int Index);

    private sealed record CompiledRange(CompiledEvent[] Events, PythonVersion?[] Limits)
    {
        public static CompiledRange Unevaluable { get; } = new([], []);

        public bool IsUnevaluable => ReferenceEquals(this, Unevaluable);
    }

    /// <summary>False when an event's version is not PEP 440, so the range cannot be ordered and is never matched.</summary>
    public bool IsEvaluable => !(_compiled ??= Compile()).IsUnevaluable;
}
