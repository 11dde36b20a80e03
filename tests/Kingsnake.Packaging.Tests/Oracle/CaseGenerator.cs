using System.Text;

namespace Kingsnake.Packaging.Tests.Oracle;

/// <summary>
/// Deterministic inputs for the differential tests: hand-picked edge cases first, then seeded random ones built
/// from the grammar's pieces (every spelling and separator) and mutated (characters inserted, dropped, case
/// flipped, Unicode look-alikes).
/// </summary>
internal static class CaseGenerator
{
    private const int Seed = 440508;

    // Characters that matter to CPython's case-insensitive matching, whitespace rules and digit rules.
    private static readonly string[] Oddities =
    [
        "\u0130", "\u0131", "\u017f", "\u212a", "\u00a0", "\u2003", "\u3000", "\u200b", "\x1c", "\x1f", "\x85", "\n", "\t", "\r",
        "\u0661", "\uff11", "\u00b2", "\u00e9", "\u03a3", "\u00df", "\u0394", "\ufb01", "+", "!", "*", "-", "_", ".", " ", ";", ")", "(", ",",
    ];

    public static readonly string[] EdgeVersions =
    [
        "", " ", "1", "0", "1.0", "1.0.0", "v1.0", "V1.0", "vv1.0", "v", "1.0v", " 1.0 ", "\t1.0\n", "1.0\n", "1.0\n\n", "1.0\x1c", "\x1f1.0",
        "1.0\u00a0", "\u20031.0", "1.0\u3000", "1.0\u200b", "1.0\x85", "1!2.0", "0!1", "01!1", "1!", "!1", "1!v2", "v1!2",
        "1.0a", "1.0a1", "1.0A1", "1.0alpha1", "1.0Alpha", "1.0-alpha-1", "1.0_beta_2", "1.0.b2", "1.0c1", "1.0C", "1.0pre1", "1.0PRE",
        "1.0preview1", "1.0rc", "1.0RC1", "1.0.rc.1", "1.0-rc-1", "1.0a.", "1.0a-", "1.0a_", "1.0a-1", "1.0a--1", "1.0a1b1",
        "1.0-1", "1.0-", "1.0--1", "1.0-01", "1.0post", "1.0.post", "1.0-post-1", "1.0_post_1", "1.0POST1", "1.0rev3", "1.0r", "1.0.r4",
        "1.0-r", "1.0.-1", "1.0-1-1", "1.0-1.dev1", "1.0dev", "1.0.dev", "1.0-dev-4", "1.0_dev_", "1.0DEV1", "1.0.dev1.post1",
        "1.0a1.post2.dev3", "1.0a1.dev1", "1.0.post1.dev1", "1.0rc1.post1", "1.0+", "1.0+abc", "1.0+ABC.1-2_3", "1.0+abc..1",
        "1.0+abc.", "1.0+.abc", "1.0+1.01", "1.0+01", "1.0+0", "1.0+a-b_c.d", "1.0+a+b", "1.0+a b", "01.002.0003", "0.0", "00", "1..0",
        "1.", ".1", "1.0.*", "1.*", "1.0 .0", "1.0a 1", "1 .0", "1.0.poſt1", "1.0.po\u017ft1", "1.0prev\u0130ew", "1.0prev\u0131ew",
        "1.0+\u0130\u017f\u0131\u212a", "1.0+abc\u212a", "1.0\u212a", "\u0661.\u0660", "\uff11.\uff10", "1.0\u00b2", "1.0a\u00b2",
        "123456789012345678901234567890.1", "1.18446744073709551616", "1!18446744073709551617.0", "1.0.post18446744073709551616",
        "1.0+18446744073709551616", "1.0.0.0.0.0.0.0.0.0.0", "2!1.0a1.post0.dev0+local.7", "1.0-dev", "1.0.dev-1", "1.0dev1dev2",
        "1.0a1a2", "1.0post1post2", "1.0-1post2", "1.0+local-", "1.0+-local", "1.0+lo_cal", "1.0.*+local", "1.0a1+l",
        "0.0.0", "0!0", "1.0.0a0", "1.0.0.dev0", "2.0+", "latest", "dev", "main", "master", "1.0-SNAPSHOT", "2019-09-12", "0.2.0-n653",
        "0.7.1.fix1", "1.2.3.4.5a", "1.0.0-beta.1", "1.0.0-rc.1+build.5", "r1", "1_0", "1-0", "1,0",
        new string('1', 4300), new string('1', 4301), "1." + new string('9', 4300), "1." + new string('0', 4301), "1.0+" + new string('9', 4301),
    ];

