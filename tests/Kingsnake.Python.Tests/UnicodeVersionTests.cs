using System.Globalization;
using System.Text;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tests.Differential;
using Assert = Xunit.Assert;

namespace Kingsnake.Python.Tests;

/// <summary>
/// Everything the parser takes from the Unicode database — which characters make identifiers, the NFKC name an
/// identifier gets, the names <c>\N{}</c> knows, what <c>repr</c> leaves unescaped and what the "invalid character"
/// error shows — checked against each CPython from 3.8 (Unicode 12.1) to 3.15 (17.0) at that version's target, and
/// on every code point on which two of them disagree.
/// </summary>
public sealed class UnicodeVersionTests(ITestOutputHelper output)
{
    public static TheoryData<string> Versions => [.. UnicodeOracle.Versions];

    [Theory]
    [Trait("Category", "Corpus")]
    [MemberData(nameof(Versions))]
    public void Identifiers_are_accepted_named_and_rejected_as_each_cpython_does(string version)
    {
        var facts = UnicodeOracle.Facts(version);
        var target = Version.Parse(version);
        Assert.True(facts.Identifiers.Count > 120_000, $"only {facts.Identifiers.Count} identifiers from CPython {version}");
        Assert.True(facts.Rejected.Count > 500, $"only {facts.Rejected.Count} rejected identifiers from CPython {version}");

        // One identifier per parse, so that a character we wrongly reject shows up as one difference, not a failed run.
        var wrong = new List<string>();
        foreach (var (raw, name) in facts.Identifiers)
        {
            var ours = NameOf(raw, target);
            if (ours != name)
            {
                wrong.Add($"{Describe(raw)}: cpython {name}, kingsnake {ours}");
            }
        }

        foreach (var (raw, message) in facts.Rejected)
        {
            var ours = NameOf(raw, target);
            if (!RejectionAgrees(ours, message, facts.Minor))
            {
                wrong.Add($"{Describe(raw)}: cpython error: {message}, kingsnake {ours}");
            }
        }

        output.WriteLine($"CPython {version} (Unicode {facts.UnicodeVersion}): {facts.Identifiers.Count} identifiers, {facts.Rejected.Count} rejections");
        Assert.True(wrong.Count == 0, $"{wrong.Count} identifiers differ from CPython {version}:\n" + string.Join('\n', wrong.Take(30)));
    }

