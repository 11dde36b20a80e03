using System.Buffers;
using System.Text;
using Kingsnake.Python.Source;

namespace Kingsnake.Python.Tokens;

/// <summary>
/// Python 3.13's tokenizer over UTF-8 bytes: indentation (tabs to multiples of 8, form feed resets, the alternate
/// count that detects inconsistent tabs), implicit joining in brackets, backslash continuations, all string prefixes,
/// PEP 701 f-strings (FSTRING_START/MIDDLE/END with nested replacement fields and format specs), numbers. Comments
/// and blank lines (NL) are not given to the parser; comments are collected in <see cref="Comments"/>.
/// No regex, no per-token allocation.
/// </summary>
public sealed class Tokenizer
{
    private const int TabSize = 8;
    private const int MaxIndentLevels = 100;
    private const int MaxParenLevels = 200;

    private readonly SourceText _source;
    private readonly byte[] _b;

    // The grammar version (3.N) whose tokens are made: string prefixes and their errors changed in 3.14.
    private readonly int _target;
    private readonly int _length;
    // A plain array the parser reads in place (no copy); slots past the count are default tokens, i.e. EndMarker.
    private Token[] _tokens;
    private int _count;
    private readonly List<(int Start, int End)> _comments = [];
    private readonly List<int> _indents = [0];
    private readonly List<int> _altIndents = [0];
    private readonly List<Mode> _modes = [];
    private readonly int[] _lineStarts;
    // The open brackets and their offsets, by depth (from 1); grown on demand up to MaxParenLevels.
    private byte[] _parenStack = new byte[32];
    private int _parenDepth;
    private int _pos;
    private int _lineCursor;
    private bool _atLineStart = true;
    private bool _lineHasTokens;

    // Default (EndMarker-kind) slots kept after the last token, so that a parser's lookahead past the end of a
    // reused buffer reads EndMarker, never a token of an earlier file.
    private const int EndPadding = 8;

    private Tokenizer(SourceText source, Token[]? buffer, Version target)
    {
        _target = target.Minor;
        _source = source;
        _b = source.Bytes;
        _length = _b.Length;
        _pos = source.Start;
        _lineStarts = source.LineStarts;
        _tokens = buffer ?? new Token[Math.Max(16, (_length - _pos) / 6)];
    }

    /// <summary>Comments seen, as byte ranges (type comments included, untouched).</summary>
    public IReadOnlyList<(int Start, int End)> Comments => _comments;

    public IReadOnlyList<Token> Tokens => new ArraySegment<Token>(_tokens, 0, _count);

    /// <summary>The token array itself, ending with EndMarker (and default, EndMarker-kind, slots after it).</summary>
    internal Token[] TokenArray => _tokens;

    /// <summary>
    /// The first lexical error, if any; the tokens stop there with an EndMarker at <see cref="ErrorTokenIndex"/>.
    /// CPython's tokenizer runs as the parser asks for tokens, and after a grammar error it tokenizes the rest of the
    /// file so that a lexical error found there replaces the grammar one (<see cref="ErrorIsDeferred"/> false).
    /// </summary>
    public PythonSyntaxError? LexicalError { get; private set; }

    /// <summary>
    /// Whether <see cref="LexicalError"/> counts only once the parser reaches it, as CPython's indentation, line
    /// continuation and end-of-file errors (and any error inside an f-string) do.
    /// </summary>
    public bool ErrorIsDeferred { get; private set; }

    /// <summary>For "'(' was never closed": the bracket's line (CPython prefers it to a grammar error on a later line).</summary>
    public int UnclosedBracketLine { get; private set; }

    /// <summary>Index of the EndMarker that stands for the token the <see cref="LexicalError"/> stopped.</summary>
    public int ErrorTokenIndex { get; private set; } = -1;

    /// <summary>Tokenizes the whole source; a lexical error ends the tokens early and is kept in <see cref="LexicalError"/>.</summary>
    public static Tokenizer Run(SourceText source, Version? target = null)
    {
        var tokenizer = new Tokenizer(source, buffer: null, target ?? PythonVersions.Newest);
        tokenizer.Tokenize();
        return tokenizer;
    }

    /// <summary>
    /// A tokenizer writing into <paramref name="buffer"/> (a parser's reused array; grown when too small, see
    /// <see cref="TokenArray"/>); <see cref="Tokenize"/> fills it. Slots past the tokens are cleared, not the whole array.
    /// </summary>
    internal static Tokenizer Create(SourceText source, Token[] buffer, Version target) => new(source, buffer, target);

    /// <summary>Tokenizes the whole source; a lexical error ends the tokens early and is kept in <see cref="LexicalError"/>.</summary>
    internal void Tokenize()
    {
        try
        {
            TokenizeAll();
        }
        catch (PythonSyntaxError error)
        {
            LexicalError = error;
            var unclosed = error.Message.EndsWith("was never closed", StringComparison.Ordinal);
            UnclosedBracketLine = unclosed ? error.Line : 0;
            ErrorIsDeferred = unclosed || _modes.Count > 0 || error.Kind != "SyntaxError"
                || error.Message is "unexpected character after line continuation character" or "unexpected EOF while parsing";
            ErrorTokenIndex = _count;
            var at = _count > 0 ? _tokens[_count - 1].End : _source.Start;
            Add(TokenKind.EndMarker, at, at);
            PadAfterEndMarker();
        }
    }