    public static IEnumerable<string> Versions(int randomCount)
    {
        foreach (var edge in EdgeVersions)
        {
            yield return edge;
        }

        var random = new Random(Seed);
        for (var i = 0; i < randomCount; i++)
        {
            var version = RandomVersion(random);
            yield return random.Next(4) == 0 ? Mutate(random, version) : version;
        }
    }

    public static string RandomVersion(Random random, bool allowLocal = true)
    {
        var builder = new StringBuilder();
        if (random.Next(10) == 0)
        {
            builder.Append(Pick(random, "v", "V", " ", "\t"));
        }

        if (random.Next(8) == 0)
        {
            builder.Append(Number(random)).Append('!');
        }

        var parts = random.Next(1, 5);
        for (var i = 0; i < parts; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            builder.Append(Number(random));
        }

        if (random.Next(3) == 0)
        {
            builder.Append(Separator(random)).Append(Pick(random, "a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC", "Beta"))
                .Append(Separator(random)).Append(random.Next(3) == 0 ? string.Empty : Number(random));
        }

        if (random.Next(4) == 0)
        {
            if (random.Next(4) == 0)
            {
                builder.Append('-').Append(Number(random));
            }
            else
            {
                builder.Append(Separator(random)).Append(Pick(random, "post", "rev", "r", "POST", "Rev")).Append(Separator(random))
                    .Append(random.Next(3) == 0 ? string.Empty : Number(random));
            }
        }

        if (random.Next(4) == 0)
        {
            builder.Append(Separator(random)).Append(Pick(random, "dev", "DEV", "Dev")).Append(Separator(random))
                .Append(random.Next(3) == 0 ? string.Empty : Number(random));
        }

        if (allowLocal && random.Next(5) == 0)
        {
            builder.Append('+');
            var localParts = random.Next(1, 4);
            for (var i = 0; i < localParts; i++)
            {
                if (i > 0)
                {
                    builder.Append(Pick(random, ".", "-", "_"));
                }

                builder.Append(random.Next(2) == 0 ? Number(random) : Pick(random, "abc", "ubuntu", "cu121", "CPU", "dfsg1", "a", "z9", "0a"));
            }
        }

        return builder.ToString();
    }

    private static string Separator(Random random) => random.Next(3) == 0 ? Pick(random, ".", "-", "_") : string.Empty;

    private static string Number(Random random) => random.Next(12) switch
    {
        0 => "0",
        1 => "00" + random.Next(10),
        2 => random.Next(100, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 when random.Next(4) == 0 => "1" + new string('0', random.Next(18, 40)),
        _ => random.Next(0, 12).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 3);
        for (var e = 0; e < edits; e++)
        {
            var position = random.Next(builder.Length + 1);
            switch (random.Next(5))
            {
                case 0:
                    builder.Insert(position, Pick(random, Oddities));
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(Math.Min(position, builder.Length - 1), 1);
                    break;
                case 2 when position < builder.Length:
                    var c = builder[position];
                    builder[position] = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
                    break;
                case 3 when position < builder.Length:
                    builder[position] = builder[position] switch
                    {
                        'i' => '\u0131',
                        's' => '\u017f',
                        'k' => '\u212a',
                        '1' => '\u0661',
                        '.' => '\u3002',
                        _ => builder[position],
                    };
                    break;
                default:
                    builder.Insert(position, Pick(random, "a", "1", ".", "-", "post", "dev", "+x", "*", "!"));
                    break;
            }
        }

        return builder.ToString();
    }

    public static T Pick<T>(Random random, params T[] items) => items[random.Next(items.Length)];

