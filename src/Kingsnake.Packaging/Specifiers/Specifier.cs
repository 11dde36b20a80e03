using Kingsnake.Packaging.Text;
using Kingsnake.Packaging.Versions;

namespace Kingsnake.Packaging.Specifiers;

/// <summary>
/// One PEP 440 version clause (<c>&gt;=1.0</c>, <c>==2.*</c>, <c>~=1.4.2</c>, <c>===foo</c>), with the matching rules of
/// pip's vendored <c>packaging</c> 24.1 (<c>packaging.specifiers.Specifier</c>).
/// </summary>
public sealed class Specifier : IEquatable<Specifier>
{
    private readonly PythonVersion? _version; // the operand as a version (without ".*"); null only for a non-PEP 440 "===" operand
    private readonly string[]? _prefix; // split form of the operand for ==X.* / !=X.*
    private readonly string[]? _compatiblePrefix; // split form of the ==X.* implied by ~=
    private readonly string _canonicalVersion;

    private Specifier(string op, SpecifierOperator kind, string version, PythonVersion? parsed, bool wildcard, bool? preReleases)
    {
        Operator = op;
        Kind = kind;
        Version = version;
        _version = parsed;
        IsWildcard = wildcard;
        PreReleasesOverride = preReleases;
        if (wildcard)
        {
            _prefix = SplitVersion(parsed!.ToString());
        }

        if (kind == SpecifierOperator.Compatible)
        {
            _compatiblePrefix = BuildCompatiblePrefix(version);
        }

        // packaging.specifiers.Specifier._canonical_spec: the version canonicalized when it is PEP 440, as is otherwise.
        _canonicalVersion = wildcard || parsed is null || (kind == SpecifierOperator.Arbitrary && !PythonVersion.TryParse(version, out _))
            ? version
            : parsed.ToCanonicalString(stripTrailingZeros: kind != SpecifierOperator.Compatible);
    }

    /// <summary>The operator as written: <c>~=</c>, <c>==</c>, <c>!=</c>, <c>&lt;=</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&gt;</c> or <c>===</c>.</summary>
    public string Operator { get; }

    public SpecifierOperator Kind { get; }

    /// <summary>The operand as written (whitespace trimmed, not normalized), e.g. <c>1.0.*</c> or <c>V1.0</c>.</summary>
    public string Version { get; }

    /// <summary>True for <c>==X.*</c> and <c>!=X.*</c>.</summary>
    public bool IsWildcard { get; }

    /// <summary>The operand as a PEP 440 version (for a wildcard, the part before <c>.*</c>); null for a non-PEP 440 <c>===</c> operand.</summary>
    public PythonVersion? ParsedVersion => _version;

    /// <summary>An explicit pre-release policy given at construction; null means "decide from the operand".</summary>
    public bool? PreReleasesOverride { get; }

    /// <summary>
    /// packaging's <c>Specifier.prereleases</c>: whether this clause admits pre-releases by default, i.e. it is
    /// an inclusive operator (==, ===, ~=, &lt;=, &gt;=) whose operand is itself a pre-release. (For a non-PEP 440
    /// <c>===</c> operand packaging raises; we answer false.)
    /// </summary>
    public bool AllowsPreReleases =>
        PreReleasesOverride ?? (Kind is SpecifierOperator.Equal or SpecifierOperator.GreaterThanOrEqual or SpecifierOperator.LessThanOrEqual
            or SpecifierOperator.Compatible or SpecifierOperator.Arbitrary && _version is { IsPreRelease: true });

    public static Specifier Parse(string text) =>
        TryParse(text, out var specifier, out var error) ? specifier : throw new FormatException(error);

    public static bool TryParse(string text, out Specifier specifier) => TryParse(text, out specifier, out _);

    /// <summary>Parses one clause; on failure <paramref name="error"/> is packaging's message (<c>Invalid specifier: '…'</c>).</summary>
    public static bool TryParse(string text, out Specifier specifier, out string error) =>
        TryParse(text, null, out specifier, out error);