    /// <summary>How many tokens there are, EndMarker included.</summary>
    internal int Count => _count;

    private enum ModeKind : byte
    {
        FString,
        Field,
        Spec,
    }

    // Template: a t-string (PEP 750), whose messages say "t-string" where an f-string's say "f-string".
    private readonly record struct Mode(ModeKind Kind, byte Quote, bool Triple, bool Raw, int Depth, int Start, bool Template)
    {
        public string Name => Template ? "t-string" : "f-string";
    }

    private void TokenizeAll()
    {
        while (true)
        {
            if (_modes.Count > 0 && _modes[^1].Kind != ModeKind.Field)
            {
                ScanFStringText();
                continue;
            }

            if (_atLineStart)
            {
                _atLineStart = false;
                if (_parenDepth == 0 && Indentation())
                {
                    continue;
                }
            }

            while (_pos < _length && (_b[_pos] == ' ' || _b[_pos] == '\t' || _b[_pos] == '\f'))
            {
                _pos++;
            }

            if (_pos >= _length)
            {
                Finish();
                return;
            }

            var c = _b[_pos];
            if (c == '#')
            {
                var start = _pos;
                var end = _b.AsSpan(_pos).IndexOfAny((byte)'\n', (byte)'\r');
                _pos = end < 0 ? _length : _pos + end;
                _comments.Add((start, _pos));
                continue;
            }

            if (c == '\n' || c == '\r')
            {
                var start = _pos;
                _pos += c == '\r' && _pos + 1 < _length && _b[_pos + 1] == '\n' ? 2 : 1;
                if (_parenDepth == 0 && _lineHasTokens)
                {
                    Add(TokenKind.Newline, start, _pos);
                    _lineHasTokens = false;
                }

                if (_parenDepth == 0)
                {
                    _atLineStart = true;
                }

                continue;
            }

            if (c == '\\')
            {
                var next = _pos + 1;
                if (next < _length && (_b[next] == '\n' || _b[next] == '\r'))
                {
                    _pos = next + (_b[next] == '\r' && next + 1 < _length && _b[next + 1] == '\n' ? 2 : 1);
                    if (_pos >= _length)
                    {
                        throw Error("unexpected EOF while parsing", _pos);
                    }

                    continue;
                }

                throw Error("unexpected character after line continuation character", _pos);
            }

            _lineHasTokens = true;
            if (IsIdentifierStart(c))
            {
                ScanNameOrString();
            }
            else if (IsDigit(c) || (c == '.' && _pos + 1 < _length && IsDigit(_b[_pos + 1])))
            {
                ScanNumber();
            }
            else if (c == '"' || c == '\'')
            {
                ScanString(_pos, _pos, raw: false, fstring: false, template: false);
            }
            else
            {
                ScanOperator(c);
            }
        }
    }

    /// <summary>Measures indentation at a line start; true when the line is blank (nothing to emit yet).</summary>
    private bool Indentation()
    {
        int column = 0, altColumn = 0;
        var start = _pos;
        while (_pos < _length)
        {
            var c = _b[_pos];
            if (c == ' ')
            {
                column++;
                altColumn++;
            }
            else if (c == '\t')
            {
                column = ((column / TabSize) + 1) * TabSize;
                altColumn++;
            }
            else if (c == '\f')
            {
                column = altColumn = 0;
            }
            else
            {
                break;
            }

            _pos++;
        }

        if (_pos >= _length || _b[_pos] == '#' || _b[_pos] == '\n' || _b[_pos] == '\r')
        {
            return false;
        }

        // A line that is only a backslash continuation does not count for indentation either.
        if (_b[_pos] == '\\' && _pos + 1 < _length && (_b[_pos + 1] == '\n' || _b[_pos + 1] == '\r'))
        {
            return false;
        }

        var current = _indents[^1];
        if (column == current)
        {
            if (altColumn != _altIndents[^1])
            {
                throw new PythonSyntaxError("inconsistent use of tabs and spaces in indentation", LineOf(_pos), _pos - start, "TabError");
            }
        }
        else if (column > current)
        {
            if (_indents.Count >= MaxIndentLevels)
            {
                throw new PythonSyntaxError("too many levels of indentation", LineOf(_pos), _pos - start, "IndentationError");
            }

            if (altColumn <= _altIndents[^1])
            {
                throw new PythonSyntaxError("inconsistent use of tabs and spaces in indentation", LineOf(_pos), _pos - start, "TabError");
            }

            _indents.Add(column);
            _altIndents.Add(altColumn);
            Add(TokenKind.Indent, start, _pos);
        }
        else
        {
            while (_indents.Count > 1 && column < _indents[^1])
            {
                _indents.RemoveAt(_indents.Count - 1);
                _altIndents.RemoveAt(_altIndents.Count - 1);
                Add(TokenKind.Dedent, _pos, _pos);
            }

            if (column != _indents[^1])
            {
                throw new PythonSyntaxError("unindent does not match any outer indentation level", LineOf(_pos), _pos - start, "IndentationError");
            }

            if (altColumn != _altIndents[^1])
            {
                throw new PythonSyntaxError("inconsistent use of tabs and spaces in indentation", LineOf(_pos), _pos - start, "TabError");
            }
        }

        return false;
    }

