using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Kingsnake.Packaging.Versions;

/// <summary>
/// A PEP 440 version: parsed, normalized and ordered exactly as the standard (and pip's
/// <c>packaging.version.Version</c>) does. Strings that are not PEP 440 do not parse: use
/// <see cref="TryParse"/> and treat them as opaque.
/// </summary>
public sealed partial class PythonVersion : IComparable<PythonVersion>, IEquatable<PythonVersion>
{
    // PEP 440 Appendix B: the canonical regular expression for a version, anchored and allowing
    // surrounding whitespace as the reference implementation does.
    [GeneratedRegex(
        """
        ^\s*v?
        (?:
            (?:(?<epoch>[0-9]+)!)?
            (?<release>[0-9]+(?:\.[0-9]+)*)
            (?<pre>[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?
            (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?
            (?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?
        )
        (?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?
        \s*$
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex VersionPattern();

    private readonly BigInteger[] _release;
    private readonly object[]? _local; // each part a BigInteger or a lower-case string
    private string? _normalized;

    private PythonVersion(
        BigInteger epoch, BigInteger[] release, PreRelease? pre, BigInteger? post, BigInteger? dev, object[]? local)
    {
        Epoch = epoch;
        _release = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        _local = local;
    }

    public BigInteger Epoch { get; }

    public IReadOnlyList<BigInteger> Release => _release;

    public PreRelease? Pre { get; }

    public BigInteger? Post { get; }

    public BigInteger? Dev { get; }

    /// <summary>The local version label, normalized (lower case, '.' separators, numbers without leading zeros); null when none.</summary>
    public string? Local => _local is null ? null : string.Join('.', _local.Select(p => p.ToString()));

    public bool IsPreRelease => Pre is not null || Dev is not null;

    public bool IsPostRelease => Post is not null;

    public bool IsDevRelease => Dev is not null;

    public bool HasLocal => _local is not null;

    public BigInteger Major => _release.Length > 0 ? _release[0] : BigInteger.Zero;

    public BigInteger Minor => _release.Length > 1 ? _release[1] : BigInteger.Zero;

    public BigInteger Micro => _release.Length > 2 ? _release[2] : BigInteger.Zero;

    /// <summary>The version without its local label.</summary>
    public PythonVersion Public => _local is null ? this : new PythonVersion(Epoch, _release, Pre, Post, Dev, null);

    /// <summary>Epoch and release only (e.g. <c>1!2.0</c> for <c>1!2.0rc1.post3</c>).</summary>
    public PythonVersion BaseVersion =>
        Pre is null && Post is null && Dev is null && _local is null ? this : new PythonVersion(Epoch, _release, null, null, null, null);

    public static PythonVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"Invalid version: '{text}'");

    public static bool TryParse(string? text, out PythonVersion version)
    {
        version = null!;
        if (text is null)
        {
            return false;
        }

        var match = VersionPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var epoch = match.Groups["epoch"].Success ? BigInteger.Parse(match.Groups["epoch"].ValueSpan) : BigInteger.Zero;
        var releaseText = match.Groups["release"].ValueSpan;
        var release = new BigInteger[releaseText.Count('.') + 1];
        var index = 0;
        foreach (var range in releaseText.Split('.'))
        {
            release[index++] = BigInteger.Parse(releaseText[range]);
        }

        PreRelease? pre = null;
        if (match.Groups["pre_l"].Success)
        {
            var number = match.Groups["pre_n"].Success ? BigInteger.Parse(match.Groups["pre_n"].ValueSpan) : BigInteger.Zero;
            pre = new PreRelease(NormalizePreLabel(match.Groups["pre_l"].Value), number);
        }

        BigInteger? post = null;
        if (match.Groups["post_n1"].Success)
        {
            post = BigInteger.Parse(match.Groups["post_n1"].ValueSpan);
        }
        else if (match.Groups["post_l"].Success)
        {
            post = match.Groups["post_n2"].Success ? BigInteger.Parse(match.Groups["post_n2"].ValueSpan) : BigInteger.Zero;
        }

        BigInteger? dev = null;
        if (match.Groups["dev_l"].Success)
        {
            dev = match.Groups["dev_n"].Success ? BigInteger.Parse(match.Groups["dev_n"].ValueSpan) : BigInteger.Zero;
        }

        object[]? local = null;
        if (match.Groups["local"].Success)
        {
            var parts = match.Groups["local"].Value.Split(['-', '_', '.']);
            local = new object[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                local[i] = IsAsciiDigits(parts[i]) ? BigInteger.Parse(parts[i]) : parts[i].ToLowerInvariant();
            }
        }

        version = new PythonVersion(epoch, release, pre, post, dev, local);
        return true;
    }

    private static bool IsAsciiDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private static string NormalizePreLabel(string label) => label.ToLowerInvariant() switch
    {
        "alpha" or "a" => "a",
        "beta" or "b" => "b",
        _ => "rc", // c, pre, preview, rc
    };

    /// <summary>The PEP 440 normalized form.</summary>
    public override string ToString() => _normalized ??= BuildNormalized();

    private string BuildNormalized()
    {
        var builder = new StringBuilder();
        if (!Epoch.IsZero)
        {
            builder.Append(Epoch).Append('!');
        }

        for (var i = 0; i < _release.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(_release[i]);
        }

        if (Pre is { } pre)
        {
            builder.Append(pre.Label).Append(pre.Number);
        }

        if (Post is { } post)
        {
            builder.Append(".post").Append(post);
        }

        if (Dev is { } dev)
        {
            builder.Append(".dev").Append(dev);
        }

        if (_local is not null)
        {
            builder.Append('+').Append(Local);
        }

        return builder.ToString();
    }

    public int CompareTo(PythonVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        var result = Epoch.CompareTo(other.Epoch);
        if (result != 0)
        {
            return result;
        }

        result = CompareRelease(_release, other._release);
        if (result != 0)
        {
            return result;
        }

        result = PreKey().CompareTo(other.PreKey());
        if (result != 0)
        {
            return result;
        }

        // No post release sorts before any post release.
        result = CompareOptional(Post, other.Post, missingIsLow: true);
        if (result != 0)
        {
            return result;
        }

        // No dev release sorts after any dev release.
        result = CompareOptional(Dev, other.Dev, missingIsLow: false);
        if (result != 0)
        {
            return result;
        }

        return CompareLocal(_local, other._local);
    }

    /// <summary>
    /// The pre-release position: a bare dev release (1.0.dev0) sorts before every pre-release of the same
    /// release, a final before... nothing: finals sort after every pre-release.
    /// </summary>
    private PreKeyValue PreKey()
    {
        if (Pre is null && Post is null && Dev is not null)
        {
            return new PreKeyValue(-1, null);
        }

        return Pre is null ? new PreKeyValue(1, null) : new PreKeyValue(0, Pre);
    }

    private readonly record struct PreKeyValue(int Rank, PreRelease? Pre) : IComparable<PreKeyValue>
    {
        public int CompareTo(PreKeyValue other)
        {
            if (Rank != other.Rank)
            {
                return Rank.CompareTo(other.Rank);
            }

            return Pre is null || other.Pre is null ? 0 : Pre.CompareTo(other.Pre);
        }
    }

    private static int CompareRelease(BigInteger[] left, BigInteger[] right)
    {
        // Trailing zeros do not count: 1.0 == 1.0.0.
        var length = Math.Max(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var l = i < left.Length ? left[i] : BigInteger.Zero;
            var r = i < right.Length ? right[i] : BigInteger.Zero;
            var result = l.CompareTo(r);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    private static int CompareOptional(BigInteger? left, BigInteger? right, bool missingIsLow)
    {
        if (left is null && right is null)
        {
            return 0;
        }

        if (left is null)
        {
            return missingIsLow ? -1 : 1;
        }

        if (right is null)
        {
            return missingIsLow ? 1 : -1;
        }

        return left.Value.CompareTo(right.Value);
    }

    private static int CompareLocal(object[]? left, object[]? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var result = (left[i], right[i]) switch
            {
                (BigInteger l, BigInteger r) => l.CompareTo(r),
                (BigInteger, string) => 1, // numeric segments sort after alphanumeric ones
                (string, BigInteger) => -1,
                (string l, string r) => string.CompareOrdinal(l, r),
                _ => 0,
            };
            if (result != 0)
            {
                return Math.Sign(result);
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    public bool Equals(PythonVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is PythonVersion other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epoch);
        var last = _release.Length - 1;
        while (last >= 0 && _release[last].IsZero)
        {
            last--;
        }

        for (var i = 0; i <= last; i++)
        {
            hash.Add(_release[i]);
        }

        hash.Add(Pre);
        hash.Add(Post);
        hash.Add(Dev);
        hash.Add(Local);
        return hash.ToHashCode();
    }

    public static bool operator ==(PythonVersion? left, PythonVersion? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(PythonVersion? left, PythonVersion? right) => !(left == right);

    public static bool operator <(PythonVersion left, PythonVersion right) => left.CompareTo(right) < 0;

    public static bool operator <=(PythonVersion left, PythonVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >(PythonVersion left, PythonVersion right) => left.CompareTo(right) > 0;

    public static bool operator >=(PythonVersion left, PythonVersion right) => left.CompareTo(right) >= 0;
}

/// <summary>A pre-release marker: label a, b or rc, and its number.</summary>
public sealed record PreRelease(string Label, BigInteger Number) : IComparable<PreRelease>
{
    public int CompareTo(PreRelease? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = string.CompareOrdinal(Label, other.Label);
        return result != 0 ? Math.Sign(result) : Number.CompareTo(other.Number);
    }
}
