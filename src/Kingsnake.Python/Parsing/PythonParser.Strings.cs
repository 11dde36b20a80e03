using System.Globalization;
using System.Numerics;
using System.Text;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tokens;
using Attribute = Kingsnake.Python.Ast.Attribute;
using Tuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Python.Parsing;

public sealed partial class PythonParser
{
    private ConstantValue NumberValue(in Token token)
    {
        var span = _b.AsSpan(token.Start, token.End - token.Start);
        Span<char> buffer = span.Length <= 256 ? stackalloc char[span.Length] : new char[span.Length];
        var length = 0;
        foreach (var b in span)
        {
            if (b != '_')
            {
                buffer[length++] = (char)b;
            }
        }

        var text = buffer[..length];
        if (text.Length > 1 && text[0] == '0' && (text[1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (text[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var value = BigInteger.Zero;
            foreach (var c in text[2..])
            {
                value = (value * radix) + HexValue(c);
            }

            return ConstantValue.FromInt(value);
        }

        if ((text[^1] | 0x20) == 'j')
        {
            return ConstantValue.FromImaginary(double.Parse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (text.IndexOfAny('.', 'e', 'E') >= 0)
        {
            return ConstantValue.FromFloat(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return text.Length <= 18
            ? ConstantValue.FromInt(long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture))
            : ConstantValue.FromInt(BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>
    /// Adjacent string literals: one Constant (str or bytes), a JoinedStr when any is an f-string, or a TemplateStr
    /// when they are t-strings (which join only with t-strings).
    /// </summary>
    private ExprNode Strings()
    {
        var start = _p;
        var outerGroup = (_stringGroup, _stringGroupEnd, _fstringStart);
        _stringGroup = start;
        _stringGroupEnd = -1;
        try
        {
            return StringGroup(start);
        }
        finally
        {
            (_stringGroup, _stringGroupEnd, _fstringStart) = outerGroup;
        }
    }

    private ExprNode StringGroup(int start)
    {
        if (Kind == TokenKind.String && KindAt(1) is not (TokenKind.String or TokenKind.FStringStart or TokenKind.TStringStart) && SimpleText(_t[_p]) is { } simple)
        {
            _p++;
            return Finish(simple, start);
        }

        var parts = new List<ExprNode>();
        var text = new StringBuilder();
        byte[]? bytes = null;
        var sawBytes = false;
        var sawText = false;
        var sawFString = false;
        var sawTemplate = false;
        string? kind = null;
        int pendingStart = -1, pendingEnd = -1;

        while (Kind is TokenKind.String or TokenKind.FStringStart or TokenKind.TStringStart)
        {
            ref readonly var token = ref _t[_p];
            var (prefixLength, raw, isBytes, isUnicode) = Prefix(token.Start);
            if (_p == start && isUnicode)
            {
                kind = "u";
            }

            if (token.Kind == TokenKind.String)
            {
                if (isBytes)
                {
                    sawBytes = true;
                }
                else
                {
                    sawText = true;
                }

                if (sawBytes && sawText)
                {
                    throw ErrorAt(_t[start], "cannot mix bytes and nonbytes literals");
                }

                var quoteAt = token.Start + prefixLength;
                var triple = token.End - quoteAt >= 6 && _b[quoteAt + 1] == _b[quoteAt] && _b[quoteAt + 2] == _b[quoteAt];
                var q = triple ? 3 : 1;
                var body = _b.AsSpan(quoteAt + q, token.End - quoteAt - (2 * q));
                if (isBytes)
                {
                    var decoded = DecodeBytes(body, raw, token);
                    bytes = bytes is null ? decoded : [.. bytes, .. decoded];
                }
                else
                {
                    if (pendingStart < 0)
                    {
                        pendingStart = _p;
                    }

                    pendingEnd = _p;
                    DecodeText(body, raw, text, token);
                }

                _p++;
            }
            else
            {
                if (token.Kind == TokenKind.TStringStart)
                {
                    RequireVersion(14, "t-strings are", _p, _p);
                    sawTemplate = true;
                }
                else
                {
                    sawFString = true;
                    sawText = true;
                }

                if (sawBytes && !sawTemplate)
                {
                    throw ErrorAt(_t[start], "cannot mix bytes and nonbytes literals");
                }

                FString(parts, text, ref pendingStart, ref pendingEnd, raw);
            }
        }

        if (sawTemplate)
        {
            if (sawText || sawBytes)
            {
                throw ErrorAt(_t[start], "cannot mix t-string literals with string or bytes literals");
            }

            FlushText(parts, text, ref pendingStart, ref pendingEnd);
            return Finish(new TemplateStr { Values = parts }, start);
        }

        if (sawBytes)
        {
            return Finish(new Constant { Value = ConstantValue.FromBytes(bytes ?? []) }, start);
        }

        if (!sawFString)
        {
            return Finish(new Constant { Value = TextValue(text), Kind = kind }, start);
        }

        FlushText(parts, text, ref pendingStart, ref pendingEnd);
        return Finish(new JoinedStr { Values = parts }, start);
    }

    /// <summary>A lone str literal without escapes or CR (most of them): decoded straight from its bytes, or null.</summary>
    private Constant? SimpleText(in Token token)
    {
        var quoteAt = token.Start;
        string? kind = null;
        while (_b[quoteAt] != '"' && _b[quoteAt] != '\'')
        {
            var letter = _b[quoteAt] | 0x20;
            if (letter == 'b')
            {
                return null;
            }

            if (letter == 'u')
            {
                kind = "u";
            }

            quoteAt++;
        }

        var triple = token.End - quoteAt >= 6 && _b[quoteAt + 1] == _b[quoteAt] && _b[quoteAt + 2] == _b[quoteAt];
        var q = triple ? 3 : 1;
        var body = _b.AsSpan(quoteAt + q, token.End - quoteAt - (2 * q));
        if (body.IndexOfAny((byte)'\\', (byte)'\r') >= 0)
        {
            return null;
        }

        return new Constant { Value = ConstantValue.FromString(body.Length == 0 ? "" : Encoding.UTF8.GetString(body)), Kind = kind };
    }

    /// <summary>The str value of <paramref name="text"/>; with its code points when escapes put surrogates in it.</summary>
    private ConstantValue TextValue(StringBuilder text)
    {
        if (_surrogateEscapes.Count == 0)
        {
            return ConstantValue.FromString(text.ToString());
        }

        var escaped = new HashSet<int>();
        _surrogateEscapes.RemoveAll(mark =>
        {
            if (!ReferenceEquals(mark.Builder, text))
            {
                return false;
            }

            escaped.Add(mark.Index);
            return true;
        });
        var value = text.ToString();
        if (escaped.Count == 0)
        {
            return ConstantValue.FromString(value);
        }

        var codePoints = new List<int>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            // A pair made by two escapes stays two code points; a pair from the source text (or \U) is one.
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) && !escaped.Contains(i) && !escaped.Contains(i + 1))
            {
                codePoints.Add(char.ConvertToUtf32(value[i], value[i + 1]));
                i++;
            }
            else
            {
                codePoints.Add(value[i]);
            }
        }

        return ConstantValue.FromString(value, [.. codePoints]);
    }

    /// <summary>
    /// Ends the pending literal text as one Constant spanning its first to its last token; a text that starts or ends
    /// with a debug '=' field's text is given, instead, the positions CPython gives that text (<paramref name="debugStart"/>,
    /// <paramref name="debugEnd"/>).
    /// </summary>
    private void FlushText(List<ExprNode> parts, StringBuilder text, ref int pendingStart, ref int pendingEnd, (int Line, int Column)? debugStart = null, (int Line, int Column)? debugEnd = null)
    {
        if (text.Length > 0)
        {
            // A run of text that starts with a u'' literal keeps its kind, as from CPython 3.12 on. (Before 3.12 the
            // first token of the whole concatenation gave every piece its kind; older dumps differ there, rarely.)
            var kind = _t[pendingStart].Kind == TokenKind.String && Prefix(_t[pendingStart].Start).Unicode ? "u" : null;
            var constant = new Constant { Value = TextValue(text), Kind = kind };
            var (startLine, startColumn) = debugStart ?? (_t[pendingStart].Line, _t[pendingStart].Column);
            var (endLine, endColumn) = debugEnd ?? (_t[pendingEnd].EndLine, _t[pendingEnd].EndColumn);
            constant.SetSpan(startLine, startColumn, endLine, endColumn);
            parts.Add(constant);
            text.Clear();
        }

        pendingStart = pendingEnd = -1;
    }

    // What only PEP 701's f-string grammar (3.12) takes in a replacement field: the enclosing quotes, backslashes,
    // comments and line breaks, a starred expression, fields nested deeper than one format spec.
    private const string Pep701Feature = "this f-string syntax (PEP 701) is";

    /// <summary>One f-string or t-string from its start token to FSTRING_END, appending its pieces.</summary>
    private void FString(List<ExprNode> parts, StringBuilder text, ref int pendingStart, ref int pendingEnd, bool raw)
    {
        var startToken = _p++; // FSTRING_START or TSTRING_START
        var template = _t[startToken].Kind == TokenKind.TStringStart;
        if (_t[startToken].Start == _modernFString)
        {
            RequireVersion(12, Pep701Feature, startToken, startToken);
        }

        _fstringStart = startToken;
        var specsBefore = _formatSpecs.Count;
        while (true)
        {
            ref readonly var token = ref _t[_p];
            if (token.Kind == TokenKind.FStringEnd)
            {
                // The format specs of this f-string (nested f-strings have taken theirs) learn its token's span.
                for (var i = specsBefore; i < _formatSpecs.Count; i++)
                {
                    _formatSpecs[i].FStringTokenSpan = (_t[startToken].Line, _t[startToken].Column, token.EndLine, token.EndColumn);
                }

                _formatSpecs.RemoveRange(specsBefore, _formatSpecs.Count - specsBefore);
                _p++;
                return;
            }

            if (token.Kind == TokenKind.FStringMiddle)
            {
                if (pendingStart < 0)
                {
                    pendingStart = _p;
                }

                pendingEnd = _p;
                DecodeText(_b.AsSpan(token.Start, token.End - token.Start), raw, text, token, fstring: true);
                _p++;
                continue;
            }

            if (token.Kind == TokenKind.LBrace)
            {
                FieldWithDebugText(parts, text, ref pendingStart, ref pendingEnd, raw, template);
                continue;
            }

            throw Unexpected();
        }
    }

    /// <summary>
    /// A replacement field (an Interpolation in a t-string, else a FormattedValue), after the pending text and, for a
    /// debug '=' field, the text of its expression.
    /// </summary>
    private void FieldWithDebugText(List<ExprNode> parts, StringBuilder text, ref int pendingStart, ref int pendingEnd, bool raw, bool template)
    {
        var debugOpen = _p;
        var field = ReplacementField(raw, template, out var debugText, out var debugEqual);
        (int, int)? debugStart = null, debugEnd = null;
        if (debugText is not null)
        {
            // CPython's debug text runs from just after '{' to the '!', ':' or '}' that follows '=' and its spaces.
            if (pendingStart < 0)
            {
                pendingStart = debugOpen;
                debugStart = (_t[debugOpen].EndLine, _t[debugOpen].EndColumn);
            }

            pendingEnd = debugEqual;
            debugEnd = (_t[debugEqual + 1].Line, _t[debugEqual + 1].Column);
            text.Append(debugText);
        }

        FlushText(parts, text, ref pendingStart, ref pendingEnd, debugStart, debugEnd);
        parts.Add(field);
    }

    /// <summary>'{' expression ['='] ['!' conversion] [':' spec] '}': a FormattedValue, or in a t-string an Interpolation.</summary>
    private ExprNode ReplacementField(bool raw, bool template, out string? debugText, out int debugEqual)
    {
        var open = _p++;
        var what = template ? "t-string" : "f-string";
        debugText = null;
        debugEqual = open;
        if (Kind == TokenKind.RBrace)
        {
            throw ErrorAt(Current, $"{what}: valid expression required before '}}'");
        }

        var value = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
        if (value is Starred && !template)
        {
            RequireVersion(12, Pep701Feature, open + 1, open + 1);
        }

        // An Interpolation keeps the expression's source: from just after '{' to the end of its last token.
        var expressionText = template ? _source.Text(_t[open].End, _t[_p - 1].End) : null;
        var legacyText = LegacyText(open);
        if (value is Tuple tuple && !WrappedInParentheses(open + 1, _p - 1))
        {
            tuple.LegacyFStringSpan = (_t[open].Line, _t[open].Column, _t[_p].Line, _t[_p].Column + 1);
        }

        var conversion = -1;
        if (Kind == TokenKind.Equal)
        {
            debugEqual = _p;
            _p++;
            // The debug text is the source between the braces up to and including '=' (and the spaces after it).
            var textEnd = _t[_p].Start;
            debugText = _source.Text(_t[open].End, textEnd);
            if (debugText.Contains('#', StringComparison.Ordinal))
            {
                debugText = WithoutComments(debugText);
            }
        }

        if (Accept(TokenKind.Exclamation))
        {
            var name = Kind == TokenKind.Name ? TokenText(_t[_p]) : "";
            if (_t[_p].Start != _t[_p - 1].End)
            {
                throw ErrorAt(Current, $"{what}: conversion type must come right after the exclamanation mark");
            }

            conversion = name switch
            {
                "s" => 's',
                "r" => 'r',
                "a" => 'a',
                _ => throw ErrorAt(Current, name.Length == 0 ? $"{what}: missing conversion character" : $"{what}: invalid conversion character '{name}': expected 's', 'r', or 'a'"),
            };
            _p++;
        }

        ExprNode? spec = null;
        if (Kind == TokenKind.Colon)
        {
            // 3.12 and 3.13 decoded escapes in a raw f-string's format spec (fixed in 3.14).
            spec = FormatSpec(raw && (_target >= 14 || _target < 12));
        }

        if (Kind != TokenKind.RBrace)
        {
            throw ErrorAt(Current, $"{what}: expecting '}}'");
        }

        _p++;
        if (debugText is not null && conversion == -1 && spec is null)
        {
            conversion = 'r';
        }

        if (expressionText is not null)
        {
            return Finish(new Interpolation { Value = value, Str = ConstantValue.FromString(expressionText), Conversion = conversion, FormatSpec = spec }, open);
        }

        return Finish(new FormattedValue { Value = value, Conversion = conversion, FormatSpec = spec, LegacyText = legacyText }, open);
    }

    /// <summary>The field's text as CPython before 3.10 located it (see <see cref="LegacyFieldText"/>); cheap, no search.</summary>
    private LegacyFieldText LegacyText(int open)
    {
        if (_stringGroupEnd < 0)
        {
            // The end of the group's first string token: its own end, or its FSTRING_END.
            var i = _stringGroup;
            if (_t[i].Kind is TokenKind.FStringStart or TokenKind.TStringStart)
            {
                var depth = 0;
                for (; i < _t.Length; i++)
                {
                    depth += _t[i].Kind switch { TokenKind.FStringStart or TokenKind.TStringStart => 1, TokenKind.FStringEnd => -1, _ => 0 };
                    if (depth == 0)
                    {
                        break;
                    }
                }
            }

            _stringGroupEnd = _t[Math.Min(i, _t.Length - 1)].End;
        }

        ref readonly var brace = ref _t[open];
        ref readonly var fstring = ref _t[_fstringStart];
        ref readonly var group = ref _t[_stringGroup];
        return new LegacyFieldText(_b, brace.End, _t[_p].Start, brace.EndLine, brace.EndColumn, fstring.Line, fstring.Column, group.Start, _stringGroupEnd, group.Line, group.Column);
    }

    /// <summary>
    /// A debug text without its comments, as CPython 3.13 strips them: every '#' in the text (even one inside a string,
    /// with no comment at all) drops the rest of its line, the line break kept.
    /// </summary>
    private static string WithoutComments(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '#')
            {
                result.Append(text[i]);
                continue;
            }

            while (i < text.Length && text[i] != '\n')
            {
                i++;
            }

            if (i < text.Length)
            {
                result.Append('\n');
            }
        }

        return result.ToString();
    }

    /// <summary>Whether tokens <paramref name="first"/>..<paramref name="last"/> are one parenthesized group: '(' and its own ')'.</summary>
    private bool WrappedInParentheses(int first, int last)
    {
        if (_t[first].Kind != TokenKind.LPar || _t[last].Kind != TokenKind.RPar)
        {
            return false;
        }

        var depth = 0;
        for (var i = first; i <= last; i++)
        {
            var kind = _t[i].Kind;
            if (kind is TokenKind.LPar or TokenKind.LSqb or TokenKind.LBrace)
            {
                depth++;
            }
            else if (kind is TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace && --depth == 0)
            {
                return i == last;
            }
        }

        return false;
    }

    private JoinedStr FormatSpec(bool raw)
    {
        var colon = _p++;
        var parts = new List<ExprNode>();
        var text = new StringBuilder();
        int pendingStart = -1, pendingEnd = -1;
        while (Kind is TokenKind.FStringMiddle or TokenKind.LBrace)
        {
            ref readonly var token = ref _t[_p];
            if (token.Kind == TokenKind.FStringMiddle)
            {
                if (pendingStart < 0)
                {
                    pendingStart = _p;
                }

                pendingEnd = _p;
                DecodeText(_b.AsSpan(token.Start, token.End - token.Start), raw, text, token, fstring: true);
                _p++;
            }
            else
            {
                // CPython's tokenizer allows replacement fields three deep (two specs), no deeper; before 3.12, two deep.
                if (_specDepth >= 2)
                {
                    throw ErrorAt(_t[_p - 1], "f-string: expressions nested too deeply");
                }

                if (_specDepth >= 1)
                {
                    RequireVersion(12, Pep701Feature, _p, _p);
                }

                _specDepth++;
                try
                {
                    FieldWithDebugText(parts, text, ref pendingStart, ref pendingEnd, raw, template: false);
                }
                finally
                {
                    _specDepth--;
                }
            }
        }

        FlushText(parts, text, ref pendingStart, ref pendingEnd);
        var spec = new JoinedStr { Values = parts };
        _formatSpecs.Add(spec);
        if (_p - 1 == colon)
        {
            spec.SetSpan(_t[colon].Line, _t[colon].Column, _t[colon].EndLine, _t[colon].EndColumn);
        }
        else
        {
            Finish(spec, colon);
        }

        return spec;
    }

    private (int Length, bool Raw, bool Bytes, bool Unicode) Prefix(int start)
    {
        bool raw = false, bytes = false, unicode = false;
        var i = start;
        while (_b[i] != '"' && _b[i] != '\'')
        {
            switch (_b[i] | 0x20)
            {
                case 'r': raw = true; break;
                case 'b': bytes = true; break;
                case 'u': unicode = true; break;
            }

            i++;
        }

        return (i - start, raw, bytes, unicode);
    }

    private void DecodeText(ReadOnlySpan<byte> body, bool raw, StringBuilder into, in Token token, bool fstring = false)
    {
        var i = 0;
        while (i < body.Length)
        {
            var b = body[i];
            if (b == '\r')
            {
                into.Append('\n');
                i += i + 1 < body.Length && body[i + 1] == '\n' ? 2 : 1;
                continue;
            }

            if (fstring && (b == '{' || b == '}') && i + 1 < body.Length && body[i + 1] == b)
            {
                into.Append((char)b);
                i += 2;
                continue;
            }

            if (b != '\\' || raw)
            {
                var runEnd = i + 1;
                while (runEnd < body.Length && body[runEnd] != '\\' && body[runEnd] != '\r' && !(fstring && (body[runEnd] == '{' || body[runEnd] == '}')))
                {
                    runEnd++;
                }

                if (raw)
                {
                    // Raw text still has its backslashes; only line endings and doubled braces change.
                    while (runEnd < body.Length && body[runEnd] == '\\')
                    {
                        runEnd++;
                        while (runEnd < body.Length && body[runEnd] != '\\' && body[runEnd] != '\r' && !(fstring && (body[runEnd] == '{' || body[runEnd] == '}')))
                        {
                            runEnd++;
                        }
                    }
                }

                into.Append(Encoding.UTF8.GetString(body[i..runEnd]));
                i = runEnd;
                continue;
            }

            i++;
            if (i >= body.Length)
            {
                into.Append('\\');
                break;
            }

            var c = body[i];
            switch (c)
            {
                case (byte)'\n':
                    i++;
                    break;
                case (byte)'\r':
                    i += i + 1 < body.Length && body[i + 1] == '\n' ? 2 : 1;
                    break;
                case (byte)'\\': into.Append('\\'); i++; break;
                case (byte)'\'': into.Append('\''); i++; break;
                case (byte)'"': into.Append('"'); i++; break;
                case (byte)'a': into.Append('\a'); i++; break;
                case (byte)'b': into.Append('\b'); i++; break;
                case (byte)'f': into.Append('\f'); i++; break;
                case (byte)'n': into.Append('\n'); i++; break;
                case (byte)'r': into.Append('\r'); i++; break;
                case (byte)'t': into.Append('\t'); i++; break;
                case (byte)'v': into.Append('\v'); i++; break;
                case >= (byte)'0' and <= (byte)'7':
                    {
                        var value = 0;
                        var count = 0;
                        while (count < 3 && i < body.Length && body[i] >= '0' && body[i] <= '7')
                        {
                            value = (value * 8) + (body[i] - '0');
                            i++;
                            count++;
                        }

                        into.Append((char)value);
                        break;
                    }

                case (byte)'x':
                case (byte)'u':
                case (byte)'U':
                    {
                        var digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                        var value = 0;
                        for (var k = 1; k <= digits; k++)
                        {
                            if (i + k >= body.Length || !char.IsAsciiHexDigit((char)body[i + k]))
                            {
                                throw EscapeError(body, i - 1, i + k, $"truncated \\{(char)c}{new string('X', digits)} escape", token, fstring);
                            }

                            value = (value * 16) + HexValue((char)body[i + k]);
                        }

                        if (value > 0x10FFFF)
                        {
                            throw EscapeError(body, i - 1, i + digits + 1, "illegal Unicode character", token, fstring);
                        }

                        if (value is >= 0xD800 and <= 0xDFFF)
                        {
                            // Python keeps an escaped surrogate as its own code point, never paired with a neighbour.
                            _surrogateEscapes.Add((into, into.Length));
                        }

                        AppendCodePoint(into, value);
                        i += digits + 1;
                        break;
                    }

                case (byte)'N':
                    {
                        // CPython: '\\N{' name '}' with a non-empty name; otherwise a malformed escape.
                        var nameStart = i + 2;
                        if (i + 1 >= body.Length || body[i + 1] != '{')
                        {
                            throw EscapeError(body, i - 1, i + 1, "malformed \\N character escape", token, fstring);
                        }

                        var close = body[nameStart..].IndexOf((byte)'}');
                        if (close <= 0)
                        {
                            throw EscapeError(body, i - 1, close < 0 ? body.Length : nameStart, "malformed \\N character escape", token, fstring);
                        }

                        var name = Encoding.UTF8.GetString(body.Slice(nameStart, close));
                        var codePoint = name.Length <= 256 ? UnicodeNames.Lookup(name, _target) : -1;
                        if (codePoint < 0)
                        {
                            throw EscapeError(body, i - 1, nameStart + close + 1, "unknown Unicode character name", token, fstring);
                        }

                        AppendCodePoint(into, codePoint);
                        i = nameStart + close + 1;
                        break;
                    }

                default:
                    into.Append('\\');
                    break;
            }
        }
    }

    /// <summary>
    /// CPython's message for a bad escape: positions count bytes of the literal's body after CPython's decoder has
    /// rewritten each non-ASCII character as a ten-byte \\UXXXXXXXX escape and each CRLF as one newline. The error sits
    /// at the literal's token (at the end of an f-string's text piece).
    /// </summary>
    private static PythonSyntaxError EscapeError(ReadOnlySpan<byte> body, int start, int end, string reason, in Token token, bool fstring)
    {
        var from = DecoderPosition(body, start);
        var to = DecoderPosition(body, end) - 1;
        var message = $"(unicode error) 'unicodeescape' codec can't decode bytes in position {from}-{to}: {reason}";
        return fstring ? new PythonSyntaxError(message, token.EndLine, token.EndColumn) : new PythonSyntaxError(message, token.Line, token.Column);
    }

    private static int DecoderPosition(ReadOnlySpan<byte> body, int index)
    {
        var position = 0;
        for (var k = 0; k < index && k < body.Length; k++)
        {
            var b = body[k];
            if (b >= 0xC0)
            {
                position += 10;
            }
            else if (b < 0x80 && !(b == '\r' && k + 1 < body.Length && body[k + 1] == '\n'))
            {
                position++;
            }
        }

        return position + Math.Max(0, index - body.Length);
    }

    private static void AppendCodePoint(StringBuilder into, int value)
    {
        if (value < 0x10000)
        {
            into.Append((char)value);
        }
        else
        {
            into.Append(char.ConvertFromUtf32(value));
        }
    }

    private static byte[] DecodeBytes(ReadOnlySpan<byte> body, bool raw, in Token token)
    {
        var result = new List<byte>(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            var b = body[i];
            if (b >= 0x80)
            {
                throw new PythonSyntaxError("bytes can only contain ASCII literal characters", token.Line, token.Column);
            }

            if (b == '\r')
            {
                result.Add((byte)'\n');
                i += i + 1 < body.Length && body[i + 1] == '\n' ? 2 : 1;
                continue;
            }

            if (b != '\\' || raw)
            {
                result.Add(b);
                i++;
                continue;
            }

            i++;
            if (i >= body.Length)
            {
                result.Add((byte)'\\');
                break;
            }

            var c = body[i];
            switch (c)
            {
                case (byte)'\n': i++; break;
                case (byte)'\r': i += i + 1 < body.Length && body[i + 1] == '\n' ? 2 : 1; break;
                case (byte)'\\': result.Add((byte)'\\'); i++; break;
                case (byte)'\'': result.Add((byte)'\''); i++; break;
                case (byte)'"': result.Add((byte)'"'); i++; break;
                case (byte)'a': result.Add(7); i++; break;
                case (byte)'b': result.Add(8); i++; break;
                case (byte)'f': result.Add(12); i++; break;
                case (byte)'n': result.Add(10); i++; break;
                case (byte)'r': result.Add(13); i++; break;
                case (byte)'t': result.Add(9); i++; break;
                case (byte)'v': result.Add(11); i++; break;
                case >= (byte)'0' and <= (byte)'7':
                    {
                        var value = 0;
                        var count = 0;
                        while (count < 3 && i < body.Length && body[i] >= '0' && body[i] <= '7')
                        {
                            value = (value * 8) + (body[i] - '0');
                            i++;
                            count++;
                        }

                        result.Add((byte)value);
                        break;
                    }

                case (byte)'x':
                    if (i + 2 >= body.Length + 0 && !(i + 2 < body.Length + 1) || i + 2 > body.Length || !char.IsAsciiHexDigit((char)body[i + 1]) || !char.IsAsciiHexDigit((char)body[i + 2]))
                    {
                        throw new PythonSyntaxError("(value error) invalid \\x escape", token.Line, token.Column);
                    }

                    result.Add((byte)((HexValue((char)body[i + 1]) * 16) + HexValue((char)body[i + 2])));
                    i += 3;
                    break;
                default:
                    result.Add((byte)'\\');
                    break;
            }
        }

        return [.. result];
    }
}