    [Theory]
    [Trait("Category", "Corpus")]
    [MemberData(nameof(Versions))]
    public void Character_names_are_those_each_cpython_knows(string version)
    {
        var facts = UnicodeOracle.Facts(version);
        var target = Version.Parse(version);
        var accepted = facts.Names.Where(n => !n.Verdict.StartsWith('!')).ToList();
        var rejected = facts.Names.Where(n => n.Verdict.StartsWith('!')).ToList();
        Assert.True(accepted.Count > 120_000, $"only {accepted.Count} names from CPython {version}");
        Assert.True(rejected.Count >= 10, $"only {rejected.Count} rejected names from CPython {version}");

        // All accepted names in one file, one literal per line.
        var source = new StringBuilder();
        foreach (var (name, _) in accepted)
        {
            source.Append("'\\N{").Append(name).Append("}'\n");
        }

        var body = PythonParser.Parse(source.ToString(), target).Module.Body;
        var wrong = new List<string>();
        for (var i = 0; i < accepted.Count; i++)
        {
            var text = ((Constant)((Expr)body[i]).Value).Value.Text!;
            if (char.ConvertToUtf32(text, 0) != int.Parse(accepted[i].Verdict, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            {
                wrong.Add($"{accepted[i].Name}: cpython U+{accepted[i].Verdict}, kingsnake U+{char.ConvertToUtf32(text, 0):X4}");
            }
        }

        foreach (var (name, verdict) in rejected)
        {
            var ours = EscapeOf(name, target);
            if (ours != verdict)
            {
                wrong.Add($"{name}: cpython {verdict}, kingsnake {ours}");
            }
        }

        output.WriteLine($"CPython {version} (Unicode {facts.UnicodeVersion}): {accepted.Count} names accepted, {rejected.Count} rejected");
        Assert.True(wrong.Count == 0, $"{wrong.Count} names differ from CPython {version}:\n" + string.Join('\n', wrong.Take(30)));
    }

    [Theory]
    [Trait("Category", "Corpus")]
    [MemberData(nameof(Versions))]
    public void Repr_escapes_what_each_cpython_finds_unprintable(string version)
    {
        var facts = UnicodeOracle.Facts(version);
        var target = Version.Parse(version);
        var wrong = new List<string>();
        var printable = 0;
        for (var code = 0; code < 0x110000; code++)
        {
            if (code is '\'' or '\\' || code is >= 0xD800 and <= 0xDFFF)
            {
                continue; // escaped whatever the database says; lone surrogates have their own test
            }

            var text = char.ConvertFromUtf32(code);
            var expected = facts.IsPrintable(code);
            printable += expected ? 1 : 0;
            if ((PythonRepr.String(text, target) == $"'{text}'") != expected)
            {
                wrong.Add($"U+{code:X4}: cpython {(expected ? "printable" : "escaped")}");
            }
        }

        output.WriteLine($"CPython {version} (Unicode {facts.UnicodeVersion}): {printable} printable code points");
        Assert.True(printable > 100_000, $"only {printable} printable code points from CPython {version}");
        Assert.True(wrong.Count == 0, $"{wrong.Count} code points differ from CPython {version}:\n" + string.Join('\n', wrong.Take(30)));
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Each_version_has_its_own_answer_where_the_versions_differ()
    {
        var all = UnicodeOracle.Versions.Select(UnicodeOracle.Facts).ToList();

        // Identifiers: what each version makes of every one-character identifier (alone, or after 'a') that some version
        // accepts, where the versions do not all agree; a version that takes neither form must reject it.
        var answers = all.Select(facts => facts.Identifiers.Where(i => IsSingle(i.Raw)).DistinctBy(i => i.Raw, StringComparer.Ordinal).ToDictionary(i => i.Raw, i => i.Name, StringComparer.Ordinal)).ToList();
        var singles = answers.SelectMany(a => a.Keys).Select(raw => raw.EnumerateRunes().Last().Value).Distinct()
            .Where(code => answers.Select(a => Answer(a, code)).Distinct().Count() > 1).Order().ToList();
        var wrong = new List<string>();
        for (var v = 0; v < all.Count; v++)
        {
            var target = new Version(3, all[v].Minor);
            foreach (var code in singles)
            {
                var alone = char.ConvertFromUtf32(code);
                var (form, name) = Answer(answers[v], code);
                if (form is not null)
                {
                    var ours = NameOf(form, target);
                    if (ours != name)
                    {
                        wrong.Add($"3.{all[v].Minor} {Describe(form)}: cpython {name}, kingsnake {ours}");
                    }

                    if (form != alone && !NameOf(alone, target).StartsWith("error: ", StringComparison.Ordinal))
                    {
                        wrong.Add($"3.{all[v].Minor} {Describe(alone)}: cpython rejects it as a first character, kingsnake takes it");
                    }
                }
                else
                {
                    // CPython's tokenizer message names the character if its own str.isprintable() accepts it.
                    var expected = all[v].IsPrintable(code) ? $"invalid character '{alone}' (U+{code:X4})" : $"invalid non-printable character U+{code:X4}";
                    var ours = NameOf("a" + alone, target);
                    if (!RejectionAgrees(ours, expected, all[v].Minor))
                    {
                        wrong.Add($"3.{all[v].Minor} {Describe("a" + alone)}: cpython error: {expected}, kingsnake {ours}");
                    }
                }
            }
        }

        // Names: each name some version accepts, in every version (a code point, or the unknown-name error).
        var names = all.Select(facts => facts.Names.Where(n => !n.Verdict.StartsWith('!')).GroupBy(n => n.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Verdict, StringComparer.Ordinal)).ToList();
        var differing = names.SelectMany(n => n.Keys).Distinct(StringComparer.Ordinal)
            .Where(name => names.Select(n => n.GetValueOrDefault(name)).Distinct().Count() > 1).Order(StringComparer.Ordinal).ToList();
        for (var v = 0; v < all.Count; v++)
        {
            var target = new Version(3, all[v].Minor);
            foreach (var name in differing)
            {
                var expected = names[v].GetValueOrDefault(name) ?? "!(unicode error) 'unicodeescape' codec can't decode bytes in position 0-" + (name.Length + 3).ToString(CultureInfo.InvariantCulture) + ": unknown Unicode character name";
                var ours = EscapeOf(name, target);
                if (ours != expected)
                {
                    wrong.Add($"3.{all[v].Minor} \\N{{{name}}}: cpython {expected}, kingsnake {ours}");
                }
            }
        }

        // Printability: every code point on which two versions' str.isprintable() disagree.
        var unprintable = Enumerable.Range(0, 0x110000).Where(code => code is < 0xD800 or > 0xDFFF && all.Select(f => f.IsPrintable(code)).Distinct().Count() > 1).ToList();
        foreach (var facts in all)
        {
            foreach (var code in unprintable)
            {
                var text = char.ConvertFromUtf32(code);
                if ((PythonRepr.String(text, new Version(3, facts.Minor)) == $"'{text}'") != facts.IsPrintable(code))
                {
                    wrong.Add($"3.{facts.Minor} repr of U+{code:X4}: cpython {(facts.IsPrintable(code) ? "printable" : "escaped")}");
                }
            }
        }

        output.WriteLine($"between 3.8 and 3.15: {singles.Count} identifier characters, {differing.Count} names and {unprintable.Count} printable characters differ");
        // Unicode 13.0 to 17.0 added about 20,000 identifier characters and as many names, 16.0 alone 5,185 characters.
        Assert.True(singles.Count > 15_000 && differing.Count > 15_000 && unprintable.Count > 15_000, "too few differences between versions: is an oracle wrong?");
        Assert.True(wrong.Count == 0, $"{wrong.Count} answers differ:\n" + string.Join('\n', wrong.Take(40)));
    }

    private static bool IsSingle(string raw) => raw.EnumerateRunes().Count() == 1 || (raw[0] == 'a' && raw.EnumerateRunes().Count() == 2);

    /// <summary>How one version takes a code point: the identifier form it accepts ("c" or "ac") and its name, or nothing.</summary>
    private static (string? Form, string? Name) Answer(Dictionary<string, string> accepted, int code)
    {
        var alone = char.ConvertFromUtf32(code);
        return accepted.TryGetValue(alone, out var name) ? (alone, name) : accepted.TryGetValue("a" + alone, out name) ? ("a" + alone, name) : (null, null);
    }

    /// <summary>
    /// Whether a rejection matches CPython's. 3.8's tokenizer said only "invalid character in identifier"; the parser
    /// gives the 3.9 wording for every target, so for 3.8 the rejection itself is what is compared.
    /// </summary>
    private static bool RejectionAgrees(string ours, string message, int minor) =>
        minor < 9 ? ours.StartsWith("error: ", StringComparison.Ordinal) : ours == "error: " + message;

    private static string NameOf(string raw, Version target)
    {
        try
        {
            return Assert.IsType<Name>(Assert.IsType<Expr>(PythonParser.Parse(raw + "\n", target).Module.Body[0]).Value).Id;
        }
        catch (PythonSyntaxError error)
        {
            return "error: " + error.Message;
        }
    }

    /// <summary>What <c>'\N{name}'</c> gives under the target: the code point in hex, or "!" and the error message.</summary>
    private static string EscapeOf(string name, Version target)
    {
        try
        {
            var text = ((Constant)((Expr)PythonParser.Parse("'\\N{" + name + "}'\n", target).Module.Body[0]).Value).Value.Text!;
            return char.ConvertToUtf32(text, 0).ToString("X", CultureInfo.InvariantCulture);
        }
        catch (PythonSyntaxError error)
        {
            return "!" + error.Message;
        }
    }

    private static string Describe(string raw) => $"{raw} ({string.Join(' ', raw.EnumerateRunes().Select(rune => $"U+{rune.Value:X4}"))})";
}