    private void Finish()
    {
        if (_modes.Count > 0)
        {
            var mode = _modes[0];
            throw Error(mode.Triple ? $"unterminated triple-quoted {mode.Name} literal" : $"unterminated {mode.Name} literal", mode.Start, detected: true);
        }

        if (_parenDepth > 0)
        {
            // CPython reports the innermost unclosed bracket.
            throw Error($"'{(char)_parenStack[_parenDepth]}' was never closed", _openerOffsets[_parenDepth]);
        }

        if (_lineHasTokens)
        {
            Add(TokenKind.Newline, _pos, _pos);
            _lineHasTokens = false;
        }

        while (_indents.Count > 1)
        {
            _indents.RemoveAt(_indents.Count - 1);
            Add(TokenKind.Dedent, _pos, _pos);
        }

        Add(TokenKind.EndMarker, _pos, _pos);
        PadAfterEndMarker();
    }

    /// <summary>Clears the slots the parser's lookahead may read past the EndMarker (the array is reused across files).</summary>
    private void PadAfterEndMarker()
    {
        if (_count + EndPadding > _tokens.Length)
        {
            Array.Resize(ref _tokens, _count + EndPadding);
        }

        Array.Clear(_tokens, _count, EndPadding);
    }

    private int[] _openerOffsets = new int[32];

    private void ScanNameOrString()
    {
        var start = _pos;
        var b = _b;
        var classes = CharClasses;
        var i = start;
        if (b[start] < 0x80)
        {
            // ASCII letters, digits and '_': one table look-up per byte.
            i++;
            while (i < _length && (classes[b[i]] & IdentifierPart) != 0)
            {
                i++;
            }

            // A string prefix is a few letters from r, b, u, f, t (any case) right before a quote.
            if (i - start <= MaxPrefixLength && i < _length && (b[i] == '"' || b[i] == '\'') && ValidPrefix(start, i, out var raw, out var fstring, out var template))
            {
                ScanString(start, i, raw, fstring, template);
                return;
            }

            if (i >= _length || b[i] < 0x80)
            {
                _pos = i;
                Add(Keyword(b.AsSpan(start, i - start)), start, i);
                return;
            }
        }

        // A name with other characters: Unicode's identifier classes, rune by rune.
        _pos = i;
        while (_pos < _length)
        {
            var c = b[_pos];
            if (c < 0x80)
            {
                if ((classes[c] & IdentifierPart) == 0)
                {
                    break;
                }

                _pos++;
            }
            else
            {
                if (Rune.DecodeFromUtf8(b.AsSpan(_pos), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    throw Error("invalid character", _pos);
                }

                if (!UnicodeData.UnicodeSets.IsIdentifierCharacter(rune.Value, _pos == start, _target))
                {
                    if (_pos == start)
                    {
                        throw InvalidCharacter(rune, _pos);
                    }

                    break;
                }

                _pos += consumed;
            }
        }

        Add(TokenKind.Name, start, _pos);
    }

    private PythonSyntaxError InvalidCharacter(Rune rune, int offset) =>
        !UnicodeData.UnicodeSets.IsPrintable(rune.Value, _target)
            ? Error($"invalid non-printable character U+{rune.Value:X4}", offset)
            : Error($"invalid character '{rune}' (U+{rune.Value:X4})", offset);

    private static readonly SearchValues<byte> SingleQuoteStops = SearchValues.Create("'\\\n\r"u8);
    private static readonly SearchValues<byte> DoubleQuoteStops = SearchValues.Create("\"\\\n\r"u8);
    private static readonly SearchValues<byte> TripleSingleQuoteStops = SearchValues.Create("'\\"u8);
    private static readonly SearchValues<byte> TripleDoubleQuoteStops = SearchValues.Create("\"\\"u8);

    private const byte IdentifierPart = 1; // ASCII letter, digit, '_'
    private const byte IdentifierStart = 2; // ASCII letter, '_', or any byte of a multi-byte character
    private const byte PrefixLetter = 4; // r, b, u, f, t in either case

    // Each of the five prefix letters at most once.
    private const int MaxPrefixLength = 5;

    /// <summary>The classes of every byte value (a bit set of the constants above), one look-up per byte.</summary>
    private static ReadOnlySpan<byte> CharClasses =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 3, 7, 3, 3, 3, 7, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 7, 3, 7, 7, 3, 3, 3, 3, 3, 0, 0, 0, 0, 3,
        0, 3, 7, 3, 3, 3, 7, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 7, 3, 7, 7, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    ];

