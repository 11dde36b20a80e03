using Kingsnake.Python.Ast;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tokens;
using Attribute = Kingsnake.Python.Ast.Attribute;
using Tuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Python.Parsing;

/// <summary>The result of parsing one file: its tree, its text (for positions) and its comments.</summary>
public sealed record ParsedModule(Module Module, SourceText Source, IReadOnlyList<(int Start, int End)> Comments)
{
    /// <summary>
    /// The use of the newest syntax in the file (its first place), when it needs a Python newer than
    /// <see cref="PythonVersions.Oldest"/>: what decides the oldest interpreter that can run the file.
    /// </summary>
    public SyntaxRequirement? NewestSyntax { get; init; }
}

/// <summary>A construct that only parses from <paramref name="Version"/> on (<c>except A, B:</c> needs 3.14), and where it is.</summary>
public sealed record SyntaxRequirement(Version Version, string Feature, int Line, int Column);

/// <summary>
/// Recursive-descent parser for Python 3.8 … 3.15 following CPython's PEG grammar, building the same tree as <c>ast.parse</c>.
/// The target version decides what parses: syntax newer than the target is a syntax error on the line where that
/// version's interpreter reports one (worded as CPython's <c>feature_version</c> check words it), and the newest
/// construct a file uses is noted in <see cref="ParsedModule.NewestSyntax"/>.
/// Targets are parsed as expressions and then given Store/Del context. Nesting is bounded (brackets by the tokenizer,
/// everything else by <see cref="MaxDepth"/>), so hostile input ends in a <see cref="PythonSyntaxError"/>, not a stack overflow.
/// </summary>
public sealed partial class PythonParser
{
    private const int MaxDepth = 400;

    private readonly SourceText _source;
    private readonly byte[] _b;
    private readonly Token[] _t;

    // The grammar version parsed (its minor number: 3.N) and the newest construct met so far.
    private readonly int _target;
    private SyntaxRequirement? _newest;

    // The start offset of the first f-string that needs PEP 701's grammar (3.12), or -1 (see Tokenizer.ModernFStringStart).
    private readonly int _modernFString;

    // Tokens in _t (EndMarker included); slots after them are EndMarker-kind padding, then stale tokens of earlier files.
    private readonly int _count;
    private int _p;
    private int _depth;

    private readonly NameTable _names = NameTable.ForThisThread();

    // Elements of the expression and statement lists being built (see NodeStack).
    private readonly NodeStack<ExprNode?> _exprs = new();
    private readonly NodeStack<StmtNode> _stmts = new();

    // The string concatenation being parsed (first token, end of that token's text once needed) and its current
    // f-string's FSTRING_START: where CPython before 3.10 placed f-string expressions (see LegacyFieldText).
    private int _stringGroup;
    private int _stringGroupEnd;
    private int _fstringStart;

    // Replacement fields being parsed inside format specs (CPython allows two levels).
    private int _specDepth;

    // Format specs of the f-strings being parsed, waiting for their f-string's closing token.
    private readonly List<JoinedStr> _formatSpecs = [];

    // Positions in a string being decoded where an escape produced a surrogate code point (see TextValue).
    private readonly List<(System.Text.StringBuilder Builder, int Index)> _surrogateEscapes = [];

    // Each thread keeps its token array from file to file (tokens are dead once the tree is built): a fresh array per
    // file was most of the bytes a parse allocated, and large files put it on the large object heap.
    [ThreadStatic]
    private static Token[]? _threadTokenBuffer;

    // A larger array (from a huge file) is dropped after use rather than held by the thread.
    private const int MaxCachedTokens = 1 << 18;

    private PythonParser(SourceText source, Token[] tokens, int count, Version target, int modernFString)
    {
        _target = target.Minor;
        _modernFString = modernFString;
        _source = source;
        _b = source.Bytes;
        _t = tokens;
        _count = count;
    }

    /// <summary>
    /// Parses a file's bytes (any PEP 263 encoding) with the grammar of <paramref name="target"/> (default
    /// <see cref="PythonVersions.Newest"/>); throws <see cref="PythonSyntaxError"/> for invalid code.
    /// </summary>
    public static ParsedModule Parse(byte[] bytes, Version? target = null) => Parse(SourceText.FromBytes(bytes), target);

    public static ParsedModule Parse(string text, Version? target = null) => Parse(SourceText.FromString(text), target);

