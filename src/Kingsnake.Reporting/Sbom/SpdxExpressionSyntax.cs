using System.Text.RegularExpressions;

namespace Kingsnake.Reporting.Sbom;

/// <summary>
/// A syntax check of SPDX license expressions (SPDX 2.3 annex D), without judging whether the ids are on the SPDX
/// list: operands are <c>idstring[+]</c>, <c>LicenseRef-…</c> or <c>DocumentRef-…:LicenseRef-…</c>, joined by
/// <c>AND</c>/<c>OR</c>, an exception after <c>WITH</c>, parentheses balanced. A PEP 639 <c>License-Expression</c> that
/// fails it is written to SPDX as an extracted license text instead of an invalid <c>licenseDeclared</c>.
/// </summary>
public static partial class SpdxExpressionSyntax
{
    public static bool IsValid(string expression)
    {
        var tokens = Token().Matches(expression).Select(m => m.Value).ToList();
        if (tokens.Count == 0 || string.Concat(tokens) != string.Concat(expression.Where(c => !char.IsWhiteSpace(c))))
        {
            return false; // a character no token covers
        }

        var depth = 0;
        var expectOperand = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token)
            {
                case "(" when expectOperand:
                    depth++;
                    break;
                case ")" when !expectOperand && depth > 0:
                    depth--;
                    break;
                case "AND" or "OR" when !expectOperand:
                    expectOperand = true;
                    break;
                case "WITH" when !expectOperand && i + 1 < tokens.Count && Operand().IsMatch(tokens[i + 1]) && !tokens[i + 1].EndsWith('+'):
                    i++; // the exception id
                    break;
                default:
                    if (!expectOperand || !Operand().IsMatch(token) || token is "AND" or "OR" or "WITH")
                    {
                        return false;
                    }

                    expectOperand = false;
                    break;
            }
        }

        return depth == 0 && !expectOperand;
    }

    [GeneratedRegex(@"\(|\)|[^\s()]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"^((DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+|[A-Za-z0-9.-]+\+?)$")]
    private static partial Regex Operand();
}
