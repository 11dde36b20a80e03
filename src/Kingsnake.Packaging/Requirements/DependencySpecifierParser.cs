using Kingsnake.Packaging.Markers;
using Kingsnake.Packaging.Specifiers;
using Kingsnake.Packaging.Text;

namespace Kingsnake.Packaging.Requirements;

/// <summary>
/// A hand-written port of packaging 24.1's context-sensitive tokenizer and recursive-descent parser for PEP 508
/// dependency specifiers and markers (<c>packaging/_tokenizer.py</c>, <c>_parser.py</c>): same tokens, same
/// choices, same error messages and spans. Parenthesis nesting is bounded so hostile input cannot exhaust the stack.
/// </summary>
internal sealed class DependencySpecifierParser
{
    /// <summary>Deepest parenthesis nesting accepted in a marker (CPython's recursion limit stops packaging near 500).</summary>
    public const int MaxNestingDepth = 200;

    private readonly string _source;
    private int _position;
    private int _depth;

    private DependencySpecifierParser(string source) => _source = source;

    internal sealed record ParsedRequirement(string Name, List<string> Extras, string Specifier, string Url, MarkerGroup? Marker);

    public static bool TryParseRequirement(string source, out ParsedRequirement requirement, out PackagingSyntaxError error)
    {
        var parser = new DependencySpecifierParser(source);
        try
        {
            requirement = parser.ParseRequirement();
            error = null!;
            return true;
        }
        catch (SyntaxException exception)
        {
            requirement = null!;
            error = exception.Error;
            return false;
        }
    }

    public static bool TryParseMarker(string source, out MarkerGroup marker, out PackagingSyntaxError error)
    {
        var parser = new DependencySpecifierParser(source);
        try
        {
            marker = parser.ParseMarker();
            parser.Expect(TokenKind.End, "end of marker expression");
            error = null!;
            return true;
        }
        catch (SyntaxException exception)
        {
            marker = null!;
            error = exception.Error;
            return false;
        }
    }

    // ---- grammar ------------------------------------------------------------------------------------------

    private ParsedRequirement ParseRequirement()
    {
        Consume(TokenKind.Whitespace);
        var name = Expect(TokenKind.Identifier, "package name at the start of dependency specifier");
        Consume(TokenKind.Whitespace);
        var extras = ParseExtras();
        Consume(TokenKind.Whitespace);

        var specifier = string.Empty;
        var url = string.Empty;
        MarkerGroup? marker = null;
        if (TryRead(TokenKind.At, out _))
        {
            Consume(TokenKind.Whitespace);
            var urlStart = _position;
            url = Expect(TokenKind.Url, "URL after @");
            if (!Peek(TokenKind.End))
            {
                Expect(TokenKind.Whitespace, "whitespace after URL");
                if (!Peek(TokenKind.End))
                {
                    marker = ParseRequirementMarker(urlStart, "URL and whitespace");
                }
            }
        }
        else
        {
            var specifierStart = _position;
            specifier = ParseSpecifier();
            Consume(TokenKind.Whitespace);
            if (!Peek(TokenKind.End))
            {
                marker = ParseRequirementMarker(
                    specifierStart, specifier.Length > 0 ? "version specifier" : "name and no valid version specifier");
            }
        }

        Expect(TokenKind.End, "end of dependency specifier");
        return new ParsedRequirement(name, extras, specifier, url, marker);
    }

    private MarkerGroup ParseRequirementMarker(int spanStart, string after)
    {
        if (!TryRead(TokenKind.Semicolon, out _))
        {
            throw Error($"Expected end or semicolon (after {after})", spanStart, _position);
        }

        var marker = ParseMarker();
        Consume(TokenKind.Whitespace);
        return marker;
    }