    public static bool TryParse(string text, bool? preReleases, out Specifier specifier, out string error)
    {
        specifier = null!;
        error = $"Invalid specifier: '{text}'";
        var span = text.AsSpan();
        var start = 0;
        while (start < span.Length && PythonText.IsSpace(span[start]))
        {
            start++;
        }

        if (!TryMatchClause(span, start, anchored: true, out var op, out var kind, out var versionStart, out var versionEnd, out var syntax))
        {
            return false;
        }

        var version = PythonText.Strip(text[versionStart..versionEnd]);
        PythonVersion? parsed = null;
        if (kind == SpecifierOperator.Arbitrary)
        {
            PythonVersion.TryParse(version, out parsed);
        }
        else if (!PythonVersion.TryBuild(span, syntax, out parsed))
        {
            return false; // a number beyond CPython's int() digit limit
        }

        specifier = new Specifier(op, kind, version, parsed, syntax.Wildcard, preReleases);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Matches <c>operator version</c> at <paramref name="start"/> the way the reference regular expression does.
    /// Anchored: the clause must be followed only by whitespace. Unanchored (the requirement tokenizer): the
    /// greedy match wherever it stops. The version range excludes the operator and includes leading whitespace.
    /// </summary>
    internal static bool TryMatchClause(
        ReadOnlySpan<char> s, int start, bool anchored, out string op, out SpecifierOperator kind, out int versionStart, out int versionEnd, out VersionSyntax syntax)
    {
        syntax = default;
        versionStart = versionEnd = start;
        (op, kind) = ReadOperator(s, start);
        if (op.Length == 0)
        {
            return false;
        }

        var pos = start + op.Length;
        versionStart = pos;
        while (pos < s.Length && PythonText.IsSpace(s[pos]))
        {
            pos++;
        }

        if (kind == SpecifierOperator.Arbitrary)
        {
            // The escape hatch: anything up to whitespace, ';' or ')'.
            while (pos < s.Length && !PythonText.IsSpace(s[pos]) && s[pos] is not (';' or ')'))
            {
                pos++;
            }

            versionEnd = pos;
            return !anchored || OnlySpaceFrom(s, pos);
        }

        var grammar = kind switch
        {
            SpecifierOperator.Equal or SpecifierOperator.NotEqual => VersionGrammar.Equality,
            SpecifierOperator.Compatible => VersionGrammar.Compatible,
            _ => VersionGrammar.Ordered,
        };
        if (!VersionSyntax.Scan(s, pos, grammar, out syntax))
        {
            return false;
        }

        versionEnd = syntax.End;
        return !anchored || OnlySpaceFrom(s, syntax.End);
    }

    private static (string, SpecifierOperator) ReadOperator(ReadOnlySpan<char> s, int pos)
    {
        if (pos >= s.Length)
        {
            return (string.Empty, default);
        }

        var second = pos + 1 < s.Length ? s[pos + 1] : '\0';
        switch (s[pos])
        {
            case '=' when second == '=':
                // "==" followed by "=" can only be "===": "==" would need a digit (or 'v') next.
                return pos + 2 < s.Length && s[pos + 2] == '=' ? ("===", SpecifierOperator.Arbitrary) : ("==", SpecifierOperator.Equal);
            case '~' when second == '=':
                return ("~=", SpecifierOperator.Compatible);
            case '!' when second == '=':
                return ("!=", SpecifierOperator.NotEqual);
            case '<':
                return second == '=' ? ("<=", SpecifierOperator.LessThanOrEqual) : ("<", SpecifierOperator.LessThan);
            case '>':
                return second == '=' ? (">=", SpecifierOperator.GreaterThanOrEqual) : (">", SpecifierOperator.GreaterThan);
            default:
                return (string.Empty, default);
        }
    }

    private static bool OnlySpaceFrom(ReadOnlySpan<char> s, int pos)
    {
        for (var i = pos; i < s.Length; i++)
        {
            if (!PythonText.IsSpace(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="version"/> satisfies this clause, with packaging's pre-release rule.</summary>
    public bool Contains(PythonVersion version, bool? preReleases = null)
    {
        var allowPre = preReleases ?? AllowsPreReleases;
        if (version.IsPreRelease && !allowPre)
        {
            return false;
        }

        return Matches(version);
    }

    /// <summary>
    /// Like <see cref="Contains(PythonVersion, bool?)"/> for a version string; a string that is not PEP 440 can
    /// only satisfy <c>===</c> (case-insensitive string equality), where packaging would raise instead.
    /// </summary>
    public bool Contains(string version, bool? preReleases = null)
    {
        if (PythonVersion.TryParse(version, out var parsed))
        {
            return Contains(parsed, preReleases);
        }

        return Kind == SpecifierOperator.Arbitrary
            && string.Equals(PythonText.Lower(PythonText.Strip(version)), PythonText.Lower(Version), StringComparison.Ordinal);
    }

    // The operator itself, without the pre-release gate.
    private bool Matches(PythonVersion prospective)
    {
        switch (Kind)
        {
            case SpecifierOperator.Compatible:
                return MatchesPrefix(prospective, _compatiblePrefix!) && prospective.Public >= _version!;
            case SpecifierOperator.Equal:
                return IsWildcard ? MatchesPrefix(prospective, _prefix!) : EqualsExactly(prospective);
            case SpecifierOperator.NotEqual:
                return IsWildcard ? !MatchesPrefix(prospective, _prefix!) : !EqualsExactly(prospective);
            case SpecifierOperator.LessThanOrEqual:
                return prospective.Public <= _version!;
            case SpecifierOperator.GreaterThanOrEqual:
                return prospective.Public >= _version!;
            case SpecifierOperator.LessThan:
                // <V excludes pre-releases of V itself unless V is a pre-release.
                return prospective < _version!
                    && !(!_version!.IsPreRelease && prospective.IsPreRelease && prospective.BaseVersion == _version.BaseVersion);
            case SpecifierOperator.GreaterThan:
                // >V excludes post-releases of V (unless V is one) and local builds of V.
                if (!(prospective > _version!))
                {
                    return false;
                }

                if (!_version!.IsPostRelease && prospective.IsPostRelease && prospective.BaseVersion == _version.BaseVersion)
                {
                    return false;
                }

                return !(prospective.HasLocal && prospective.BaseVersion == _version.BaseVersion);
            case SpecifierOperator.Arbitrary:
                return string.Equals(PythonText.Lower(prospective.ToString()), PythonText.Lower(Version), StringComparison.Ordinal);
            default:
                return false;
        }
    }

    private bool EqualsExactly(PythonVersion prospective) =>
        // Without a local label in the operand, the candidate's local label is ignored.
        (_version!.HasLocal ? prospective : prospective.Public) == _version;

    // Prefix matching as packaging does it: compare the dotted components of the normalized public version,
    // zero-padded in the release part, against the operand's components.
    private static bool MatchesPrefix(PythonVersion prospective, string[] prefix)
    {
        var candidate = SplitVersion(prospective.PublicText);
        var candidateRelease = CountLeadingDigitItems(candidate);
        var prefixRelease = CountLeadingDigitItems(prefix);
        var padding = Math.Max(0, prefixRelease - candidateRelease);
        if (candidate.Length + padding < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            string item;
            if (i < candidateRelease)
            {
                item = candidate[i];
            }
            else if (i < candidateRelease + padding)
            {
                item = "0";
            }
            else
            {
                item = candidate[i - padding];
            }

            if (!string.Equals(item, prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountLeadingDigitItems(string[] items)
    {
        var count = 0;
        while (count < items.Length && PythonText.IsAsciiDigits(items[count]))
        {
            count++;
        }

        return count;
    }

    // packaging.specifiers._version_split: epoch first, then the dot-separated items, with "1rc2" split into "1", "rc2".
    private static string[] SplitVersion(string version)
    {
        var result = new List<string>();
        var bang = version.LastIndexOf('!');
        var epoch = bang < 0 ? string.Empty : version[..bang];
        result.Add(epoch.Length == 0 ? "0" : epoch);
        foreach (var item in version[(bang + 1)..].Split('.'))
        {
            var digits = 0;
            while (digits < item.Length && char.IsAsciiDigit(item[digits]))
            {
                digits++;
            }

            if (digits > 0 && IsPreReleaseItem(item.AsSpan(digits)))
            {
                result.Add(item[..digits]);
                result.Add(item[digits..]);
            }
            else
            {
                result.Add(item);
            }
        }

        return [.. result];
    }

    // Matches (?:a|b|c|rc)[0-9]+ exactly (case-sensitive).
    private static bool IsPreReleaseItem(ReadOnlySpan<char> rest)
    {
        var label = rest.StartsWith("rc") ? 2 : rest.Length > 0 && rest[0] is 'a' or 'b' or 'c' ? 1 : 0;
        return label > 0 && PythonText.IsAsciiDigits(rest[label..]);
    }

    // ~=X.Y.Z means >=X.Y.Z together with ==X.Y.*: drop the suffix items (pre/post/dev) and the last release number.
    private static string[] BuildCompatiblePrefix(string version)
    {
        var items = SplitVersion(version);
        var kept = 0;
        while (kept < items.Length && !IsSuffixItem(items[kept]))
        {
            kept++;
        }

        var prefixItems = items.AsSpan(0, Math.Max(0, kept - 1));
        var joined = prefixItems.Length == 0 ? "!" : prefixItems[0] + "!" + string.Join('.', prefixItems[1..].ToArray());

        // The joined prefix then goes through the ==X.* path, which canonicalizes it when it is a version.
        return SplitVersion(PythonVersion.TryParse(joined, out var parsed) ? parsed.ToString() : joined);
    }

    private static bool IsSuffixItem(string item) =>
        item.StartsWith("dev", StringComparison.Ordinal) || item.StartsWith('a') || item.StartsWith('b')
        || item.StartsWith("rc", StringComparison.Ordinal) || item.StartsWith("post", StringComparison.Ordinal);

    /// <summary>A copy with an explicit pre-release policy (null: decide from the operand).</summary>
    public Specifier WithPreReleases(bool? preReleases) =>
        new(Operator, Kind, Version, _version, IsWildcard, preReleases);

    /// <summary>The clause as packaging prints it: operator and operand as written, without surrounding whitespace.</summary>
    public override string ToString() => Operator + Version;

    /// <summary>Equality as packaging defines it: same operator and same canonical operand (pre-release policy ignored).</summary>
    public bool Equals(Specifier? other) =>
        other is not null && Operator == other.Operator && string.Equals(_canonicalVersion, other._canonicalVersion, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Specifier other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Operator, _canonicalVersion);
}

/// <summary>The eight PEP 440 comparison operators.</summary>
public enum SpecifierOperator
{
    /// <summary><c>~=</c></summary>
    Compatible,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>===</c> (arbitrary equality, a string comparison)</summary>
    Arbitrary,
}