    public static ParsedModule Parse(SourceText source, Version? target = null)
    {
        target ??= PythonVersions.Newest;
        if (target < PythonVersions.Oldest || target > PythonVersions.Newest)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"targets are {PythonVersions.Oldest} to {PythonVersions.Newest}");
        }

        // Taken from the thread while in use, so a nested parse on the same thread (none today) would get its own.
        var buffer = _threadTokenBuffer ?? new Token[4096];
        _threadTokenBuffer = null;
        var tokenizer = Tokenizer.Create(source, buffer, target);
        try
        {
            tokenizer.Tokenize();
            var parser = new PythonParser(source, tokenizer.TokenArray, tokenizer.Count, target, tokenizer.ModernFStringStart);
            if (tokenizer.LexicalError is { } lexical)
            {
                if (!tokenizer.ErrorIsDeferred)
                {
                    throw lexical;
                }

                // A grammar error before the token the tokenizer stopped at is what CPython reports, unless it lies on
                // a line after a bracket that is never closed.
                PythonSyntaxError? grammar = null;
                try
                {
                    parser.ParseModule();
                }
                catch (PythonSyntaxError error)
                {
                    grammar = error;
                }

                if (grammar is not null && parser._p < tokenizer.ErrorTokenIndex && !(tokenizer.UnclosedBracketLine > 0 && grammar.Line > tokenizer.UnclosedBracketLine))
                {
                    throw grammar;
                }

                throw lexical;
            }

            var module = parser.ParseModule();
            return new ParsedModule(module, source, tokenizer.Comments) { NewestSyntax = parser._newest };
        }
        finally
        {
            if (tokenizer.TokenArray.Length <= MaxCachedTokens)
            {
                _threadTokenBuffer = tokenizer.TokenArray;
            }
        }
    }

    private Module ParseModule()
    {
        var mark = _stmts.Mark;
        while (Kind != TokenKind.EndMarker)
        {
            if (Kind == TokenKind.Indent)
            {
                throw ErrorAt(_t[_p], "unexpected indent", "IndentationError");
            }

            Statement();
        }

        return new Module { Body = _stmts.Pop(mark) };
    }

    /// <summary>The expressions pushed since <paramref name="mark"/>, none of them null, as an array.</summary>
    private ExprNode[] PopExprs(int mark) => _exprs.Pop(mark)!;

    // ---- token helpers ----------------------------------------------------------------------------------------

    private TokenKind Kind => _t[_p].Kind;

    private TokenKind KindAt(int offset) => _p + offset < _count ? _t[_p + offset].Kind : TokenKind.EndMarker;

    private ref readonly Token Current => ref _t[_p];

    private ref readonly Token Previous => ref _t[_p - 1];

    private bool Accept(TokenKind kind)
    {
        if (_t[_p].Kind != kind)
        {
            return false;
        }

        _p++;
        return true;
    }

    private Token Expect(TokenKind kind)
    {
        if (_t[_p].Kind != kind)
        {
            throw Unexpected(kind);
        }

        return _t[_p++];
    }

    private bool IsSoftKeyword(ReadOnlySpan<byte> word) => IsSoftKeywordAt(_p, word);

    private bool IsSoftKeywordAt(int index, ReadOnlySpan<byte> word)
    {
        ref readonly var token = ref _t[index];
        return token.Kind == TokenKind.Name && _b.AsSpan(token.Start, token.End - token.Start).SequenceEqual(word);
    }

    private PythonSyntaxError Unexpected(TokenKind expected = TokenKind.EndMarker)
    {
        var token = _t[_p];
        if (token.Kind == TokenKind.Indent)
        {
            return ErrorAt(token, "unexpected indent", "IndentationError");
        }

        if (expected == TokenKind.Indent)
        {
            return ErrorAt(token, "expected an indented block", "IndentationError");
        }

        if (token.Kind == TokenKind.Dedent)
        {
            return ErrorAt(token, "unindent does not match any outer indentation level", "IndentationError");
        }

        if (expected == TokenKind.Colon)
        {
            return ErrorAt(token, "expected ':'");
        }

        return ErrorAt(token, "invalid syntax");
    }

    private PythonSyntaxError ErrorAt(in Token token, string message, string kind = "SyntaxError") => new(message, token.Line, token.Column, kind);

    private static PythonSyntaxError ErrorAt(Node node, string message) => new(message, node.Lineno, node.ColOffset);

    /// <summary>
    /// A construct first parsed by Python 3.<paramref name="minor"/>, starting at token <paramref name="at"/>. For an
    /// older target it is a syntax error at token <paramref name="failsAt"/>, the first one that version's grammar
    /// cannot take (so the line is the one that interpreter reports), in the words of CPython's <c>feature_version</c>
    /// check; otherwise it is remembered when it is the newest construct yet.
    /// </summary>
    private void RequireVersion(int minor, string feature, int at, int failsAt) => RequireVersion(minor, feature, _t[at].Line, _t[at].Column, failsAt);

    /// <summary>As above, for a construct that starts where <paramref name="at"/> does.</summary>
    private void RequireVersion(int minor, string feature, Node at, int failsAt) => RequireVersion(minor, feature, at.Lineno, at.ColOffset, failsAt);

    private void RequireVersion(int minor, string feature, int line, int column, int failsAt)
    {
        if (minor > _target)
        {
            throw ErrorAt(_t[failsAt], $"{feature} only supported in Python 3.{minor} and greater");
        }

        if (minor > (_newest?.Version.Minor ?? PythonVersions.Oldest.Minor))
        {
            _newest = new SyntaxRequirement(new Version(3, minor), feature, line, column);
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw ErrorAt(_t[_p], "too many nested parentheses");
        }
    }

    private void Leave() => _depth--;

    /// <summary>Gives <paramref name="node"/> the span from token <paramref name="startToken"/> to the last consumed token.</summary>
    private T Finish<T>(T node, int startToken)
        where T : Node
    {
        ref readonly var start = ref _t[startToken];
        ref readonly var end = ref _t[LastSignificant()];
        node.SetSpan(start.Line, start.Column, end.EndLine, end.EndColumn);
        return node;
    }

    /// <summary>The last consumed token that has text (a block ends at its last statement, not at NEWLINE/DEDENT).</summary>
    private int LastSignificant()
    {
        var e = _p - 1;
        while (e > 0 && _t[e].Kind is TokenKind.Newline or TokenKind.Dedent or TokenKind.Indent)
        {
            e--;
        }

        return e;
    }

    private static T Span<T>(T node, Node from, Node to)
        where T : Node
    {
        node.SetSpan(from.Lineno, from.ColOffset, to.EndLineno, to.EndColOffset);
        return node;
    }

    private T FinishFrom<T>(T node, Node from)
        where T : Node
    {
        ref readonly var end = ref _t[LastSignificant()];
        node.SetSpan(from.Lineno, from.ColOffset, end.EndLine, end.EndColumn);
        return node;
    }

    private string TokenText(in Token token) => Identifier(token.Start, token.End);

    private string Identifier(int start, int end)
    {
        var span = _b.AsSpan(start, end - start);

        // CPython names a non-ASCII identifier by its NFKC form.
        return _names.GetAscii(span) ?? IdentifierNormalizer.Normalize(System.Text.Encoding.UTF8.GetString(span), _target);
    }

    private string NameText()
    {
        if (Kind != TokenKind.Name)
        {
            throw Unexpected();
        }

        return TokenText(_t[_p++]);
    }

    // ---- statements -------------------------------------------------------------------------------------------

    /// <summary>One statement line (or compound statement), pushed on the statement stack.</summary>
    private void Statement()
    {
        switch (Kind)
        {
            case TokenKind.Def:
            case TokenKind.At:
            case TokenKind.Class:
            case TokenKind.If:
            case TokenKind.While:
            case TokenKind.For:
            case TokenKind.Try:
            case TokenKind.With:
                _stmts.Push(CompoundStatement());
                return;
            case TokenKind.Async when KindAt(1) is TokenKind.Def or TokenKind.For or TokenKind.With:
                _stmts.Push(CompoundStatement());
                return;
            case TokenKind.Name when IsSoftKeyword("match"u8) && LooksLikeBlockHeader():
                _stmts.Push(MatchStatement());
                return;
            default:
                SimpleStatements();
                return;
        }
    }

    /// <summary>True when the logical line from the current token ends with ':' at bracket depth 0 (a soft-keyword block).</summary>
    private bool LooksLikeBlockHeader()
    {
        var depth = 0;
        for (var i = _p + 1; i < _count; i++)
        {
            switch (_t[i].Kind)
            {
                case TokenKind.LPar or TokenKind.LSqb or TokenKind.LBrace:
                    depth++;
                    break;
                case TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace:
                    depth--;
                    break;
                case TokenKind.Newline or TokenKind.EndMarker:
                    return i > _p + 1 && _t[i - 1].Kind == TokenKind.Colon && i - 1 > _p + 1;
                case TokenKind.Colon when depth == 0:
                    return i > _p + 1 && _t[i + 1].Kind == TokenKind.Newline;
                case TokenKind.Equal when depth == 0:
                    return false;
            }
        }

        return false;
    }

    private void SimpleStatements()
    {
        while (true)
        {
            _stmts.Push(SimpleStatement());
            if (Accept(TokenKind.Semi))
            {
                if (Kind == TokenKind.Newline)
                {
                    break;
                }

                continue;
            }

            break;
        }

        if (!Accept(TokenKind.Newline))
        {
            throw Unexpected();
        }
    }

    private StmtNode SimpleStatement()
    {
        var start = _p;
        switch (Kind)
        {
            case TokenKind.Pass:
                _p++;
                return Finish(new Pass(), start);
            case TokenKind.Break:
                _p++;
                return Finish(new Break(), start);
            case TokenKind.Continue:
                _p++;
                return Finish(new Continue(), start);
            case TokenKind.Return:
                {
                    _p++;
                    var value = AtExpressionEnd() ? null : StarExpressions();
                    return Finish(new Return { Value = value }, start);
                }

            case TokenKind.Raise:
                {
                    _p++;
                    ExprNode? exc = null, cause = null;
                    if (!AtExpressionEnd())
                    {
                        exc = Expression();
                        if (Accept(TokenKind.From))
                        {
                            cause = Expression();
                        }
                    }

                    return Finish(new Raise { Exc = exc, Cause = cause }, start);
                }

            case TokenKind.Global:
            case TokenKind.Nonlocal:
                {
                    var global = Kind == TokenKind.Global;
                    _p++;
                    var names = new List<string> { NameText() };
                    while (Accept(TokenKind.Comma))
                    {
                        names.Add(NameText());
                    }

                    return global ? Finish(new Global { Names = names }, start) : Finish(new Nonlocal { Names = names }, start);
                }

            case TokenKind.Del:
                {
                    _p++;
                    var mark = _exprs.Mark;
                    do
                    {
                        if (AtExpressionEnd())
                        {
                            break;
                        }

                        var target = BitwiseOr();
                        SetContext(target, ExprContext.Del);
                        _exprs.Push(target);
                    }
                    while (Accept(TokenKind.Comma));
                    if (_exprs.CountSince(mark) == 0)
                    {
                        throw Unexpected();
                    }

                    return Finish(new Delete { Targets = PopExprs(mark) }, start);
                }

            case TokenKind.Assert:
                {
                    _p++;
                    var test = Expression();
                    var msg = Accept(TokenKind.Comma) ? Expression() : null;
                    return Finish(new Assert { Test = test, Msg = msg }, start);
                }

            case TokenKind.Import:
                return ImportName(start, lazy: false);
            case TokenKind.From:
                return ImportFrom(start, lazy: false);
            case TokenKind.Name when _target >= 15 && KindAt(1) is TokenKind.Import or TokenKind.From && IsSoftKeyword("lazy"u8):
                // PEP 810 (3.15): 'lazy' is a keyword only right before the import statement it starts.
                _p++;
                RequireVersion(15, "lazy imports are", start, start + 1);
                return Kind == TokenKind.Import ? ImportName(start, lazy: true) : ImportFrom(start, lazy: true);
            case TokenKind.Name when IsSoftKeyword("type"u8) && KindAt(1) == TokenKind.Name && KindAt(2) is TokenKind.Equal or TokenKind.LSqb:
                return TypeAliasStatement();
            default:
                return ExpressionStatement();
        }
    }

    private bool AtExpressionEnd() => Kind is TokenKind.Newline or TokenKind.Semi or TokenKind.EndMarker;

    private StmtNode ExpressionStatement()
    {
        var start = _p;
        var first = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
        if (Kind == TokenKind.Colon)
        {
            _p++;
            var simple = first is Name && _t[start].Kind != TokenKind.LPar ? 1 : 0;
            if (first is not (Name or Attribute or Subscript))
            {
                throw ErrorAt(first, first is Tuple ? "only single target (not tuple) can be annotated" : first is List ? "only single target (not list) can be annotated" : "illegal target for annotation");
            }

            SetContext(first, ExprContext.Store);
            var annotation = Expression();
            ExprNode? value = null;
            if (Accept(TokenKind.Equal))
            {
                value = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
            }

            return Finish(new AnnAssign { Target = first, Annotation = annotation, Value = value, Simple = simple }, start);
        }

        if (Kind == TokenKind.Equal)
        {
            var mark = _exprs.Mark;
            _exprs.Push(first);
            ExprNode value = first;
            while (Accept(TokenKind.Equal))
            {
                value = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
                _exprs.Push(value);
            }

            // Every expression but the last is a target (given its context once the whole line is parsed).
            _exprs.Reset(_exprs.Mark - 1);
            for (var i = mark; i < _exprs.Mark; i++)
            {
                SetContext(_exprs[i]!, ExprContext.Store);
            }

            return Finish(new Assign { Targets = PopExprs(mark), Value = value }, start);
        }

        if (AugmentedOperator(Kind) is { } op)
        {
            if (first is not (Name or Attribute or Subscript))
            {
                throw ErrorAt(first, $"'{Describe(first)}' is an illegal expression for augmented assignment");
            }

            _p++;
            SetContext(first, ExprContext.Store);
            var value = Kind == TokenKind.Yield ? YieldExpression() : StarExpressions();
            return Finish(new AugAssign { Target = first, Op = op, Value = value }, start);
        }

        return Finish(new Expr { Value = first }, start);
    }

    private static BinaryOperator? AugmentedOperator(TokenKind kind) => kind switch
    {
        TokenKind.PlusEqual => BinaryOperator.Add,
        TokenKind.MinEqual => BinaryOperator.Sub,
        TokenKind.StarEqual => BinaryOperator.Mult,
        TokenKind.AtEqual => BinaryOperator.MatMult,
        TokenKind.SlashEqual => BinaryOperator.Div,
        TokenKind.PercentEqual => BinaryOperator.Mod,
        TokenKind.AmperEqual => BinaryOperator.BitAnd,
        TokenKind.VBarEqual => BinaryOperator.BitOr,
        TokenKind.CircumFlexEqual => BinaryOperator.BitXor,
        TokenKind.LeftShiftEqual => BinaryOperator.LShift,
        TokenKind.RightShiftEqual => BinaryOperator.RShift,
        TokenKind.DoubleStarEqual => BinaryOperator.Pow,
        TokenKind.DoubleSlashEqual => BinaryOperator.FloorDiv,
        _ => null,
    };

    private StmtNode TypeAliasStatement()
    {
        var start = _p;
        _p++;
        var nameToken = _p;
        RequireVersion(12, "Type statement is", start, nameToken);
        var name = Finish(new Name { Id = NameText(), Ctx = ExprContext.Store }, nameToken);
        var typeParams = Kind == TokenKind.LSqb ? TypeParams() : [];
        Expect(TokenKind.Equal);
        var value = Expression();
        return Finish(new TypeAlias { Name = name, TypeParams = typeParams, Value = value }, start);
    }

    private StmtNode ImportName(int start, bool lazy)
    {
        _p++;
        var names = new List<Alias>();
        do
        {
            names.Add(DottedAlias());
        }
        while (Accept(TokenKind.Comma));
        return Finish(new Import { Names = names, IsLazy = lazy ? 1 : 0 }, start);
    }

    private Alias DottedAlias()
    {
        var start = _p;
        var nameStart = Current.Start;
        Expect(TokenKind.Name);
        while (Kind == TokenKind.Dot)
        {
            _p++;
            Expect(TokenKind.Name);
        }

        var name = DottedName(start, _p);
        var asName = Accept(TokenKind.As) ? NameText() : null;
        _ = nameStart;
        return Finish(new Alias { Name = name, Asname = asName }, start);
    }

    /// <summary>A dotted name written between two token indices, without the whitespace CPython drops.</summary>
    private string DottedName(int from, int to)
    {
        if (to - from == 1)
        {
            return TokenText(_t[from]);
        }

        var builder = new System.Text.StringBuilder();
        for (var i = from; i < to; i++)
        {
            builder.Append(_t[i].Kind == TokenKind.Dot ? "." : TokenText(_t[i]));
        }

        return builder.ToString();
    }

    private StmtNode ImportFrom(int start, bool lazy)
    {
        _p++;
        var level = 0;
        while (Kind is TokenKind.Dot or TokenKind.Ellipsis)
        {
            level += Kind == TokenKind.Dot ? 1 : 3;
            _p++;
        }

        string? module = null;
        if (Kind == TokenKind.Name)
        {
            var moduleStart = _p;
            _p++;
            while (Kind == TokenKind.Dot)
            {
                _p++;
                Expect(TokenKind.Name);
            }

            module = DottedName(moduleStart, _p);
        }
        else if (level == 0)
        {
            throw Unexpected();
        }

        if (_target >= 15 && Kind == TokenKind.Name && KindAt(1) == TokenKind.Import && IsSoftKeyword("lazy"u8))
        {
            throw ErrorAt(Current, "use 'lazy from ... ' instead of 'from ... lazy import'");
        }

        if (lazy && level == 0 && module == "__future__")
        {
            throw ErrorAt(_t[start], "lazy from __future__ import is not allowed");
        }

        Expect(TokenKind.Import);
        var names = new List<Alias>();
        if (Kind == TokenKind.Star)
        {
            var starToken = _p++;
            names.Add(Finish(new Alias { Name = "*" }, starToken));
        }
        else
        {
            var parenthesized = Accept(TokenKind.LPar);
            do
            {
                if (parenthesized && Kind == TokenKind.RPar && names.Count > 0)
                {
                    break;
                }

                var aliasStart = _p;
                var name = NameText();
                var asName = Accept(TokenKind.As) ? NameText() : null;
                names.Add(Finish(new Alias { Name = name, Asname = asName }, aliasStart));
            }
            while (Accept(TokenKind.Comma));
            if (parenthesized)
            {
                Expect(TokenKind.RPar);
            }
            else if (Previous.Kind == TokenKind.Comma)
            {
                throw ErrorAt(Previous, "trailing comma not allowed without surrounding parentheses");
            }
        }

        return Finish(new ImportFrom { Module = module, Names = names, Level = level, IsLazy = lazy ? 1 : 0 }, start);
    }

    // ---- compound statements ----------------------------------------------------------------------------------

    private StmtNode CompoundStatement()
    {
        Enter();
        try
        {
            var start = _p;
            switch (Kind)
            {
                case TokenKind.At:
                    {
                        var mark = _exprs.Mark;
                        while (Accept(TokenKind.At))
                        {
                            _exprs.Push(NamedExpression());
                            Expect(TokenKind.Newline);
                        }

                        var decorators = PopExprs(mark);

                        var isAsync = Kind == TokenKind.Async;
                        if (Kind == TokenKind.Class)
                        {
                            return ClassDefinition(decorators);
                        }

                        if (Kind == TokenKind.Def || (isAsync && KindAt(1) == TokenKind.Def))
                        {
                            return FunctionDefinition(decorators);
                        }

                        throw Unexpected();
                    }

                case TokenKind.Def:
                    return FunctionDefinition([]);
                case TokenKind.Class:
                    return ClassDefinition([]);
                case TokenKind.Async:
                    return KindAt(1) switch
                    {
                        TokenKind.Def => FunctionDefinition([]),
                        TokenKind.For => ForStatement(),
                        _ => WithStatement(),
                    };
                case TokenKind.If:
                    return IfStatement();
                case TokenKind.While:
                    {
                        _p++;
                        var test = NamedExpression();
                        var body = Block("'while' statement", start);
                        var orelse = ElseBlock();
                        return Finish(new While { Test = test, Body = body, Orelse = orelse }, start);
                    }

                case TokenKind.For:
                    return ForStatement();
                case TokenKind.Try:
                    return TryStatement();
                case TokenKind.With:
                    return WithStatement();
                default:
                    throw Unexpected();
            }
        }
        finally
        {
            Leave();
        }
    }

    private StmtNode[] ElseBlock() => Accept(TokenKind.Else) ? Block("'else' statement", _p - 1) : [];

    /// <summary>':' and a block; <paramref name="what"/> and <paramref name="header"/> name the statement for CPython's message.</summary>
    private StmtNode[] Block(string what, int header)
    {
        Expect(TokenKind.Colon);
        var mark = _stmts.Mark;
        if (Accept(TokenKind.Newline))
        {
            if (Kind != TokenKind.Indent)
            {
                throw ErrorAt(Current, $"expected an indented block after {what} on line {_t[header].Line}", "IndentationError");
            }

            _p++;
            while (Kind != TokenKind.Dedent && Kind != TokenKind.EndMarker)
            {
                Statement();
            }

            Accept(TokenKind.Dedent);
        }
        else
        {
            SimpleStatements();
        }

        return _stmts.Pop(mark);
    }

    private StmtNode IfStatement()
    {
        var start = _p;
        _p++;
        var test = NamedExpression();
        var body = Block(_t[start].Kind == TokenKind.Elif ? "'elif' statement" : "'if' statement", start);
        StmtNode[] orelse = [];
        if (Kind == TokenKind.Elif)
        {
            orelse = [IfStatement()];
        }
        else if (Accept(TokenKind.Else))
        {
            orelse = Block("'else' statement", _p - 1);
        }

        return Finish(new If { Test = test, Body = body, Orelse = orelse }, start);
    }

    private StmtNode ForStatement()
    {
        var start = _p;
        var isAsync = Accept(TokenKind.Async);
        Expect(TokenKind.For);
        var target = StarTargets();
        Expect(TokenKind.In);
        var iter = StarExpressions();
        var body = Block("'for' statement", start);
        var orelse = ElseBlock();
        return isAsync
            ? Finish(new AsyncFor { Target = target, Iter = iter, Body = body, Orelse = orelse }, start)
            : Finish(new For { Target = target, Iter = iter, Body = body, Orelse = orelse }, start);
    }

    /// <summary>star_targets: targets up to 'in' or '=' (parsed at bitwise-or level, then given Store context).</summary>
    private ExprNode StarTargets()
    {
        var start = _p;
        var first = StarTarget();
        if (Kind != TokenKind.Comma)
        {
            return first;
        }

        var mark = _exprs.Mark;
        _exprs.Push(first);
        while (Accept(TokenKind.Comma))
        {
            if (Kind is TokenKind.In or TokenKind.Equal or TokenKind.RPar or TokenKind.Colon)
            {
                break;
            }

            _exprs.Push(StarTarget());
        }

        return Finish(new Tuple { Elts = PopExprs(mark), Ctx = ExprContext.Store }, start);
    }

    private ExprNode StarTarget()
    {
        var start = _p;
        ExprNode target;
        if (Accept(TokenKind.Star))
        {
            target = Finish(new Starred { Value = BitwiseOr(), Ctx = ExprContext.Store }, start);
        }
        else
        {
            target = BitwiseOr();
        }

        SetContext(target, ExprContext.Store);
        return target;
    }

    private StmtNode WithStatement()
    {
        var start = _p;
        var isAsync = Accept(TokenKind.Async);
        Expect(TokenKind.With);
        List<Withitem>? items = null;
        if (Kind == TokenKind.LPar && _target >= 9)
        {
            // Parenthesized context managers: '(' with_item, ... [','] ')' ':'; otherwise the parenthesis is an expression.
            var save = _p;
            var exprMark = _exprs.Mark;
            var stmtMark = _stmts.Mark;
            try
            {
                _p++;
                var list = new List<Withitem>();
                do
                {
                    if (Kind == TokenKind.RPar && list.Count > 0)
                    {
                        break;
                    }

                    list.Add(WithItemNode());
                }
                while (Accept(TokenKind.Comma));
                Expect(TokenKind.RPar);
                if (Kind != TokenKind.Colon)
                {
                    throw Unexpected();
                }

                items = list;

                // Only 'as' inside the parentheses needs 3.9: without it, 3.8 reads the same line as a tuple.
                if (list.Exists(item => item.OptionalVars is not null))
                {
                    RequireVersion(9, "parenthesized context managers are", save, save);
                }
            }
            catch (PythonSyntaxError)
            {
                _p = save;
                _exprs.Reset(exprMark);
                _stmts.Reset(stmtMark);
            }
        }

        if (items is null)
        {
            items = [];
            do
            {
                items.Add(WithItemNode());
            }
            while (Accept(TokenKind.Comma));
        }

        var body = Block("'with' statement", start);
        return isAsync
            ? Finish(new AsyncWith { Items = items, Body = body }, start)
            : Finish(new With { Items = items, Body = body }, start);
    }

    private Withitem WithItemNode()
    {
        var context = Expression();
        ExprNode? vars = null;
        if (Accept(TokenKind.As))
        {
            vars = StarTarget();
            if (Kind is not (TokenKind.Comma or TokenKind.Colon or TokenKind.RPar))
            {
                throw Unexpected();
            }
        }

        return new Withitem { ContextExpr = context, OptionalVars = vars };
    }

    private StmtNode TryStatement()
    {
        var start = _p;
        _p++;
        var body = Block("'try' statement", start);
        var handlers = new List<ExceptHandlerNode>();
        bool? star = null;
        while (Kind == TokenKind.Except)
        {
            var handlerStart = _p;
            _p++;
            var isStar = Accept(TokenKind.Star);
            if (isStar)
            {
                RequireVersion(11, "Exception groups are", handlerStart, handlerStart + 1);
            }

            if (star is { } previous && previous != isStar)
            {
                throw ErrorAt(_t[handlerStart], "cannot have both 'except' and 'except*' on the same 'try'");
            }

            star = isStar;
            ExprNode? type = null;
            string? name = null;
            if (Kind != TokenKind.Colon)
            {
                var typesStart = _p;
                type = Expression();
                if (Kind == TokenKind.Comma)
                {
                    // PEP 758 (3.14): the types without parentheses are a Tuple from the first to the last (a trailing
                    // comma included); before 3.14, and with 'as' still, they must be parenthesized.
                    var mark = _exprs.Mark;
                    _exprs.Push(type);
                    while (Accept(TokenKind.Comma))
                    {
                        if (Kind is TokenKind.Colon or TokenKind.As)
                        {
                            break;
                        }

                        _exprs.Push(Expression());
                    }

                    if (Kind == TokenKind.As)
                    {
                        var first = type;
                        _exprs.Reset(mark);
                        throw _target >= 14
                            ? new PythonSyntaxError("multiple exception types must be parenthesized when using 'as'", first.Lineno, first.ColOffset)
                            : ErrorAt(first, "multiple exception types must be parenthesized");
                    }

                    if (_target < 14)
                    {
                        // What 3.13 and earlier say, where they say it.
                        _exprs.Reset(mark);
                        throw ErrorAt(type, "multiple exception types must be parenthesized");
                    }

                    RequireVersion(14, "except expressions without parentheses are", typesStart, typesStart);
                    type = Finish(new Tuple { Elts = PopExprs(mark), Ctx = ExprContext.Load }, typesStart);
                }

                if (Accept(TokenKind.As))
                {
                    name = NameText();
                }
            }
            else if (isStar)
            {
                throw ErrorAt(Current, "expected one or more exception types");
            }

            var handlerBody = Block(isStar ? "'except*' statement" : "'except' statement", handlerStart);
            handlers.Add(Finish(new ExceptHandler { Type = type, Name = name, Body = handlerBody }, handlerStart));
        }

        var orelse = handlers.Count > 0 ? ElseBlock() : [];
        StmtNode[] finalbody = [];
        if (Accept(TokenKind.Finally))
        {
            finalbody = Block("'finally' statement", _p - 1);
        }

        if (handlers.Count == 0 && finalbody.Length == 0)
        {
            throw ErrorAt(Current, "expected 'except' or 'finally' block");
        }

        return star == true
            ? Finish(new TryStar { Body = body, Handlers = handlers, Orelse = orelse, Finalbody = finalbody }, start)
            : Finish(new Try { Body = body, Handlers = handlers, Orelse = orelse, Finalbody = finalbody }, start);
    }

    private StmtNode FunctionDefinition(ExprNode[] decorators)
    {
        var start = _p;
        var isAsync = Accept(TokenKind.Async);
        Expect(TokenKind.Def);
        var name = NameText();
        var typeParams = Kind == TokenKind.LSqb ? TypeParams() : [];
        Expect(TokenKind.LPar);
        var args = Parameters(TokenKind.RPar, annotations: true);
        Expect(TokenKind.RPar);
        var returns = Accept(TokenKind.RArrow) ? Expression() : null;
        var body = Block("function definition", start);
        return isAsync
            ? Finish(new AsyncFunctionDef { Name = name, Args = args, Body = body, DecoratorList = decorators, Returns = returns, TypeParams = typeParams }, start)
            : Finish(new FunctionDef { Name = name, Args = args, Body = body, DecoratorList = decorators, Returns = returns, TypeParams = typeParams }, start);
    }

    private StmtNode ClassDefinition(ExprNode[] decorators)
    {
        var start = _p;
        Expect(TokenKind.Class);
        var name = NameText();
        var typeParams = Kind == TokenKind.LSqb ? TypeParams() : [];
        IReadOnlyList<ExprNode> bases = [];
        IReadOnlyList<Keyword> keywords = [];
        if (Accept(TokenKind.LPar))
        {
            (bases, keywords) = CallArguments();
            Expect(TokenKind.RPar);
        }

        var body = Block("class definition", start);
        return Finish(new ClassDef { Name = name, Bases = bases, Keywords = keywords, Body = body, DecoratorList = decorators, TypeParams = typeParams }, start);
    }

    private IReadOnlyList<TypeParamNode> TypeParams()
    {
        RequireVersion(12, "Type parameter lists are", _p, _p);
        Expect(TokenKind.LSqb);
        var list = new List<TypeParamNode>();
        do
        {
            if (Kind == TokenKind.RSqb && list.Count > 0)
            {
                break;
            }

            var start = _p;
            if (Accept(TokenKind.Star))
            {
                var name = NameText();
                var defaultValue = TypeParamDefault() ? StarExpression() : null;
                list.Add(Finish(new TypeVarTuple { Name = name, DefaultValue = defaultValue }, start));
            }
            else if (Accept(TokenKind.DoubleStar))
            {
                var name = NameText();
                var defaultValue = TypeParamDefault() ? Expression() : null;
                list.Add(Finish(new ParamSpec { Name = name, DefaultValue = defaultValue }, start));
            }
            else
            {
                var name = NameText();
                var bound = Accept(TokenKind.Colon) ? Expression() : null;
                var defaultValue = TypeParamDefault() ? Expression() : null;
                list.Add(Finish(new TypeVar { Name = name, Bound = bound, DefaultValue = defaultValue }, start));
            }
        }
        while (Accept(TokenKind.Comma));
        Expect(TokenKind.RSqb);
        return list;
    }

    /// <summary>'=' before a type parameter's default (PEP 696, 3.13), consumed when there.</summary>
    private bool TypeParamDefault()
    {
        if (Kind != TokenKind.Equal)
        {
            return false;
        }

        RequireVersion(13, "Type parameter defaults are", _p, _p);
        _p++;
        return true;
    }

    /// <summary>Parameter list of a def (annotations allowed) or a lambda, up to <paramref name="end"/>.</summary>
    private Arguments Parameters(TokenKind end, bool annotations)
    {
        // Made when first needed: most signatures have no defaults, no keyword-only and no positional-only parameters.
        var positional = new List<Arg>();
        List<Arg>? posOnly = null;
        List<ExprNode>? defaults = null;
        List<Arg>? kwOnly = null;
        List<ExprNode?>? kwDefaults = null;
        Arg? vararg = null, kwarg = null;
        var sawStar = false;
        while (Kind != end)
        {
            if (kwarg is not null)
            {
                throw ErrorAt(Current, "arguments cannot follow var-keyword argument");
            }

            if (Accept(TokenKind.Slash))
            {
                if (sawStar || posOnly is not null || positional.Count == 0)
                {
                    throw ErrorAt(Previous, positional.Count == 0 && !sawStar ? "at least one argument must precede /" : "/ may appear only once");
                }

                posOnly = positional;
                positional = [];
            }
            else if (Accept(TokenKind.Star))
            {
                if (sawStar)
                {
                    throw ErrorAt(Previous, "* argument may appear only once");
                }

                sawStar = true;
                if (Kind == TokenKind.Name)
                {
                    vararg = Parameter(annotations, starAnnotation: true);
                }
                else if (Kind != TokenKind.Comma)
                {
                    throw ErrorAt(Current, "named arguments must follow bare *");
                }
            }
            else if (Accept(TokenKind.DoubleStar))
            {
                kwarg = Parameter(annotations, starAnnotation: false);
            }
            else
            {
                var parameter = Parameter(annotations, starAnnotation: false);
                ExprNode? defaultValue = Accept(TokenKind.Equal) ? Expression() : null;
                if (sawStar)
                {
                    (kwOnly ??= []).Add(parameter);
                    (kwDefaults ??= []).Add(defaultValue);
                }
                else
                {
                    positional.Add(parameter);
                    if (defaultValue is not null)
                    {
                        (defaults ??= []).Add(defaultValue);
                    }
                    else if (defaults is not null)
                    {
                        throw ErrorAt(parameter, "parameter without a default follows parameter with a default");
                    }
                }
            }

            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        if (sawStar && vararg is null && kwOnly is null)
        {
            throw ErrorAt(Current, "named arguments must follow bare *");
        }

        return new Arguments
        {
            Posonlyargs = posOnly ?? (IReadOnlyList<Arg>)[],
            Args = positional.Count == 0 ? (IReadOnlyList<Arg>)[] : positional,
            Vararg = vararg,
            Kwonlyargs = kwOnly ?? (IReadOnlyList<Arg>)[],
            KwDefaults = kwDefaults ?? (IReadOnlyList<ExprNode?>)[],
            Kwarg = kwarg,
            Defaults = defaults ?? (IReadOnlyList<ExprNode>)[],
        };
    }

    private Arg Parameter(bool annotations, bool starAnnotation)
    {
        var start = _p;
        var name = NameText();
        ExprNode? annotation = null;
        if (annotations && Accept(TokenKind.Colon))
        {
            annotation = starAnnotation && Kind == TokenKind.Star ? StarExpression() : Expression();
        }

        return Finish(new Arg { Name = name, Annotation = annotation }, start);
    }
}
