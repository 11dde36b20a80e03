using System.Globalization;
using System.Numerics;
using System.Text;
using Kingsnake.Packaging.Text;

namespace Kingsnake.Packaging.Versions;

/// <summary>
/// A PEP 440 version: parsed, normalized and ordered exactly as pip's vendored <c>packaging</c> 24.1
/// (<c>packaging.version.Version</c>) does. Strings that are not PEP 440 do not parse: use
/// <see cref="TryParse"/> and treat them as opaque.
/// </summary>
public sealed class PythonVersion : IComparable<PythonVersion>, IEquatable<PythonVersion>
{
    private const string PostLabel = "post";

    private readonly BigInteger[] _release;
    private readonly object[]? _local; // each part a BigInteger or a lower-case string

    // The reference keeps the lower-cased spelling of the post label in its sort key; it is "post" except
    // for exotic spellings such as "poſt" (long s matches 's' case-insensitively), which sort differently.
    private readonly string? _postLabel;
    private string? _normalized;

    private PythonVersion(
        BigInteger epoch, BigInteger[] release, PreRelease? pre, string? postLabel, BigInteger? post, BigInteger? dev, object[]? local)
    {
        Epoch = epoch;
        _release = release;
        Pre = pre;
        _postLabel = postLabel;
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
    public string? Local => _local is null ? null : string.Join('.', _local.Select(p => p is BigInteger n ? n.ToString(CultureInfo.InvariantCulture) : (string)p));

    public bool IsPreRelease => Pre is not null || Dev is not null;

    public bool IsPostRelease => Post is not null;

    public bool IsDevRelease => Dev is not null;

    public bool HasLocal => _local is not null;

    public BigInteger Major => _release.Length > 0 ? _release[0] : BigInteger.Zero;

    public BigInteger Minor => _release.Length > 1 ? _release[1] : BigInteger.Zero;

    public BigInteger Micro => _release.Length > 2 ? _release[2] : BigInteger.Zero;

    /// <summary>The version without its local label.</summary>
    public PythonVersion Public => _local is null ? this : new PythonVersion(Epoch, _release, Pre, _postLabel, Post, Dev, null);

    /// <summary>Epoch and release only (e.g. <c>1!2.0</c> for <c>1!2.0rc1.post3</c>).</summary>
    public PythonVersion BaseVersion =>
        Pre is null && Post is null && Dev is null && _local is null ? this : new PythonVersion(Epoch, _release, null, null, null, null, null);

    public static PythonVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"Invalid version: '{text}'");

    public static bool TryParse(string? text, out PythonVersion version) => TryParse(text.AsSpan(), out version) && text is not null;

    public static bool TryParse(ReadOnlySpan<char> text, out PythonVersion version)
    {
        version = null!;
        var start = 0;
        while (start < text.Length && PythonText.IsSpace(text[start]))
        {
            start++;
        }

        if (!VersionSyntax.Scan(text, start, VersionGrammar.Version, out var syntax))
        {
            return false;
        }

        for (var i = syntax.End; i < text.Length; i++)
        {
            if (!PythonText.IsSpace(text[i]))
            {
                return false;
            }
        }

        return TryBuild(text, syntax, out version);
    }

    internal static bool TryBuild(ReadOnlySpan<char> text, in VersionSyntax syntax, out PythonVersion version)
    {
        version = null!;
        var epoch = BigInteger.Zero;
        if (syntax.EpochEnd > syntax.EpochStart && !TryParseNumber(text[syntax.EpochStart..syntax.EpochEnd], out epoch))
        {
            return false;
        }

        var releaseText = text[syntax.ReleaseStart..syntax.ReleaseEnd];
        var release = new BigInteger[releaseText.Count('.') + 1];
        var index = 0;
        foreach (var range in releaseText.Split('.'))
        {
            if (!TryParseNumber(releaseText[range], out release[index++]))
            {
                return false;
            }
        }

        PreRelease? pre = null;
        if (syntax.PreLabelEnd > syntax.PreLabelStart)
        {
            if (!TryParseOptionalNumber(text[syntax.PreNumberStart..syntax.PreNumberEnd], out var number))
            {
                return false;
            }

            pre = new PreRelease(NormalizeLabel(text[syntax.PreLabelStart..syntax.PreLabelEnd]), number);
        }

        string? postLabel = null;
        BigInteger? post = null;
        if (syntax.HasPost)
        {
            if (!TryParseOptionalNumber(text[syntax.PostNumberStart..syntax.PostNumberEnd], out var number))
            {
                return false;
            }

            postLabel = syntax.PostLabelEnd > syntax.PostLabelStart ? NormalizeLabel(text[syntax.PostLabelStart..syntax.PostLabelEnd]) : PostLabel;
            post = number;
        }

        BigInteger? dev = null;
        if (syntax.HasDev)
        {
            if (!TryParseOptionalNumber(text[syntax.DevNumberStart..syntax.DevNumberEnd], out var number))
            {
                return false;
            }

            dev = number;
        }

        object[]? local = null;
        if (syntax.LocalEnd > syntax.LocalStart)
        {
            var localText = text[syntax.LocalStart..syntax.LocalEnd];
            var parts = new List<object>();
            var partStart = 0;
            for (var i = 0; i <= localText.Length; i++)
            {
                if (i < localText.Length && localText[i] is not ('-' or '_' or '.'))
                {
                    continue;
                }

                var part = localText[partStart..i];
                if (PythonText.IsAsciiDigits(part))
                {
                    if (!TryParseNumber(part, out var number))
                    {
                        return false;
                    }

                    parts.Add(number);
                }
                else
                {
                    parts.Add(PythonText.Lower(part.ToString()));
                }

                partStart = i + 1;
            }

            local = [.. parts];
        }

        version = new PythonVersion(epoch, release, pre, postLabel, post, dev, local);
        return true;
    }