    private List<string> ParseExtras()
    {
        var extras = new List<string>();
        if (!Peek(TokenKind.LeftBracket))
        {
            return extras;
        }

        var open = _position;
        TryRead(TokenKind.LeftBracket, out _);
        Consume(TokenKind.Whitespace);
        if (TryRead(TokenKind.Identifier, out var first))
        {
            extras.Add(first);
            while (true)
            {
                Consume(TokenKind.Whitespace);
                if (Peek(TokenKind.Identifier))
                {
                    throw Error("Expected comma between extra names", _position, _position);
                }

                if (!TryRead(TokenKind.Comma, out _))
                {
                    break;
                }

                Consume(TokenKind.Whitespace);
                extras.Add(Expect(TokenKind.Identifier, "extra name after comma"));
            }
        }

        Consume(TokenKind.Whitespace);
        if (!TryRead(TokenKind.RightBracket, out _))
        {
            throw Error("Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", open, _position);
        }

        return extras;
    }

    private string ParseSpecifier()
    {
        int? open = null;
        if (Peek(TokenKind.LeftParenthesis))
        {
            open = _position;
            _position++;
        }

        Consume(TokenKind.Whitespace);
        var specifiers = ParseVersionMany();
        Consume(TokenKind.Whitespace);
        if (open is { } openPosition && !TryRead(TokenKind.RightParenthesis, out _))
        {
            throw Error("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", openPosition, _position);
        }

        return specifiers;
    }

    private string ParseVersionMany()
    {
        var parsed = string.Empty;
        while (TryRead(TokenKind.Specifier, out var clause))
        {
            var spanStart = _position - clause.Length;
            parsed += clause;
            if (Peek(TokenKind.VersionPrefixTrail))
            {
                throw Error(".* suffix can only be used with `==` or `!=` operators", spanStart, _position + 1);
            }

            if (Peek(TokenKind.VersionLocalLabelTrail))
            {
                throw Error("Local version label can only be used with `==` or `!=` operators", spanStart, _position);
            }

            Consume(TokenKind.Whitespace);
            if (!TryRead(TokenKind.Comma, out var comma))
            {
                break;
            }

            parsed += comma;
            Consume(TokenKind.Whitespace);
        }

        return parsed;
    }

    private MarkerGroup ParseMarker()
    {
        var items = new List<MarkerElement> { ParseMarkerAtom() };
        while (TryRead(TokenKind.BooleanOperator, out var op))
        {
            items.Add(new MarkerBoolean(op == "or"));
            items.Add(ParseMarkerAtom());
        }

        return new MarkerGroup(items);
    }

    private MarkerElement ParseMarkerAtom()
    {
        Consume(TokenKind.Whitespace);
        MarkerElement atom;
        if (Peek(TokenKind.LeftParenthesis))
        {
            var open = _position;
            if (++_depth > MaxNestingDepth)
            {
                throw Error($"Marker expression nested too deeply (more than {MaxNestingDepth} parentheses)", open, open);
            }

            _position++;
            Consume(TokenKind.Whitespace);
            atom = ParseMarker();
            Consume(TokenKind.Whitespace);
            if (!TryRead(TokenKind.RightParenthesis, out _))
            {
                throw Error("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression", open, _position);
            }

            _depth--;
        }
        else
        {
            atom = ParseMarkerItem();
        }

        Consume(TokenKind.Whitespace);
        return atom;
    }

    private MarkerComparison ParseMarkerItem()
    {
        Consume(TokenKind.Whitespace);
        var left = ParseMarkerVariable();
        Consume(TokenKind.Whitespace);
        var op = ParseMarkerOperator();
        Consume(TokenKind.Whitespace);
        var right = ParseMarkerVariable();
        Consume(TokenKind.Whitespace);
        return new MarkerComparison(left, op, right);
    }