    public static IEnumerable<(string A, string B)> VersionPairs(int randomCount)
    {
        string[] ladder =
        [
            "1.0.dev0", "1.0.dev1", "1.0a0.dev1", "1.0a0", "1.0a1.dev0", "1.0a1", "1.0a1.post1.dev1", "1.0a1.post1", "1.0b1", "1.0rc1",
            "1.0", "1.0.0", "1.0+abc", "1.0+ABC", "1.0+1", "1.0+abc.1", "1.0+abc.a", "1.0+1.abc", "1.0+01", "1.0.post0.dev0", "1.0.post0", "1.0-0",
            "1.0.post1", "1.0.1", "1!0.1", "0!1.0", "1.0.poſt0", "1.0prev\u0130ew0", "1.0rc0", "1.0c0", "1.0+\u0130", "1.0+i", "1.0+\u212a", "1.0+k",
        ];
        foreach (var a in ladder)
        {
            foreach (var b in ladder)
            {
                yield return (a, b);
            }
        }

        var random = new Random(Seed + 1);
        var pool = Versions(0).Concat(Enumerable.Range(0, 400).Select(_ => RandomVersion(random))).ToArray();
        for (var i = 0; i < randomCount; i++)
        {
            var a = RandomVersion(random);
            // Half the pairs share a release so that the suffix ordering is what decides.
            var b = random.Next(2) == 0 ? RandomVersion(random) : SameRelease(random, a);
            yield return random.Next(6) == 0 ? (Pick(random, pool), b) : (a, b);
        }
    }