    // CPython refuses int() of more than 4,300 digits (a guard against quadratic conversion); the reference
    // therefore rejects such versions, and so do we.
    private static bool TryParseNumber(ReadOnlySpan<char> digits, out BigInteger value)
    {
        if (digits.Length > PythonText.MaxIntegerDigits)
        {
            value = default;
            return false;
        }

        if (digits.Length <= 18)
        {
            long small = 0;
            foreach (var c in digits)
            {
                small = (small * 10) + (c - '0');
            }

            value = small;
            return true;
        }

        value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryParseOptionalNumber(ReadOnlySpan<char> digits, out BigInteger value)
    {
        if (digits.IsEmpty)
        {
            value = BigInteger.Zero; // an implicit number is 0
            return true;
        }

        return TryParseNumber(digits, out value);
    }

    private static string NormalizeLabel(ReadOnlySpan<char> label)
    {
        var lower = PythonText.Lower(label.ToString());
        return lower switch
        {
            "alpha" => "a",
            "beta" => "b",
            "c" or "pre" or "preview" => "rc",
            "rev" or "r" => PostLabel,
            _ => lower,
        };
    }

    /// <summary>The PEP 440 normalized form (<c>str(Version)</c>).</summary>
    public override string ToString() => _normalized ??= BuildString(stripTrailingZeros: false);

    /// <summary>
    /// <c>packaging.utils.canonicalize_version</c>: the normalized form, by default with trailing <c>.0</c>
    /// release numbers removed (<c>1.0.0</c> becomes <c>1</c>).
    /// </summary>
    public string ToCanonicalString(bool stripTrailingZeros = true) => stripTrailingZeros ? BuildString(stripTrailingZeros: true) : ToString();

    /// <summary>The normalized form without the local label (<c>Version.public</c>).</summary>
    public string PublicText => _local is null ? ToString() : Public.ToString();

    /// <summary>Epoch and release (<c>Version.base_version</c>).</summary>
    public string BaseVersionText => BaseVersion.ToString();

    private string BuildString(bool stripTrailingZeros)
    {
        var builder = new StringBuilder();
        if (!Epoch.IsZero)
        {
            builder.Append(Epoch.ToString(CultureInfo.InvariantCulture)).Append('!');
        }

        var releaseLength = _release.Length;
        if (stripTrailingZeros)
        {
            while (releaseLength > 1 && _release[releaseLength - 1].IsZero)
            {
                releaseLength--;
            }
        }

        for (var i = 0; i < releaseLength; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(_release[i].ToString(CultureInfo.InvariantCulture));
        }

        if (Pre is { } pre)
        {
            builder.Append(pre.Label).Append(pre.Number.ToString(CultureInfo.InvariantCulture));
        }

        if (Post is { } post)
        {
            builder.Append(".post").Append(post.ToString(CultureInfo.InvariantCulture));
        }

        if (Dev is { } dev)
        {
            builder.Append(".dev").Append(dev.ToString(CultureInfo.InvariantCulture));
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
            return Math.Sign(result);
        }

        result = CompareRelease(_release, other._release);
        if (result != 0)
        {
            return result;
        }

        result = ComparePre(other);
        if (result != 0)
        {
            return result;
        }

        // No post release sorts before any post release.
        if (Post is null || other.Post is null)
        {
            result = Post is null ? (other.Post is null ? 0 : -1) : 1;
        }
        else
        {
            result = PythonText.CompareCodePoints(_postLabel!, other._postLabel!);
            if (result == 0)
            {
                result = Post.Value.CompareTo(other.Post.Value);
            }
        }

        if (result != 0)
        {
            return Math.Sign(result);
        }

        // No dev release sorts after any dev release.
        if (Dev is null || other.Dev is null)
        {
            result = Dev is null ? (other.Dev is null ? 0 : 1) : -1;
        }
        else
        {
            result = Dev.Value.CompareTo(other.Dev.Value);
        }

        if (result != 0)
        {
            return Math.Sign(result);
        }

        return CompareLocal(_local, other._local);
    }

    // A bare dev release (1.0.dev0) sorts before every pre-release of its release; a version without a
    // pre-release sorts after all of them.
    private int PreRank => Pre is null && Post is null && Dev is not null ? -1 : Pre is null ? 1 : 0;

    private int ComparePre(PythonVersion other)
    {
        var rank = PreRank;
        var otherRank = other.PreRank;
        if (rank != otherRank)
        {
            return rank.CompareTo(otherRank);
        }

        return rank == 0 ? Pre!.CompareTo(other.Pre) : 0;
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
                return Math.Sign(result);
            }
        }

        return 0;
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
                (string l, string r) => PythonText.CompareCodePoints(l, r),
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
        hash.Add(_postLabel);
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

/// <summary>A pre-release marker: label (a, b or rc after normalization) and its number.</summary>
public sealed record PreRelease(string Label, BigInteger Number) : IComparable<PreRelease>
{
    public int CompareTo(PreRelease? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = PythonText.CompareCodePoints(Label, other.Label);
        return result != 0 ? Math.Sign(result) : Math.Sign(Number.CompareTo(other.Number));
    }
}
