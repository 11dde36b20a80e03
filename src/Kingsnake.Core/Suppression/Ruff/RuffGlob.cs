using System.Text;
using System.Text.RegularExpressions;

namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// A glob of ruff's <c>per-file-ignores</c>, compiled as ruff's glob library (globset, default options) reads it:
/// <c>*</c> and <c>?</c> also match <c>/</c> (so <c>tests/*</c> covers <c>tests/unit/test_a.py</c>), <c>**</c> matches
/// any run of directories, <c>[abc]</c>, <c>[!a-z]</c> and <c>[^a-z]</c> are classes, <c>{a,b}</c> alternatives (not
/// nested), <c>\</c> escapes the next character; matching is case-sensitive. A pattern globset rejects (an unclosed
/// <c>[</c> or <c>{</c>, a nested <c>{</c>, a range running backwards, a trailing <c>\</c>) is a <see cref="FormatException"/>.
/// </summary>
public sealed class RuffGlob
{
    private readonly Regex _regex;

    private RuffGlob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path);

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="FormatException"/> with the reason when globset would reject it.</summary>
    public static RuffGlob Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        var inAlternatives = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    var run = 1;
                    while (i + run < pattern.Length && pattern[i + run] == '*')
                    {
                        run++;
                    }

                    var atStart = i == 0 || pattern[i - 1] == '/';
                    var atEnd = i + run == pattern.Length || pattern[i + run] == '/';
                    if (run >= 2 && atStart && atEnd)
                    {
                        // "**/" at the start or in the middle: zero or more directories; "/**" at the end: everything below.
                        if (i + run < pattern.Length)
                        {
                            regex.Append("(?:.*/)?");
                            i += run;
                        }
                        else
                        {
                            regex.Append(".*");
                            i += run - 1;
                        }
                    }
                    else
                    {
                        regex.Append(".*");
                        i += run - 1;
                    }

                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    i = AppendClass(pattern, i, regex);
                    break;
                case '{':
                    if (inAlternatives)
                    {
                        throw new FormatException("nested alternatives '{' are not allowed");
                    }

                    inAlternatives = true;
                    regex.Append("(?:");
                    break;
                case '}' when inAlternatives:
                    inAlternatives = false;
                    regex.Append(')');
                    break;
                case ',' when inAlternatives:
                    regex.Append('|');
                    break;
                case '\\':
                    if (i + 1 == pattern.Length)
                    {
                        throw new FormatException("dangling '\\' at the end");
                    }

                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        if (inAlternatives)
        {
            throw new FormatException("unclosed alternatives '{'");
        }

        regex.Append('$');
        return new RuffGlob(pattern, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking));
    }

    /// <summary>Appends the class that starts at <paramref name="open"/> (a <c>[</c>) and returns the index of its <c>]</c>.</summary>
    private static int AppendClass(string pattern, int open, StringBuilder regex)
    {
        var i = open + 1;
        var negated = i < pattern.Length && pattern[i] is '!' or '^';
        if (negated)
        {
            i++;
        }

        var members = new StringBuilder();
        var first = true;
        for (; i < pattern.Length; i++, first = false)
        {
            var c = pattern[i];
            if (c == ']' && !first)
            {
                regex.Append(negated ? "[^" : "[").Append(members).Append(']');
                return i;
            }

            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                var end = pattern[i + 2];
                if (end < c)
                {
                    throw new FormatException($"the range '{c}-{end}' runs backwards");
                }

                members.Append(ClassChar(c)).Append('-').Append(ClassChar(end));
                i += 2;
                continue;
            }

            members.Append(ClassChar(c));
        }

        throw new FormatException("unclosed character class '['");
    }

    private static string ClassChar(char c) => c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString();
}
