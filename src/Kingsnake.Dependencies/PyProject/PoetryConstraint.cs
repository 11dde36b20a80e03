using System.Text;

namespace Kingsnake.Dependencies.PyProject;

/// <summary>
/// Poetry's version constraint syntax turned into PEP 440 specifiers: <c>^1.2</c> → <c>&gt;=1.2,&lt;2.0</c>,
/// <c>~1.2</c> → <c>&gt;=1.2,&lt;1.3</c>, <c>*</c> → any, a bare <c>1.2.3</c> → <c>==1.2.3</c>; commas or spaces join
/// clauses. An "or" (<c>||</c>) has no PEP 440 form and is refused.
/// </summary>
public static class PoetryConstraint
{
    /// <summary>Converts <paramref name="constraint"/>; false (with a reason) when it cannot be expressed.</summary>
    public static bool TryConvert(string constraint, out string specifier, out string error)
    {
        specifier = "";
        error = "";
        var text = constraint.Trim();
        if (text.Length == 0 || text == "*")
        {
            return true;
        }

        if (text.Contains('|', StringComparison.Ordinal))
        {
            error = $"'{constraint}' is an 'or' of constraints, which has no PEP 440 form";
            return false;
        }

        var clauses = new List<string>();
        foreach (var raw in SplitClauses(text))
        {
            if (!TryConvertClause(raw, clauses, out error))
            {
                return false;
            }
        }

        specifier = string.Join(',', clauses);
        return true;
    }

    /// <summary>Splits on commas and on spaces that separate two clauses (<c>&gt;= 1.2 &lt; 2</c>), keeping <c>&gt;= 1.2</c> together.</summary>
    private static List<string> SplitClauses(string text)
    {
        var clauses = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tokens = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var current = new StringBuilder();
            foreach (var token in tokens)
            {
                var isOperatorOnly = token.All(c => c is '<' or '>' or '=' or '!' or '~' or '^');
                if (current.Length > 0 && !EndsWithOperator(current))
                {
                    clauses.Add(current.ToString());
                    current.Clear();
                }

                current.Append(token);
                if (!isOperatorOnly && current.Length > 0 && !EndsWithOperator(current))
                {
                    clauses.Add(current.ToString());
                    current.Clear();
                }
            }

            if (current.Length > 0)
            {
                clauses.Add(current.ToString());
            }
        }

        return clauses;
    }

    private static bool EndsWithOperator(StringBuilder builder) => builder.Length > 0 && builder[^1] is '<' or '>' or '=' or '!' or '~' or '^';

    private static bool TryConvertClause(string clause, List<string> output, out string error)
    {
        error = "";
        if (clause == "*")
        {
            return true;
        }

        if (clause.StartsWith('^'))
        {
            return TryCaret(clause[1..].Trim(), output, out error);
        }

        if (clause.StartsWith('~') && !clause.StartsWith("~=", StringComparison.Ordinal))
        {
            return TryTilde(clause[1..].Trim(), output, out error);
        }

        foreach (var op in (string[])["===", "==", "!=", "~=", ">=", "<=", ">", "<"])
        {
            if (clause.StartsWith(op, StringComparison.Ordinal))
            {
                var version = clause[op.Length..].Trim();
                if (version.Length == 0)
                {
                    error = $"'{clause}' has no version";
                    return false;
                }

                output.Add(op + version);
                return true;
            }
        }

        if (clause.StartsWith('='))
        {
            output.Add("==" + clause[1..].Trim());
            return true;
        }

        if (!char.IsAsciiDigit(clause[0]) && clause[0] != 'v')
        {
            error = $"'{clause}' is not a version constraint";
            return false;
        }

        output.Add("==" + clause);
        return true;
    }

    private static bool TryCaret(string version, List<string> output, out string error)
    {
        if (!TryRelease(version, out var release, out error))
        {
            return false;
        }

        // Bump the left-most non-zero component among those given; all zero bumps the last given one.
        var index = release.FindIndex(n => n != 0);
        if (index < 0)
        {
            index = release.Count - 1;
        }

        var upper = release.Take(index + 1).ToList();
        upper[index]++;
        while (upper.Count < Math.Min(release.Count, 2))
        {
            upper.Add(0);
        }

        output.Add(">=" + version);
        output.Add("<" + string.Join('.', upper));
        return true;
    }

    private static bool TryTilde(string version, List<string> output, out string error)
    {
        if (!TryRelease(version, out var release, out error))
        {
            return false;
        }

        // ~1 → <2, ~1.2 → <1.3, ~1.2.3 → <1.3.
        var upper = release.Count == 1 ? [release[0] + 1] : new List<long> { release[0], release[1] + 1 };
        output.Add(">=" + version);
        output.Add("<" + string.Join('.', upper));
        return true;
    }

    private static bool TryRelease(string version, out List<long> release, out string error)
    {
        release = [];
        error = "";
        var text = version.TrimStart('v');
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        foreach (var part in text[..end].Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number == long.MaxValue)
            {
                error = $"'{version}' has an unusable release number";
                return false;
            }

            release.Add(number);
        }

        if (release.Count == 0)
        {
            error = $"'{version}' is not a version";
            return false;
        }

        return true;
    }
}