    private MarkerOperand ParseMarkerVariable()
    {
        if (TryRead(TokenKind.Variable, out var variable))
        {
            var name = variable.Replace('.', '_');
            return new MarkerOperand(true, name is "platform_python_implementation" or "python_implementation" ? "platform_python_implementation" : name);
        }

        var start = _position;
        if (TryRead(TokenKind.QuotedString, out var quoted))
        {
            if (!PythonStringLiteral.TryDecode(quoted, out var value, out var message))
            {
                // packaging lets Python's SyntaxError escape here; we report it as a syntax error of the marker.
                throw Error($"Invalid string literal: {message}", start, _position);
            }

            return new MarkerOperand(false, value);
        }

        throw Error("Expected a marker variable or quoted string", _position, _position);
    }

    private string ParseMarkerOperator()
    {
        if (TryRead(TokenKind.In, out _))
        {
            return "in";
        }

        if (TryRead(TokenKind.Not, out _))
        {
            Expect(TokenKind.Whitespace, "whitespace after 'not'");
            Expect(TokenKind.In, "'in' after 'not'");
            return "not in";
        }

        if (TryRead(TokenKind.Operator, out var op))
        {
            return op;
        }

        throw Error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", _position, _position);
    }

    // ---- tokens -------------------------------------------------------------------------------------------

    private enum TokenKind
    {
        LeftParenthesis,
        RightParenthesis,
        LeftBracket,
        RightBracket,
        Semicolon,
        Comma,
        QuotedString,
        Operator,
        BooleanOperator,
        In,
        Not,
        Variable,
        Specifier,
        At,
        Url,
        Identifier,
        VersionPrefixTrail,
        VersionLocalLabelTrail,
        Whitespace,
        End,
    }

    private static readonly string[] MarkerVariables =
    [
        // The reference regex alternation, spelled out (each followed by \b): order matters only for prefixes.
        "python_version", "python_full_version", "os.name", "os_name", "sys.platform", "sys_platform",
        "platform_release", "platform_system", "platform.version", "platform_version", "platform.machine",
        "platform_machine", "platform.python_implementation", "platform_python_implementation",
        "python_implementation", "implementation_name", "implementation_version", "extra",
    ];

    private static readonly string[] ComparisonOperators = ["===", "==", "~=", "!=", "<=", ">=", "<", ">"];

    private void Consume(TokenKind kind) => TryRead(kind, out _);

    private bool Peek(TokenKind kind) => Match(kind) >= 0;

    private bool TryRead(TokenKind kind, out string text)
    {
        var length = Match(kind);
        if (length < 0)
        {
            text = string.Empty;
            return false;
        }

        text = _source.Substring(_position, length);
        _position += length;
        return true;
    }

    private string Expect(TokenKind kind, string expected) =>
        TryRead(kind, out var text) ? text : throw Error($"Expected {expected}", _position, _position);

