using System.Text;

namespace Kingsnake.Packaging.Licenses;

/// <summary>
/// SPDX license expressions (SPDX 2.3 annex D, what PEP 639's <c>License-Expression</c> holds): license ids with an
/// optional <c>+</c>, <c>LicenseRef-…</c> and <c>DocumentRef-…:LicenseRef-…</c>, <c>id WITH exception</c>, <c>AND</c>,
/// <c>OR</c> and parentheses, binding WITH tighter than AND and AND tighter than OR.
/// </summary>
/// <remarks>
/// Operators are accepted in any casing. Ids must be on the SPDX list <see cref="SpdxLicenseList"/> carries (an
/// unknown id makes the expression invalid, as CycloneDX and PEP 639 would have it); <c>LicenseRef-</c> and
/// <c>DocumentRef-</c> references are free. Input is bounded: at most <see cref="MaxLength"/> characters and
/// <see cref="MaxDepth"/> nested parentheses.
/// </remarks>
public static class SpdxExpression
{
    /// <summary>The longest expression read (4 KiB); real ones are a few dozen characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The deepest nesting of parentheses read.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Checks <paramref name="text"/> and writes it in one canonical form: ids in the list's casing, <c>LicenseRef-</c>
    /// and <c>DocumentRef-</c> prefixes in SPDX's casing (the part after them is kept as written), operators in upper
    /// case, single spaces, and only the parentheses the precedence needs (<c>(MIT OR (Apache-2.0))</c> →
    /// <c>MIT OR Apache-2.0</c>, <c>(a AND b) OR c</c> → <c>a AND b OR c</c>; <c>a AND (b OR c)</c> keeps them). Removing
    /// the redundant ones is always done, so two spellings of the same expression normalize alike.
    /// </summary>
    /// <returns>False, with <paramref name="error"/> saying why, when the text is not a valid expression.</returns>
    public static bool TryNormalize(string text, out string normalized, out string? error)
    {
        normalized = "";
        if (text.Length > MaxLength)
        {
            error = $"license expression longer than {MaxLength} characters";
            return false;
        }

        var parser = new Parser(text);
        var node = parser.Parse(out error);
        if (node is null)
        {
            return false;
        }

        var builder = new StringBuilder(text.Length);
        Write(node, builder);
        normalized = builder.ToString();
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a valid expression.</summary>
    public static bool IsValid(string text) => TryNormalize(text, out _, out _);

    /// <summary>
    /// The license ids and references of a valid expression, in order of appearance, without exceptions and without
    /// <c>+</c> (<c>GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT</c> → <c>GPL-2.0-or-later</c>, <c>MIT</c>); empty when invalid.
    /// </summary>
    public static IReadOnlyList<string> LicenseIds(string text)
    {
        if (text.Length > MaxLength || new Parser(text).Parse(out _) is not { } node)
        {
            return [];
        }

        var ids = new List<string>();
        Collect(node, ids);
        return ids;
    }

    private static void Collect(Node node, List<string> ids)
    {
        switch (node)
        {
            case LicenseNode license:
                ids.Add(license.Id);
                break;
            case WithNode with:
                Collect(with.License, ids);
                break;
            case BinaryNode binary:
                Collect(binary.Left, ids);
                Collect(binary.Right, ids);
                break;
        }
    }

    private static void Write(Node node, StringBuilder builder)
    {
        switch (node)
        {
            case LicenseNode license:
                builder.Append(license.Id);
                if (license.OrLater)
                {
                    builder.Append('+');
                }

                break;
            case WithNode with:
                Write(with.License, builder);
                builder.Append(" WITH ").Append(with.Exception);
                break;
            case BinaryNode binary:
                WriteOperand(binary.Left, binary.IsAnd, builder);
                builder.Append(binary.IsAnd ? " AND " : " OR ");
                WriteOperand(binary.Right, binary.IsAnd, builder);
                break;
        }
    }

    /// <summary>An OR inside an AND is the one place parentheses are needed.</summary>
    private static void WriteOperand(Node operand, bool parentIsAnd, StringBuilder builder)
    {
        var needsParentheses = parentIsAnd && operand is BinaryNode { IsAnd: false };
        if (needsParentheses)
        {
            builder.Append('(');
        }

        Write(operand, builder);
        if (needsParentheses)
        {
            builder.Append(')');
        }
    }

    private abstract record Node;

    private sealed record LicenseNode(string Id, bool OrLater) : Node;

    private sealed record WithNode(LicenseNode License, string Exception) : Node;

    private sealed record BinaryNode(bool IsAnd, Node Left, Node Right) : Node;

    /// <summary>Recursive descent over the text: or := and (OR and)*; and := with (AND with)*; with := simple [WITH exception] | ( or ).</summary>
    private sealed class Parser(string text)
    {
        private int _position;
        private int _depth;
        private string? _error;

        public Node? Parse(out string? error)
        {
            var node = ParseOr();
            SkipSpaces();
            if (node is not null && _position < text.Length)
            {
                Fail(text[_position] == ')' ? "unbalanced ')'" : $"unexpected '{(Word() is { Length: > 0 } word ? word : text[_position].ToString())}'");
                node = null;
            }

            error = _error;
            return _error is null ? node : null;
        }

        private Node? ParseOr()
        {
            var left = ParseAnd();
            while (left is not null && TryKeyword("OR"))
            {
                var right = ParseAnd();
                if (right is null)
                {
                    return null;
                }

                left = new BinaryNode(false, left, right);
            }

            return left;
        }

        private Node? ParseAnd()
        {
            var left = ParseWith();
            while (left is not null && TryKeyword("AND"))
            {
                var right = ParseWith();
                if (right is null)
                {
                    return null;
                }

                left = new BinaryNode(true, left, right);
            }

            return left;
        }

        private Node? ParseWith()
        {
            SkipSpaces();
            if (_position >= text.Length)
            {
                return Fail("a license id is missing at the end");
            }

            if (text[_position] == '(')
            {
                if (++_depth > MaxDepth)
                {
                    return Fail($"parentheses nested deeper than {MaxDepth}");
                }

                _position++;
                var inner = ParseOr();
                SkipSpaces();
                if (inner is null)
                {
                    return null;
                }

                if (_position >= text.Length || text[_position] != ')')
                {
                    return Fail("missing ')'");
                }

                _position++;
                _depth--;
                return inner;
            }

            var license = ParseSimple();
            if (license is null)
            {
                return null;
            }

            if (!TryKeyword("WITH"))
            {
                return license;
            }

            SkipSpaces();
            var word = Word();
            if (word.Length == 0)
            {
                return Fail("an exception id is missing after WITH");
            }

            if (SpdxLicenseList.CanonicalException(word) is not { } exception)
            {
                return Fail($"'{word}' is not an SPDX license exception id");
            }

            _position += word.Length;
            return new WithNode(license, exception);
        }

        private LicenseNode? ParseSimple()
        {
            var word = Word();
            if (word.Length == 0)
            {
                return Fail(_position < text.Length ? $"unexpected '{text[_position]}'" : "a license id is missing at the end") as LicenseNode;
            }

            if (IsOperator(word))
            {
                return Fail($"a license id is missing before '{word.ToUpperInvariant()}'") as LicenseNode;
            }

            _position += word.Length;
            var orLater = _position < text.Length && text[_position] == '+';
            if (orLater)
            {
                _position++;
            }

            string? id;
            if (word.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase))
            {
                var colon = word.IndexOf(':', StringComparison.Ordinal);
                id = colon > "DocumentRef-".Length && IsIdString(word.AsSpan("DocumentRef-".Length, colon - "DocumentRef-".Length))
                    && LicenseRef(word[(colon + 1)..]) is { } reference
                    ? "DocumentRef-" + word["DocumentRef-".Length..colon] + ":" + reference
                    : null;
            }
            else
            {
                id = LicenseRef(word) ?? (word.Contains(':', StringComparison.Ordinal) ? null : SpdxLicenseList.Canonical(word));
            }

            if (id is null)
            {
                return Fail($"'{word}' is not an SPDX license id or LicenseRef") as LicenseNode;
            }

            if (orLater && id.StartsWith("LicenseRef-", StringComparison.Ordinal) || orLater && id.StartsWith("DocumentRef-", StringComparison.Ordinal))
            {
                return Fail($"'+' cannot follow '{id}'") as LicenseNode;
            }

            return new LicenseNode(id, orLater);
        }

        /// <summary><c>LicenseRef-idstring</c> with the prefix in SPDX's casing; null when <paramref name="word"/> is not one.</summary>
        private static string? LicenseRef(string word) =>
            word.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase) && word.Length > "LicenseRef-".Length && IsIdString(word.AsSpan("LicenseRef-".Length))
                ? "LicenseRef-" + word["LicenseRef-".Length..]
                : null;

        private static bool IsIdString(ReadOnlySpan<char> span)
        {
            foreach (var c in span)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
                {
                    return false;
                }
            }

            return span.Length > 0;
        }

        private static bool IsOperator(string word) =>
            word.Equals("AND", StringComparison.OrdinalIgnoreCase) || word.Equals("OR", StringComparison.OrdinalIgnoreCase) || word.Equals("WITH", StringComparison.OrdinalIgnoreCase);

        /// <summary>The word at the position: id characters and a DocumentRef's colon; empty when none.</summary>
        private string Word()
        {
            var end = _position;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-' or ':'))
            {
                end++;
            }

            return text[_position..end];
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpaces();
            var word = Word();
            if (!word.Equals(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            _position += word.Length;
            return true;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && text[_position] is ' ' or '\t' or '\n' or '\r')
            {
                _position++;
            }
        }

        private Node? Fail(string message)
        {
            _error ??= message;
            return null;
        }
    }
}
