using Kingsnake.Packaging.Text;

namespace Kingsnake.Packaging.Versions;

/// <summary>Which flavour of the PEP 440 grammar a scan follows (the reference uses slightly different regexes per context).</summary>
internal enum VersionGrammar
{
    /// <summary>A full version: optional local label, no wildcard.</summary>
    Version,

    /// <summary>After <c>==</c> or <c>!=</c>: either a <c>.*</c> wildcard right after the release, or pre/post/dev/local.</summary>
    Equality,

    /// <summary>After <c>~=</c>: at least two release numbers, no local label, no wildcard.</summary>
    Compatible,

    /// <summary>After <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>: no local label, no wildcard.</summary>
    Ordered,
}

/// <summary>
/// Where each part of a version sits in the scanned text. The scanner is a hand-written equivalent of the
/// reference regular expressions: every part is optional after the release, and taking each part greedily
/// gives the same match as the regex engine's first match (no later part needs what a greedy part took).
/// </summary>
internal struct VersionSyntax
{
    public int EpochStart;
    public int EpochEnd; // EpochEnd == EpochStart: no epoch
    public int ReleaseStart;
    public int ReleaseEnd;
    public int PreLabelStart;
    public int PreLabelEnd; // equal: no pre-release
    public int PreNumberStart;
    public int PreNumberEnd;
    public int PostLabelStart;
    public int PostLabelEnd;
    public int PostNumberStart;
    public int PostNumberEnd;
    public bool HasPost;
    public bool HasDev;
    public int DevNumberStart;
    public int DevNumberEnd;
    public int LocalStart;
    public int LocalEnd; // equal: no local label
    public bool Wildcard;
    public int End;

    private static readonly string[] PreLabels = ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"];
    private static readonly string[] PostLabels = ["post", "rev", "r"];

    /// <summary>
    /// Scans a version starting at <paramref name="start"/> (no surrounding whitespace) and reports where the
    /// greedy match ends; false when not even a release number is there.
    /// </summary>
    public static bool Scan(ReadOnlySpan<char> s, int start, VersionGrammar grammar, out VersionSyntax syntax)
    {
        syntax = default;
        var pos = start;
        if (pos < s.Length && PythonText.MatchesLetterIgnoreCase(s[pos], 'v') && pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1]))
        {
            pos++;
        }

        var digitsEnd = SkipDigits(s, pos);
        if (digitsEnd == pos)
        {
            return false;
        }

        syntax.EpochStart = syntax.EpochEnd = pos;
        if (digitsEnd < s.Length && s[digitsEnd] == '!' && digitsEnd + 1 < s.Length && char.IsAsciiDigit(s[digitsEnd + 1]))
        {
            syntax.EpochEnd = digitsEnd;
            pos = digitsEnd + 1;
        }

        syntax.ReleaseStart = pos;
        pos = SkipDigits(s, pos);
        var releaseParts = 1;
        while (pos + 1 < s.Length && s[pos] == '.' && char.IsAsciiDigit(s[pos + 1]))
        {
            pos = SkipDigits(s, pos + 1);
            releaseParts++;
        }

        syntax.ReleaseEnd = pos;
        if (grammar == VersionGrammar.Compatible && releaseParts < 2)
        {
            return false;
        }

        if (grammar == VersionGrammar.Equality && pos + 1 < s.Length && s[pos] == '.' && s[pos + 1] == '*')
        {
            syntax.Wildcard = true;
            syntax.End = pos + 2;
            syntax.PreLabelStart = syntax.PreLabelEnd = syntax.LocalStart = syntax.LocalEnd = syntax.End;
            return true;
        }

        // Pre-release: [-_.]? label [-_.]? digits?
        syntax.PreLabelStart = syntax.PreLabelEnd = pos;
        var labelStart = IsSeparator(s, pos) ? pos + 1 : pos;
        if (MatchLabel(s, labelStart, PreLabels, out var labelEnd))
        {
            syntax.PreLabelStart = labelStart;
            syntax.PreLabelEnd = labelEnd;
            pos = IsSeparator(s, labelEnd) ? labelEnd + 1 : labelEnd;
            syntax.PreNumberStart = pos;
            pos = SkipDigits(s, pos);
            syntax.PreNumberEnd = pos;
        }

        // Post-release: -digits | [-_.]? label [-_.]? digits?
        if (pos + 1 < s.Length && s[pos] == '-' && char.IsAsciiDigit(s[pos + 1]))
        {
            syntax.HasPost = true;
            syntax.PostLabelStart = syntax.PostLabelEnd = pos;
            syntax.PostNumberStart = pos + 1;
            pos = SkipDigits(s, pos + 1);
            syntax.PostNumberEnd = pos;
        }
        else
        {
            labelStart = IsSeparator(s, pos) ? pos + 1 : pos;
            if (MatchLabel(s, labelStart, PostLabels, out labelEnd))
            {
                syntax.HasPost = true;
                syntax.PostLabelStart = labelStart;
                syntax.PostLabelEnd = labelEnd;
                pos = IsSeparator(s, labelEnd) ? labelEnd + 1 : labelEnd;
                syntax.PostNumberStart = pos;
                pos = SkipDigits(s, pos);
                syntax.PostNumberEnd = pos;
            }
        }

        // Development release: [-_.]? dev [-_.]? digits?
        labelStart = IsSeparator(s, pos) ? pos + 1 : pos;
        if (PythonText.MatchesIgnoreCase(s, labelStart, "dev"))
        {
            syntax.HasDev = true;
            pos = labelStart + 3;
            pos = IsSeparator(s, pos) ? pos + 1 : pos;
            syntax.DevNumberStart = pos;
            pos = SkipDigits(s, pos);
            syntax.DevNumberEnd = pos;
        }

        // Local label: + alnum+ ([-_.] alnum+)*
        syntax.LocalStart = syntax.LocalEnd = pos;
        if (grammar is VersionGrammar.Version or VersionGrammar.Equality
            && pos + 1 < s.Length && s[pos] == '+' && PythonText.IsAlphanumericIgnoreCase(s[pos + 1]))
        {
            var local = SkipAlphanumerics(s, pos + 1);
            while (IsSeparator(s, local) && local + 1 < s.Length && PythonText.IsAlphanumericIgnoreCase(s[local + 1]))
            {
                local = SkipAlphanumerics(s, local + 1);
            }

            syntax.LocalStart = pos + 1;
            syntax.LocalEnd = local;
            pos = local;
        }

        syntax.End = pos;
        return true;
    }

    private static bool IsSeparator(ReadOnlySpan<char> s, int pos) => pos < s.Length && s[pos] is '-' or '_' or '.';

    private static int SkipDigits(ReadOnlySpan<char> s, int pos)
    {
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static int SkipAlphanumerics(ReadOnlySpan<char> s, int pos)
    {
        while (pos < s.Length && PythonText.IsAlphanumericIgnoreCase(s[pos]))
        {
            pos++;
        }

        return pos;
    }

    private static bool MatchLabel(ReadOnlySpan<char> s, int pos, string[] labels, out int end)
    {
        // Alternation order matters only where one label is a prefix of another; the reference lists the
        // longer one first, and so do we.
        foreach (var label in labels)
        {
            if (PythonText.MatchesIgnoreCase(s, pos, label))
            {
                end = pos + label.Length;
                return true;
            }
        }

        end = pos;
        return false;
    }
}