    private static string SameRelease(Random random, string version)
    {
        var end = 0;
        while (end < version.Length && (char.IsAsciiDigit(version[end]) || version[end] is '.' or '!' or 'v' or 'V' or ' ' or '\t'))
        {
            end++;
        }

        var other = RandomVersion(random);
        var otherStart = 0;
        while (otherStart < other.Length && (char.IsAsciiDigit(other[otherStart]) || other[otherStart] is '.' or '!' or 'v' or 'V' or ' ' or '\t'))
        {
            otherStart++;
        }

        return version[..end].TrimEnd('.') + other[otherStart..];
    }

    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "~=", "==="];

    public static readonly string[] EdgeSpecifiers =
    [
        "", " ", ",", ",,", ">=1.0", ">= 1.0", " >=1.0 ", ">=1.0,", ",>=1.0", ">=1.0,<2.0", ">=1.0, <2.0 ,!=1.5", "==1.0.*", "==1.*", "== 1.0.*",
        "!=1.0.*", ">=1.0.*", "<1.0.*", "~=1.0.*", "==1.0+local", "!=1.0+local", ">=1.0+local", "~=1.0+local", "==1.0.*+local", "==1.0a1.*",
        "~=1", "~=1.0", "~=1.4.5", "~=1.4.5a4", "~=2.2.post3", "~=1.4.5.0", "~=V1.0", "~=1.0.POST1", "~=1!1.0", "~=0.9", "~=1.0-1",
        "~=1.0alpha1", "~=1.0.alpha1", "~=1.0.0A1", "===1.0", "===1.0a1", "=== foo", "===foo", "===foo bar", "===", "====1.0", "===1.0;",
        "===1.0)", "=1.0", "1.0", ">", ">=", "=>1.0", "<>1.0", "<==1.0", ">==1.0", "!==1.0", "~==1.0", ">1.0a1", "<1.0a1", ">1.0.post1",
        "<1.0.post1", ">=1.0,>=1.0.0", ">=1.0.0,>=1.0", "==1.0,==1.0.0", "===1.0,===1.0.0", "~=1.0,~=1.0.0", "==1.0.*,==1.0.0.*",
        ">=v1.0", ">=V1.0", "==V1.0.*", "== v1.0", ">=1!1.0", "<2!0", ">=1.0\n", "\t>=1.0", ">=\u00a01.0", ">=1.0\u3000", ">=1.0\x1c",
        ">=\u0661.0", ">=1.0,\u00a0<2", ">=1.0;", ">=1.0 ;", ">=1.0)", "(>=1.0)", ">=1.0 <2.0", ">=1.0 ,<2", "==1.0.post1.dev1",
        "==1.0rev1", "==1.0-1", ">=1.0-1", "<=1.0.dev", "==1.0.*.*", "==1.0.", "==.1", ">=1.0.", "!=1.0.*,!=1.1.*", "<1.0,>2.0",
        "==2!1.0.*", "==0!1.0.*", ">=1.0a", ">=1.0prev\u0130ew", "==1.0+\u212a", "===1.0+\u212a", "===1.0\u0130", "===ΣΑΣ", "==1.0.poſt1",
        ">=" + new string('9', 30), "==1." + new string('0', 25) + "1.*",
    ];

    public static IEnumerable<string> Specifiers(int randomCount)
    {
        foreach (var edge in EdgeSpecifiers)
        {
            yield return edge;
        }

        var random = new Random(Seed + 2);
        for (var i = 0; i < randomCount; i++)
        {
            var specifier = RandomSpecifierSet(random);
            yield return random.Next(6) == 0 ? Mutate(random, specifier) : specifier;
        }
    }

    public static string RandomSpecifierSet(Random random)
    {
        var count = random.Next(0, 4);
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(Pick(random, ",", ",", ", ", " ,"));
            }

            builder.Append(RandomClause(random));
        }

        return builder.ToString();
    }

    public static string RandomClause(Random random)
    {
        var op = Pick(random, Operators);
        var version = RandomVersion(random, allowLocal: op is "==" or "!=" or "===" || random.Next(8) == 0).Trim();
        if (op is "==" or "!=" && random.Next(3) == 0)
        {
            var cut = 0;
            while (cut < version.Length && (char.IsAsciiDigit(version[cut]) || version[cut] is '.' or '!' or 'v' or 'V'))
            {
                cut++;
            }

            version = version[..cut].TrimEnd('.') + ".*";
        }

        if (op == "~=" && !version.Contains('.', StringComparison.Ordinal) && random.Next(3) > 0)
        {
            version += ".0";
        }

        return op + (random.Next(6) == 0 ? " " : string.Empty) + version;
    }

    public static readonly string[] ProbeVersions =
    [
        "0.9", "1.0.dev0", "1.0a1", "1.0b2.post1", "1.0rc1", "1.0", "1.0.0", "1.0+local", "1.0+abc.1", "1.0.post1", "1.0.post1+l", "1.0.post1.dev0",
        "1.0.1", "1.0.1a1", "1.1", "1.1.dev1", "1.4.5", "1.4.6", "1.5", "1.9.9", "2.0", "2.0a1", "2.0.dev1", "2.0.post1", "2.2.post3", "2.2.post4",
        "3.0", "1!1.0", "1!0.1", "0!1.0", "10.0", "1.0.0.0.1", "1.0a1.dev1", "1.0+\u212a", "1.0+k", "1.0\u0130".Replace("\u0130", string.Empty, StringComparison.Ordinal),
    ];

    public static IEnumerable<(string Spec, string Version, bool? Pre)> ContainsCases(int randomCount)
    {
        bool?[] pres = [null, true, false];
        foreach (var spec in EdgeSpecifiers)
        {
            foreach (var version in ProbeVersions)
            {
                yield return (spec, version, pres[(spec.Length + version.Length) % 3]);
            }
        }

        var random = new Random(Seed + 3);
        for (var i = 0; i < randomCount; i++)
        {
            var spec = RandomSpecifierSet(random);
            string version;
            if (random.Next(2) == 0)
            {
                version = RandomVersion(random);
            }
            else
            {
                // Close to an operand of the set, which is where the rules bite.
                var operand = spec.Split(',')[0].TrimStart('=', '!', '<', '>', '~', ' ').Replace(".*", string.Empty, StringComparison.Ordinal);
                version = operand.Length == 0 ? RandomVersion(random) : operand + Pick(random, "", ".0", ".1", "a1", ".dev0", ".post1", "+l", "rc1", ".0.0", "b1.post2");
            }

            yield return (spec, version, Pick(random, pres));
        }
    }

    public static IEnumerable<(string Spec, string[] Versions, bool? Pre)> FilterCases(int randomCount)
    {
        var random = new Random(Seed + 4);
        bool?[] pres = [null, true, false];
        foreach (var spec in new[] { "", ">=1.0", ">=1.0a1", "<2", "==1.0.*", "!=1.0", "~=1.0", "===1.0", ">=1.0,<=2.0a1" })
        {
            foreach (var pre in pres)
            {
                yield return (spec, ["1.0", "1.1a1", "2.0.dev1"], pre);
                yield return (spec, ["1.1a1", "2.0.dev1"], pre);
                yield return (spec, ["1.0a1", "1.0", "1.0.post1", "0.9"], pre);
                yield return (spec, [], pre);
            }
        }

        for (var i = 0; i < randomCount; i++)
        {
            var versions = Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomVersion(random).Trim()).Where(v => !v.StartsWith('v')).ToArray();
            yield return (random.Next(4) == 0 ? string.Empty : RandomSpecifierSet(random), versions, Pick(random, pres));
        }
    }
}
