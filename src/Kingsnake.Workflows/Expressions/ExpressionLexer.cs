using System.Globalization;
using System.Text;

namespace Kingsnake.Workflows.Expressions;

internal enum TokenKind
{
    End,
    Identifier,
    Number,
    String,
    Dot,
    Star,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Not,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text = "", object? Value = null);

/// <summary>
/// Splits GitHub's expression syntax into tokens, reading the text in place (no substrings except for
/// names and literal values). Grammar facts from GitHub's "Evaluate expressions in workflows and actions"
/// documentation: single-quoted strings with <c>''</c> as the escape, numbers in decimal, hex (<c>0x</c>) and
/// exponent form, names of letters, digits, '_' and '-'.
/// </summary>
internal sealed class ExpressionLexer
{
    private readonly string _text;
    private readonly int _start;
    private readonly int _end;
    private int _position;
    private TokenKind _previous = TokenKind.End;

    public ExpressionLexer(string text, int start, int end)
    {
        _text = text;
        _start = start;
        _end = end;
        _position = start;
    }

    public Token Next()
    {
        var token = Read();
        _previous = token.Kind;
        return token;
    }

    private Token Read()
    {
        var text = _text;
        var end = _end;
        var afterDot = _previous == TokenKind.Dot;
        while (_position < end && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= end)
        {
            return new Token(TokenKind.End, end, end);
        }

        var begin = _position;
        var c = text[_position];

        // a property name directly after '.' may start with a digit or contain '-' (steps.1st-step.outputs)
        if (afterDot && IsNameChar(c))
        {
            while (_position < end && IsNameChar(text[_position]))
            {
                _position++;
            }

            return new Token(TokenKind.Identifier, begin, _position, text[begin.._position]);
        }
        switch (c)
        {
            case '.':
                if (_position + 1 < end && char.IsAsciiDigit(text[_position + 1]) && !PreviousIsValue(begin))
                {
                    return ReadNumber();
                }

                return Single(TokenKind.Dot);
            case '*': return Single(TokenKind.Star);
            case '[': return Single(TokenKind.LeftBracket);
            case ']': return Single(TokenKind.RightBracket);
            case '(': return Single(TokenKind.LeftParen);
            case ')': return Single(TokenKind.RightParen);
            case ',': return Single(TokenKind.Comma);
            case '\'': return ReadString();
            case '!': return Peek('=') ? Double(TokenKind.NotEqual) : Single(TokenKind.Not);
            case '=': return Peek('=') ? Double(TokenKind.Equal) : throw new ExpressionException("'=' is not an operator; use '=='", begin);
            case '<': return Peek('=') ? Double(TokenKind.LessOrEqual) : Single(TokenKind.Less);
            case '>': return Peek('=') ? Double(TokenKind.GreaterOrEqual) : Single(TokenKind.Greater);
            case '&': return Peek('&') ? Double(TokenKind.And) : throw new ExpressionException("'&' is not an operator; use '&&'", begin);
            case '|': return Peek('|') ? Double(TokenKind.Or) : throw new ExpressionException("'|' is not an operator; use '||'", begin);
            case '"': throw new ExpressionException("strings use single quotes in expressions", begin);
        }

        if (char.IsAsciiDigit(c) || ((c == '-' || c == '+') && _position + 1 < end && (char.IsAsciiDigit(text[_position + 1]) || text[_position + 1] == '.')))
        {
            return ReadNumber();
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_position < end && IsNameChar(text[_position]))
            {
                _position++;
            }

            return new Token(TokenKind.Identifier, begin, _position, text[begin.._position]);
        }

        throw new ExpressionException($"unexpected character '{c}'", begin);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private bool PreviousIsValue(int at)
    {
        var i = at - 1;
        while (i >= _start && char.IsWhiteSpace(_text[i]))
        {
            i--;
        }

        return i >= _start && (IsNameChar(_text[i]) || _text[i] is ')' or ']' or '*');
    }

    private bool Peek(char next) => _position + 1 < _end && _text[_position + 1] == next;

    private Token Single(TokenKind kind)
    {
        _position++;
        return new Token(kind, _position - 1, _position);
    }

    private Token Double(TokenKind kind)
    {
        _position += 2;
        return new Token(kind, _position - 2, _position);
    }

    private Token ReadString()
    {
        var (text, end) = (_text, _end);
        var begin = _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= end)
            {
                throw new ExpressionException("unterminated string literal", begin);
            }

            var c = text[_position++];
            if (c == '\'')
            {
                if (_position < end && text[_position] == '\'')
                {
                    value.Append('\'');
                    _position++;
                    continue;
                }

                return new Token(TokenKind.String, begin, _position, text[begin.._position], value.ToString());
            }

            value.Append(c);
        }
    }

    private Token ReadNumber()
    {
        var (text, end) = (_text, _end);
        var begin = _position;
        while (_position < end && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '.' or '-' or '+' or '_'))
        {
            // an exponent sign belongs to the number; any other sign ends it
            if (text[_position] is '-' or '+' && _position > begin && text[_position - 1] is not ('e' or 'E'))
            {
                break;
            }

            _position++;
        }

        var raw = text[begin.._position];
        if (!TryParseNumber(raw, out var value))
        {
            throw new ExpressionException($"'{raw}' is not a number", begin);
        }

        return new Token(TokenKind.Number, begin, _position, raw, value);
    }

    private static bool TryParseNumber(string raw, out double value)
    {
        var body = raw.TrimStart('+', '-');
        var negative = raw.StartsWith('-');
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var ok = long.TryParse(body.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && body.Length > 2;
            value = negative ? -hex : hex;
            return ok;
        }

        if (body.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            value = 0;
            if (body.Length == 2)
            {
                return false;
            }

            foreach (var digit in body.AsSpan(2))
            {
                if (digit is < '0' or > '7')
                {
                    return false;
                }

                value = (value * 8) + (digit - '0');
            }

            value = negative ? -value : value;
            return true;
        }

        return double.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }
}