    /// <summary>The length of the token of this kind at the current position, or -1 when it is not there.</summary>
    private int Match(TokenKind kind)
    {
        var s = _source.AsSpan();
        var p = _position;
        var c = p < s.Length ? s[p] : '\0';
        var hasChar = p < s.Length;
        switch (kind)
        {
            case TokenKind.LeftParenthesis:
                return hasChar && c == '(' ? 1 : -1;
            case TokenKind.RightParenthesis:
                return hasChar && c == ')' ? 1 : -1;
            case TokenKind.LeftBracket:
                return hasChar && c == '[' ? 1 : -1;
            case TokenKind.RightBracket:
                return hasChar && c == ']' ? 1 : -1;
            case TokenKind.Semicolon:
                return hasChar && c == ';' ? 1 : -1;
            case TokenKind.Comma:
                return hasChar && c == ',' ? 1 : -1;
            case TokenKind.At:
                return hasChar && c == '@' ? 1 : -1;
            case TokenKind.QuotedString:
            {
                if (!hasChar || c is not ('\'' or '"'))
                {
                    return -1;
                }

                var close = s[(p + 1)..].IndexOf(c);
                return close < 0 ? -1 : close + 2;
            }

            case TokenKind.Operator:
                foreach (var op in ComparisonOperators)
                {
                    if (s[p..].StartsWith(op, StringComparison.Ordinal))
                    {
                        return op.Length;
                    }
                }

                return -1;
            case TokenKind.BooleanOperator:
                return MatchWord(s, p, "or") ?? MatchWord(s, p, "and") ?? -1;
            case TokenKind.In:
                return MatchWord(s, p, "in") ?? -1;
            case TokenKind.Not:
                return MatchWord(s, p, "not") ?? -1;
            case TokenKind.Variable:
                foreach (var name in MarkerVariables)
                {
                    if (MatchWord(s, p, name) is { } length)
                    {
                        return length;
                    }
                }

                return -1;
            case TokenKind.Specifier:
                return Specifiers.Specifier.TryMatchClause(s, p, anchored: false, out _, out _, out _, out var clauseEnd, out _) ? clauseEnd - p : -1;
            case TokenKind.Url:
            {
                var end = p;
                while (end < s.Length && s[end] is not (' ' or '\t'))
                {
                    end++;
                }

                return end > p ? end - p : -1;
            }

            case TokenKind.Identifier:
                return MatchIdentifier(s, p);
            case TokenKind.VersionPrefixTrail:
                return p + 1 < s.Length && c == '.' && s[p + 1] == '*' ? 2 : -1;
            case TokenKind.VersionLocalLabelTrail:
            {
                // \+[a-z0-9]+(?:[-_\.][a-z0-9]+)* — case-sensitive here, unlike the version grammar.
                if (!hasChar || c != '+' || p + 1 >= s.Length || !IsLowerAlphanumeric(s[p + 1]))
                {
                    return -1;
                }

                var end = p + 1;
                while (end < s.Length && IsLowerAlphanumeric(s[end]))
                {
                    end++;
                }

                while (end + 1 < s.Length && s[end] is '-' or '_' or '.' && IsLowerAlphanumeric(s[end + 1]))
                {
                    end++;
                    while (end < s.Length && IsLowerAlphanumeric(s[end]))
                    {
                        end++;
                    }
                }

                return end - p;
            }

            case TokenKind.Whitespace:
            {
                var end = p;
                while (end < s.Length && s[end] is ' ' or '\t')
                {
                    end++;
                }

                return end > p ? end - p : -1;
            }

            case TokenKind.End:
                // Python's "$" also matches just before a final newline.
                return p == s.Length || (p == s.Length - 1 && c == '\n') ? 0 : -1;
            default:
                return -1;
        }
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    // \bword\b
    private static int? MatchWord(ReadOnlySpan<char> s, int p, string word) =>
        s[p..].StartsWith(word, StringComparison.Ordinal) && PythonText.IsWordBoundary(s, p) && PythonText.IsWordBoundary(s, p + word.Length)
            ? word.Length
            : null;

    // \b[a-zA-Z0-9][a-zA-Z0-9._-]*\b — the regex backtracks to the longest prefix that ends on a word boundary.
    private static int MatchIdentifier(ReadOnlySpan<char> s, int p)
    {
        if (p >= s.Length || !char.IsAsciiLetterOrDigit(s[p]) || !PythonText.IsWordBoundary(s, p))
        {
            return -1;
        }

        var end = p + 1;
        while (end < s.Length && (char.IsAsciiLetterOrDigit(s[end]) || s[end] is '.' or '_' or '-'))
        {
            end++;
        }

        for (; end > p; end--)
        {
            if (PythonText.IsWordBoundary(s, end))
            {
                return end - p;
            }
        }

        return -1;
    }

    private SyntaxException Error(string message, int start, int end) => new(new PackagingSyntaxError(message, _source, start, end));

    private sealed class SyntaxException(PackagingSyntaxError error) : Exception(error.Message)
    {
        public PackagingSyntaxError Error { get; } = error;
    }
}