    /// <summary>
    /// Whether the letters before a quote are a string prefix (else they are a name). Up to 3.13 a prefix is one or two
    /// of r, b, u, f in a valid pairing. From 3.14 any of r, b, u, f, t each at most once is a prefix, and an invalid
    /// pairing is an error of its own ("'b' and 't' prefixes are incompatible").
    /// </summary>
    private bool ValidPrefix(int start, int end, out bool raw, out bool fstring, out bool template)
    {
        raw = fstring = template = false;
        bool bytes = false, unicode = false;
        var classes = CharClasses;
        for (var i = start; i < end; i++)
        {
            if ((classes[_b[i]] & PrefixLetter) == 0)
            {
                return false;
            }

            switch (_b[i] | 0x20)
            {
                case 'r':
                    if (raw)
                    {
                        return false;
                    }

                    raw = true;
                    break;
                case 'b':
                    if (bytes)
                    {
                        return false;
                    }

                    bytes = true;
                    break;
                case 'u':
                    if (unicode && _target >= 14)
                    {
                        return false;
                    }

                    unicode = true;
                    break;
                case 'f':
                    if (fstring)
                    {
                        return false;
                    }

                    fstring = true;
                    break;
                case 't':
                    if (template || _target < 14)
                    {
                        return false;
                    }

                    template = true;
                    break;
            }
        }

        if (_target < 14)
        {
            return end - start <= 2 && !(unicode && end - start > 1) && !(bytes && fstring);
        }

        // CPython checks the pairs in this order and names the first one that clashes.
        string? clash = null;
        if (unicode && (bytes || raw || fstring || template))
        {
            clash = $"'u' and '{(bytes ? 'b' : raw ? 'r' : fstring ? 'f' : 't')}'";
        }
        else if (bytes && (fstring || template))
        {
            clash = $"'b' and '{(fstring ? 'f' : 't')}'";
        }
        else if (fstring && template)
        {
            clash = "'f' and 't'";
        }

        if (clash is not null)
        {
            throw Error(clash + " prefixes are incompatible", start);
        }

        return true;
    }

    /// <summary>Scans a string literal whose prefix starts at <paramref name="start"/> and quote is at <paramref name="quoteAt"/>.</summary>
    private void ScanString(int start, int quoteAt, bool raw, bool fstring, bool template)
    {
        var quote = _b[quoteAt];
        var triple = quoteAt + 2 < _length && _b[quoteAt + 1] == quote && _b[quoteAt + 2] == quote;
        var bodyStart = quoteAt + (triple ? 3 : 1);
        if (fstring || template)
        {
            _pos = bodyStart;
            Add(template ? TokenKind.TStringStart : TokenKind.FStringStart, start, bodyStart);
            _modes.Add(new Mode(ModeKind.FString, quote, triple, raw, 0, start, template));
            return;
        }

        // Only a quote, a backslash and (in a one-line string) a line end stop the scan: a vectorized search for them.
        var stops = triple ? (quote == '"' ? TripleDoubleQuoteStops : TripleSingleQuoteStops) : quote == '"' ? DoubleQuoteStops : SingleQuoteStops;
        var i = bodyStart;
        while (true)
        {
            if (i < _length)
            {
                var next = _b.AsSpan(i, _length - i).IndexOfAny(stops);
                i = next < 0 ? _length : i + next;
            }

            if (i >= _length)
            {
                throw Error(triple ? "unterminated triple-quoted string literal" : "unterminated string literal", start, detected: true);
            }

            var c = _b[i];
            if (c == quote)
            {
                if (!triple)
                {
                    i++;
                    break;
                }

                if (i + 2 < _length && _b[i + 1] == quote && _b[i + 2] == quote)
                {
                    i += 3;
                    break;
                }

                i++;
            }
            else if (c == '\\')
            {
                i += i + 2 < _length && _b[i + 1] == '\r' && _b[i + 2] == '\n' ? 3 : 2;
            }
            else if ((c == '\n' || c == '\r') && !triple)
            {
                _pos = i;
                throw Error("unterminated string literal", start, detected: true);
            }
            else
            {
                i++;
            }
        }

        _pos = Math.Min(i, _length);
        Add(TokenKind.String, start, _pos);
    }

