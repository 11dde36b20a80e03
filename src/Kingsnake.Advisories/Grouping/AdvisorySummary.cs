using System.Text.RegularExpressions;

namespace Kingsnake.Advisories.Grouping;

/// <summary>The one line a report shows for a flaw, and whether it only describes the package.</summary>
/// <param name="Text">Whole sentences up to about 160 characters.</param>
/// <param name="DescribesPackage">
/// True when the record says nothing but what the package is ("Wagtail is a Django content management system."): the
/// reader has to follow the id to learn the flaw.
/// </param>
public sealed record AdvisorySummary(string Text, bool DescribesPackage);

/// <summary>
/// Picks the line to show for a flaw. Most PYSEC records have no <c>summary</c>, and their <c>details</c> copy the
/// CVE text, which for GitHub-reported flaws opens with the product's own description ("TensorFlow is an end-to-end
/// open source platform for machine learning."), and for Snyk-reported ones with the affected versions only ("This
/// affects the package jinja2 from 0.0.0 and before 2.11.3."). Such opening sentences are dropped (how many records
/// open so is measured by <c>AdvisorySummaryTests</c>); when nothing else is left, the text is shown and marked.
/// </summary>
public static partial class AdvisorySummaries
{
    private const int Budget = 160;

    /// <summary>The line to show for <paramref name="vulnerability"/>: its summary, else its details, openings that describe the product dropped.</summary>
    public static AdvisorySummary For(Vulnerability vulnerability) => For(vulnerability.Summary, vulnerability.Details);

    public static AdvisorySummary For(string? summary, string? details)
    {
        AdvisorySummary? description = null;
        foreach (var source in new[] { summary, details })
        {
            var text = OneLine(source);
            if (text.Length == 0)
            {
                continue;
            }

            var rest = DropDescriptions(text);
            if (rest.Length > 0)
            {
                return new AdvisorySummary(Shorten(rest), false);
            }

            description ??= new AdvisorySummary(Shorten(text), true);
        }

        return description ?? new AdvisorySummary("", false);
    }

    /// <summary>
    /// True for a sentence that says what a product is and nothing of a flaw: a subject of at most four words, then
    /// "is"/"are", and no word that names a weakness ("archivy is vulnerable to CSRF" is about the flaw;
    /// "Keylime does not enforce that the agent registrar data is the same" has a longer subject and is kept).
    /// </summary>
    public static bool IsDescription(string sentence) =>
        (DescriptionPattern().IsMatch(sentence) && !FlawWording().IsMatch(sentence)) || VersionsOnly().IsMatch(sentence);

    private static string DropDescriptions(string text)
    {
        var at = 0;
        while (at < text.Length)
        {
            var end = SentenceEnd(text, at);
            if (!IsDescription(text[at..end]))
            {
                break;
            }

            at = end;
            while (at < text.Length && text[at] == ' ')
            {
                at++;
            }
        }

        return text[at..];
    }

    /// <summary>
    /// The end (exclusive) of the sentence starting at <paramref name="start"/>: after ". " followed by a letter, a
    /// backtick or a bracket. A lower-case letter counts (sentences open with package names: "urllib3 is a user-friendly
    /// HTTP client library for Python. urllib3 doesn't treat the `Cookie` header special..."), except after "e.g." and
    /// the like.
    /// </summary>
    private static int SentenceEnd(string text, int start)
    {
        for (var i = start; i + 2 < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ' && (char.IsLetter(text[i + 2]) || text[i + 2] is '`' or '[' or '(')
                && !(char.IsLower(text[i + 2]) && AfterAbbreviation(text, i)))
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static bool AfterAbbreviation(string text, int dot)
    {
        var wordStart = text.LastIndexOf(' ', dot) + 1;
        var word = text[wordStart..(dot + 1)];
        return word is "e.g." or "i.e." or "etc." or "vs." or "approx." or "incl." or "resp." or "cf.";
    }

    private static string OneLine(string? text) =>
        text is null ? "" : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Whole sentences up to the budget (a first sentence alone can be a fragment), else a cut at a word.</summary>
    private static string Shorten(string text)
    {
        if (text.Length <= Budget)
        {
            return text;
        }

        var end = text.IndexOf(". ", StringComparison.Ordinal);
        while (end >= 0)
        {
            var next = text.IndexOf(". ", end + 2, StringComparison.Ordinal);
            if (next < 0 || next + 1 > Budget)
            {
                break;
            }

            end = next;
        }

        if (end >= 0 && end + 1 <= Budget && end >= 60)
        {
            return text[..(end + 1)];
        }

        var cut = text.LastIndexOf(' ', Budget - 1);
        return text[..(cut > 60 ? cut : Budget - 1)].TrimEnd(',', ';', ':') + "…";
    }

    // A product name of one to four words (letters, digits, dots, dashes, slashes), then "is"/"are".
    [GeneratedRegex(@"^(?:[\w.'()/+-]+ ){1,4}(?:is|are) ", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionPattern();

    // Snyk's opening, which only repeats the affected versions: "This affects the package jinja2 from 0.0.0 and before
    // 2.11.3." or "This affects all versions of package x."
    [GeneratedRegex(@"^This affects (?:the package|all versions of (?:the )?package) [^ ]+(?: from [^ ]+)?(?:(?: and)? before [^ ]+)?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionsOnly();

    [GeneratedRegex(
        @"vulnerab|inject|overflow|denial|\bdos\b|bypass|travers|\bxss\b|cross.site|forgery|leak|disclos|expos|arbitrary|remote code|execution|crash|malicious|attacker|unauthori[sz]ed|escalat|spoof|redirect|csrf|ssrf|\bxxe\b|overwrite|insecure|untrusted|exhaust|infinite|out.of.bounds|use.after.free|null pointer|race condition|hijack|tamper|poison|smuggl|redos|segfault|deserializ|privilege|sensitive|exploit|unsafe|impersonat|fixation|backdoor|affected|prior to|before version|fixed in|patched",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FlawWording();
}