    /// <summary>Literal text of an f-string (or of a format spec), up to a replacement field, a closing brace or the end quote.</summary>
    private void ScanFStringText()
    {
        var mode = _modes[^1];
        var inSpec = mode.Kind == ModeKind.Spec;
        var start = _pos;
        var i = _pos;
        while (true)
        {
            if (i >= _length)
            {
                _pos = i;
                throw Error(mode.Triple ? $"unterminated triple-quoted {mode.Name} literal" : $"unterminated {mode.Name} literal", FStringStartOf(), detected: true);
            }

            var c = _b[i];
            if (c == mode.Quote && (!mode.Triple || (i + 2 < _length && _b[i + 1] == c && _b[i + 2] == c)))
            {
                break;
            }

            if ((c == '\n' || c == '\r') && !mode.Triple)
            {
                _pos = i;
                if (inSpec)
                {
                    break;
                }

                throw Error($"unterminated {mode.Name} literal", FStringStartOf(), detected: true);
            }

            if (c == '\\')
            {
                var next = i + 1 < _length ? _b[i + 1] : (byte)0;
                if (!mode.Raw && next == 'N' && i + 2 < _length && _b[i + 2] == '{')
                {
                    var close = Array.IndexOf(_b, (byte)'}', i + 3);
                    i = close < 0 ? _length : close + 1;
                    continue;
                }

                i += next is (byte)'{' or (byte)'}' ? 1 : 2;
                continue;
            }

            if (c == '{')
            {
                if (!inSpec && i + 1 < _length && _b[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }

                break;
            }

            if (c == '}')
            {
                if (!inSpec && i + 1 < _length && _b[i + 1] == '}')
                {
                    i += 2;
                    continue;
                }

                break;
            }

            i++;
        }

        _pos = i;
        if (i > start)
        {
            Add(TokenKind.FStringMiddle, start, i);
        }

        var end = _b[i];
        if (end == '{')
        {
            OpenBracket(TokenKind.LBrace, (byte)'{', i);
            _pos = i + 1;
            _modes.Add(mode with { Kind = ModeKind.Field, Depth = _parenDepth, Start = i });
        }
        else if (end == '}')
        {
            if (!inSpec)
            {
                throw Error($"{mode.Name}: single '}}' is not allowed", i);
            }

            _modes.RemoveAt(_modes.Count - 1);
            CloseField(i);
        }
        else if (end == '\n' || end == '\r')
        {
            throw Error($"{mode.Name}: expecting '}}'", i);
        }
        else
        {
            if (inSpec)
            {
                throw Error($"{mode.Name}: expecting '}}'", i);
            }

            _pos = i + (mode.Triple ? 3 : 1);
            _modes.RemoveAt(_modes.Count - 1);
            Add(TokenKind.FStringEnd, i, _pos);
        }
    }

    /// <summary>
    /// The start of the outermost f-string whose replacement field first uses what only PEP 701 (3.12) allows there:
    /// a backslash, a comment ('#' outside its strings), a line break in a one-line f-string, or the quote of an
    /// enclosing f-string; -1 if none.
    /// </summary>
    internal int ModernFStringStart { get; private set; } = -1;

    /// <summary>Checks the expression of the replacement field open at <paramref name="open"/> and ending at <paramref name="end"/>.</summary>
    private void NoteModernField(int open, int end)
    {
        if (ModernFStringStart >= 0)
        {
            return;
        }

        var expression = _b.AsSpan(open + 1, end - open - 1);
        var modern = expression.IndexOf((byte)'\\') >= 0 || HasCommentOutsideStrings(expression);
        int outermost = -1;
        foreach (var mode in _modes)
        {
            if (mode.Kind != ModeKind.FString)
            {
                continue;
            }

            outermost = outermost < 0 ? mode.Start : outermost;
            ReadOnlySpan<byte> tripleQuote = [mode.Quote, mode.Quote, mode.Quote];
            modern |= mode.Triple
                ? expression.IndexOf(tripleQuote) >= 0
                : expression.IndexOfAny(mode.Quote, (byte)'\n', (byte)'\r') >= 0;
        }

        if (modern && outermost >= 0)
        {
            ModernFStringStart = outermost;
        }
    }

    /// <summary>Whether a '#' stands outside the string literals of a field's expression (before 3.12, '#' in a string was fine).</summary>
    private static bool HasCommentOutsideStrings(ReadOnlySpan<byte> expression)
    {
        byte quote = 0;
        var triple = false;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (quote == 0)
            {
                if (c == '#')
                {
                    return true;
                }

                if (c is (byte)'\'' or (byte)'"')
                {
                    quote = c;
                    triple = i + 2 < expression.Length && expression[i + 1] == c && expression[i + 2] == c;
                    i += triple ? 2 : 0;
                }
            }
            else if (c == quote && (!triple || (i + 2 < expression.Length && expression[i + 1] == c && expression[i + 2] == c)))
            {
                i += triple ? 2 : 0;
                quote = 0;
            }
        }

        return false;
    }

    private int FStringStartOf()
    {
        for (var k = _modes.Count - 1; k >= 0; k--)
        {
            if (_modes[k].Kind == ModeKind.FString)
            {
                return _modes[k].Start;
            }
        }

        return _pos;
    }

    private void CloseField(int at)
    {
        // The field mode is on top: the '}' closes it and its bracket.
        _modes.RemoveAt(_modes.Count - 1);
        _parenDepth--;
        _pos = at + 1;
        Add(TokenKind.RBrace, at, _pos);
    }

    private void ScanNumber()
    {
        var start = _pos;
        var i = _pos;
        var c = _b[i];
        if (c == '0' && i + 1 < _length && (_b[i + 1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (_b[i + 1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var name = radix switch { 16 => "hexadecimal", 8 => "octal", _ => "binary" };
            i += 2;
            var digits = 0;
            while (i < _length)
            {
                if (_b[i] == '_')
                {
                    i++;
                }

                if (i < _length && DigitValue(_b[i]) < radix)
                {
                    i++;
                    digits++;
                    while (i < _length && DigitValue(_b[i]) < radix)
                    {
                        i++;
                    }
                }
                else
                {
                    if (digits == 0 || _b[i - 1] == '_')
                    {
                        throw Error($"invalid {name} literal", i);
                    }

                    break;
                }
            }

            if (i < _length && (IsDigit(_b[i]) || IsAsciiIdentifierPart(_b[i])) && !StartsKeyword(i))
            {
                throw Error($"invalid {name} literal", i);
            }

            _pos = i;
            Add(TokenKind.Number, start, i);
            return;
        }

        var isInteger = true;
        if (c != '.')
        {
            i = ScanDigits(i);
        }

        if (i < _length && _b[i] == '.')
        {
            isInteger = false;
            i++;
            if (i < _length && IsDigit(_b[i]))
            {
                i = ScanDigits(i);
            }
        }

        if (i < _length && (_b[i] | 0x20) == 'e')
        {
            var e = i + 1;
            if (e < _length && (_b[e] == '+' || _b[e] == '-'))
            {
                e++;
            }

            if (e < _length && IsDigit(_b[e]))
            {
                isInteger = false;
                i = ScanDigits(e);
            }
            else if (!StartsKeyword(i))
            {
                throw Error("invalid decimal literal", i);
            }
        }

        if (i < _length && (_b[i] | 0x20) == 'j')
        {
            isInteger = false;
            i++;
        }

        if (isInteger && c == '0')
        {
            for (var k = start; k < i; k++)
            {
                if (_b[k] != '0' && _b[k] != '_')
                {
                    throw Error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", start);
                }
            }
        }

        if (i < _length && IsAsciiIdentifierPart(_b[i]) && !StartsKeyword(i))
        {
            throw Error(isInteger ? "invalid decimal literal" : (_b[i - 1] | 0x20) == 'j' ? "invalid imaginary literal" : "invalid decimal literal", i);
        }

        _pos = i;
        Add(TokenKind.Number, start, i);
    }

    /// <summary>CPython lets a number run into a keyword (<c>1if x else 2</c>) with only a warning.</summary>
    private bool StartsKeyword(int i)
    {
        var end = i;
        while (end < _length && IsAsciiIdentifierPart(_b[end]))
        {
            end++;
        }

        for (var k = i + 1; k <= end; k++)
        {
            if (Keyword(_b.AsSpan(i, k - i)) != TokenKind.Name)
            {
                return true;
            }
        }

        return false;
    }

    private int ScanDigits(int i)
    {
        while (i < _length)
        {
            if (IsDigit(_b[i]))
            {
                i++;
            }
            else if (_b[i] == '_' && i + 1 < _length && IsDigit(_b[i + 1]))
            {
                i += 2;
            }
            else if (_b[i] == '_')
            {
                throw Error("invalid decimal literal", i + 1);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private void ScanOperator(byte c)
    {
        var start = _pos;
        byte n1 = _pos + 1 < _length ? _b[_pos + 1] : (byte)0;
        byte n2 = _pos + 2 < _length ? _b[_pos + 2] : (byte)0;
        var kind = TokenKind.EndMarker;
        var length = 1;
        switch (c)
        {
            case (byte)'(':
            case (byte)'[':
            case (byte)'{':
                OpenBracket(c == '(' ? TokenKind.LPar : c == '[' ? TokenKind.LSqb : TokenKind.LBrace, c, start);
                _pos = start + 1;
                return;
            case (byte)')':
            case (byte)']':
            case (byte)'}':
                CloseBracket(c, start);
                return;
            case (byte)':':
                if (_modes.Count > 0 && _modes[^1].Kind == ModeKind.Field && _parenDepth == _modes[^1].Depth)
                {
                    _pos = start + 1;
                    Add(TokenKind.Colon, start, _pos);
                    var field = _modes[^1];
                    NoteModernField(field.Start, start);
                    _modes.Add(field with { Kind = ModeKind.Spec, Depth = _parenDepth, Start = start });
                    return;
                }

                (kind, length) = n1 == '=' ? (TokenKind.ColonEqual, 2) : (TokenKind.Colon, 1);
                break;
            case (byte)',': kind = TokenKind.Comma; break;
            case (byte)';': kind = TokenKind.Semi; break;
            case (byte)'~': kind = TokenKind.Tilde; break;
            case (byte)'+': (kind, length) = n1 == '=' ? (TokenKind.PlusEqual, 2) : (TokenKind.Plus, 1); break;
            case (byte)'-': (kind, length) = n1 == '=' ? (TokenKind.MinEqual, 2) : n1 == '>' ? (TokenKind.RArrow, 2) : (TokenKind.Minus, 1); break;
            case (byte)'*':
                (kind, length) = n1 == '*' ? (n2 == '=' ? (TokenKind.DoubleStarEqual, 3) : (TokenKind.DoubleStar, 2)) : n1 == '=' ? (TokenKind.StarEqual, 2) : (TokenKind.Star, 1);
                break;
            case (byte)'/':
                (kind, length) = n1 == '/' ? (n2 == '=' ? (TokenKind.DoubleSlashEqual, 3) : (TokenKind.DoubleSlash, 2)) : n1 == '=' ? (TokenKind.SlashEqual, 2) : (TokenKind.Slash, 1);
                break;
            case (byte)'|': (kind, length) = n1 == '=' ? (TokenKind.VBarEqual, 2) : (TokenKind.VBar, 1); break;
            case (byte)'&': (kind, length) = n1 == '=' ? (TokenKind.AmperEqual, 2) : (TokenKind.Amper, 1); break;
            case (byte)'^': (kind, length) = n1 == '=' ? (TokenKind.CircumFlexEqual, 2) : (TokenKind.CircumFlex, 1); break;
            case (byte)'%': (kind, length) = n1 == '=' ? (TokenKind.PercentEqual, 2) : (TokenKind.Percent, 1); break;
            case (byte)'@': (kind, length) = n1 == '=' ? (TokenKind.AtEqual, 2) : (TokenKind.At, 1); break;
            case (byte)'=': (kind, length) = n1 == '=' ? (TokenKind.EqEqual, 2) : (TokenKind.Equal, 1); break;
            case (byte)'!': (kind, length) = n1 == '=' ? (TokenKind.NotEqual, 2) : (TokenKind.Exclamation, 1); break;
            case (byte)'<':
                (kind, length) = n1 == '<' ? (n2 == '=' ? (TokenKind.LeftShiftEqual, 3) : (TokenKind.LeftShift, 2)) : n1 == '=' ? (TokenKind.LessEqual, 2) : n1 == '>' ? (TokenKind.NotEqual, 2) : (TokenKind.Less, 1);
                break;
            case (byte)'>':
                (kind, length) = n1 == '>' ? (n2 == '=' ? (TokenKind.RightShiftEqual, 3) : (TokenKind.RightShift, 2)) : n1 == '=' ? (TokenKind.GreaterEqual, 2) : (TokenKind.Greater, 1);
                break;
            case (byte)'.': (kind, length) = n1 == '.' && n2 == '.' ? (TokenKind.Ellipsis, 3) : (TokenKind.Dot, 1); break;
            default:
                if (c >= 0x80 && Rune.DecodeFromUtf8(_b.AsSpan(_pos), out var rune, out _) == System.Buffers.OperationStatus.Done)
                {
                    throw InvalidCharacter(rune, _pos);
                }

                throw c < 0x20 || c == 0x7f ? Error($"invalid non-printable character U+{c:X4}", _pos) : Error($"invalid character '{(char)c}' (U+{c:X4})", _pos);
        }

        if (kind == TokenKind.NotEqual && c == '<')
        {
            // '<>' is only valid under "from __future__ import barry_as_FLUFL".
            throw Error("invalid syntax", start);
        }

        _pos = start + length;
        Add(kind, start, _pos);
    }

    private void OpenBracket(TokenKind kind, byte c, int at)
    {
        if (_parenDepth >= MaxParenLevels)
        {
            throw Error("too many nested parentheses", at);
        }

        _parenDepth++;
        if (_parenDepth == _parenStack.Length)
        {
            Array.Resize(ref _parenStack, _parenStack.Length * 2);
            Array.Resize(ref _openerOffsets, _openerOffsets.Length * 2);
        }

        _parenStack[_parenDepth] = c;
        _openerOffsets[_parenDepth] = at;
        Add(kind, at, at + 1);
    }

    private void CloseBracket(byte c, int at)
    {
        if (c == '}' && _modes.Count > 0 && _modes[^1].Kind == ModeKind.Field && _parenDepth == _modes[^1].Depth)
        {
            NoteModernField(_modes[^1].Start, at);
            CloseField(at);
            return;
        }

        if (_parenDepth == 0)
        {
            throw Error($"unmatched '{(char)c}'", at);
        }

        var open = _parenStack[_parenDepth];
        var expected = open == '(' ? ')' : open == '[' ? ']' : '}';
        if (c != expected)
        {
            var (openLine, _) = _source.Position(_openerOffsets[_parenDepth]);
            var (closeLine, _) = _source.Position(at);
            throw Error(openLine != closeLine
                ? $"closing parenthesis '{(char)c}' does not match opening parenthesis '{(char)open}' on line {openLine}"
                : $"closing parenthesis '{(char)c}' does not match opening parenthesis '{(char)open}'", at);
        }

        if (_modes.Count > 0 && _modes[^1].Kind == ModeKind.Field && _parenDepth <= _modes[^1].Depth)
        {
            throw Error(_modes[^1].Name + ": unmatched '" + (char)c + "'", at);
        }

        _parenDepth--;
        _pos = at + 1;
        Add(c == ')' ? TokenKind.RPar : c == ']' ? TokenKind.RSqb : TokenKind.RBrace, at, _pos);
    }

    private void Add(TokenKind kind, int start, int end)
    {
        var line = LineOf(start);
        var column = start - _lineStarts[line - 1];
        var endLine = line;
        if (kind != TokenKind.Newline)
        {
            while (endLine < _lineStarts.Length && _lineStarts[endLine] <= end)
            {
                endLine++;
            }
        }

        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[_count++] = new Token(kind, start, end, line, column, endLine, end - _lineStarts[endLine - 1]);
    }

    private int LineOf(int offset)
    {
        while (_lineCursor + 1 < _lineStarts.Length && _lineStarts[_lineCursor + 1] <= offset)
        {
            _lineCursor++;
        }

        while (_lineCursor > 0 && _lineStarts[_lineCursor] > offset)
        {
            _lineCursor--;
        }

        return _lineCursor + 1;
    }

    private PythonSyntaxError Error(string message, int offset, bool detected = false)
    {
        var (line, column) = _source.Position(Math.Min(offset, _length));
        if (detected)
        {
            var (endLine, _) = _source.Position(Math.Min(_pos, _length));
            message += $" (detected at line {Math.Max(endLine, line)})";
        }

        return new PythonSyntaxError(message, line, column);
    }

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static int DigitValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => 99,
    };

    private static bool IsIdentifierStart(byte c) => (CharClasses[c] & IdentifierStart) != 0;

    private static bool IsAsciiIdentifierPart(byte c) => (CharClasses[c] & IdentifierPart) != 0;

    /// <summary>The hard keyword a name spells, or <see cref="TokenKind.Name"/>.</summary>
    public static TokenKind Keyword(ReadOnlySpan<byte> name)
    {
        // By first letter, then length: at most two comparisons for any name.
        if (name.Length is < 2 or > 8)
        {
            return TokenKind.Name;
        }

        return name[0] switch
        {
            (byte)'F' => name.SequenceEqual("False"u8) ? TokenKind.False : TokenKind.Name,
            (byte)'N' => name.SequenceEqual("None"u8) ? TokenKind.None : TokenKind.Name,
            (byte)'T' => name.SequenceEqual("True"u8) ? TokenKind.True : TokenKind.Name,
            (byte)'a' => name.Length switch
            {
                2 => name.SequenceEqual("as"u8) ? TokenKind.As : TokenKind.Name,
                3 => name.SequenceEqual("and"u8) ? TokenKind.And : TokenKind.Name,
                5 => name.SequenceEqual("async"u8) ? TokenKind.Async : name.SequenceEqual("await"u8) ? TokenKind.Await : TokenKind.Name,
                6 => name.SequenceEqual("assert"u8) ? TokenKind.Assert : TokenKind.Name,
                _ => TokenKind.Name,
            },
            (byte)'b' => name.SequenceEqual("break"u8) ? TokenKind.Break : TokenKind.Name,
            (byte)'c' => name.SequenceEqual("class"u8) ? TokenKind.Class : name.SequenceEqual("continue"u8) ? TokenKind.Continue : TokenKind.Name,
            (byte)'d' => name.SequenceEqual("def"u8) ? TokenKind.Def : name.SequenceEqual("del"u8) ? TokenKind.Del : TokenKind.Name,
            (byte)'e' => name.Length switch
            {
                4 => name.SequenceEqual("else"u8) ? TokenKind.Else : name.SequenceEqual("elif"u8) ? TokenKind.Elif : TokenKind.Name,
                6 => name.SequenceEqual("except"u8) ? TokenKind.Except : TokenKind.Name,
                _ => TokenKind.Name,
            },
            (byte)'f' => name.Length switch
            {
                3 => name.SequenceEqual("for"u8) ? TokenKind.For : TokenKind.Name,
                4 => name.SequenceEqual("from"u8) ? TokenKind.From : TokenKind.Name,
                7 => name.SequenceEqual("finally"u8) ? TokenKind.Finally : TokenKind.Name,
                _ => TokenKind.Name,
            },
            (byte)'g' => name.SequenceEqual("global"u8) ? TokenKind.Global : TokenKind.Name,
            (byte)'i' => name.Length switch
            {
                2 => name[1] switch
                {
                    (byte)'f' => TokenKind.If,
                    (byte)'n' => TokenKind.In,
                    (byte)'s' => TokenKind.Is,
                    _ => TokenKind.Name,
                },
                6 => name.SequenceEqual("import"u8) ? TokenKind.Import : TokenKind.Name,
                _ => TokenKind.Name,
            },
            (byte)'l' => name.SequenceEqual("lambda"u8) ? TokenKind.Lambda : TokenKind.Name,
            (byte)'n' => name.SequenceEqual("not"u8) ? TokenKind.Not : name.SequenceEqual("nonlocal"u8) ? TokenKind.Nonlocal : TokenKind.Name,
            (byte)'o' => name.SequenceEqual("or"u8) ? TokenKind.Or : TokenKind.Name,
            (byte)'p' => name.SequenceEqual("pass"u8) ? TokenKind.Pass : TokenKind.Name,
            (byte)'r' => name.SequenceEqual("return"u8) ? TokenKind.Return : name.SequenceEqual("raise"u8) ? TokenKind.Raise : TokenKind.Name,
            (byte)'t' => name.SequenceEqual("try"u8) ? TokenKind.Try : TokenKind.Name,
            (byte)'w' => name.SequenceEqual("while"u8) ? TokenKind.While : name.SequenceEqual("with"u8) ? TokenKind.With : TokenKind.Name,
            (byte)'y' => name.SequenceEqual("yield"u8) ? TokenKind.Yield : TokenKind.Name,
            _ => TokenKind.Name,
        };
    }
}
