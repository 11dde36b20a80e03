using Kingsnake.Python.Ast;
using Kingsnake.Python.Tokens;
using Attribute = Kingsnake.Python.Ast.Attribute;
using Tuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Python.Parsing;

public sealed partial class PythonParser
{
    private StmtNode MatchStatement()
    {
        var start = _p++;
        var subjectStart = _p;
        RequireVersion(10, "Pattern matching is", start, subjectStart);
        var subject = StarNamedExpression();
        if (Kind == TokenKind.Comma)
        {
            var elements = new List<ExprNode> { subject };
            while (Accept(TokenKind.Comma))
            {
                if (Kind == TokenKind.Colon)
                {
                    break;
                }

                elements.Add(StarNamedExpression());
            }

            subject = Finish(new Tuple { Elts = elements, Ctx = ExprContext.Load }, subjectStart);
        }

        Expect(TokenKind.Colon);
        Expect(TokenKind.Newline);
        if (!Accept(TokenKind.Indent))
        {
            throw ErrorAt(Current, $"expected an indented block after 'match' statement on line {_t[start].Line}", "IndentationError");
        }

        var cases = new List<MatchCase>();
        while (IsSoftKeyword("case"u8))
        {
            var caseToken = _p++;
            var pattern = TopPattern();
            var guard = Accept(TokenKind.If) ? NamedExpression() : null;
            var body = Block("'case' statement", caseToken);
            cases.Add(new MatchCase { Pattern = pattern, Guard = guard, Body = body });
        }

        if (cases.Count == 0 || Kind != TokenKind.Dedent)
        {
            throw Unexpected();
        }

        _p++;
        return Finish(new Match { Subject = subject, Cases = cases }, start);
    }

    /// <summary>patterns: an open sequence (a, b, *c) or one pattern.</summary>
    private PatternNode TopPattern()
    {
        var start = _p;
        var first = MaybeStarPattern();
        if (Kind != TokenKind.Comma)
        {
            if (first is MatchStar)
            {
                throw Unexpected();
            }

            return first;
        }

        var patterns = new List<PatternNode> { first };
        while (Accept(TokenKind.Comma))
        {
            if (Kind is TokenKind.Colon or TokenKind.If)
            {
                break;
            }

            patterns.Add(MaybeStarPattern());
        }

        return Finish(new MatchSequence { Patterns = patterns }, start);
    }

    private PatternNode MaybeStarPattern()
    {
        if (Kind != TokenKind.Star)
        {
            return AsPattern();
        }

        var start = _p++;
        var name = NameText();
        return Finish(new MatchStar { Name = name == "_" ? null : name }, start);
    }

    private PatternNode AsPattern()
    {
        Enter();
        try
        {
            var start = _p;
            var pattern = OrPattern();
            if (!Accept(TokenKind.As))
            {
                return pattern;
            }

            var name = NameText();
            if (name == "_")
            {
                throw ErrorAt(Previous, "cannot use '_' as a target");
            }

            return Finish(new MatchAs { Pattern = pattern, Name = name }, start);
        }
        finally
        {
            Leave();
        }
    }

    private PatternNode OrPattern()
    {
        var start = _p;
        var first = ClosedPattern();
        if (Kind != TokenKind.VBar)
        {
            return first;
        }

        var patterns = new List<PatternNode> { first };
        while (Accept(TokenKind.VBar))
        {
            patterns.Add(ClosedPattern());
        }

        return Finish(new MatchOr { Patterns = patterns }, start);
    }

    private PatternNode ClosedPattern()
    {
        var start = _p;
        switch (Kind)
        {
            case TokenKind.None:
                _p++;
                return Finish(new MatchSingleton { Value = ConstantValue.None }, start);
            case TokenKind.True:
                _p++;
                return Finish(new MatchSingleton { Value = ConstantValue.True }, start);
            case TokenKind.False:
                _p++;
                return Finish(new MatchSingleton { Value = ConstantValue.False }, start);
            case TokenKind.Number:
            case TokenKind.Minus:
            case TokenKind.String:
            case TokenKind.FStringStart:
            case TokenKind.TStringStart:
                return Finish(new MatchValue { Value = LiteralExpression() }, start);
            case TokenKind.LPar:
                {
                    _p++;
                    if (Accept(TokenKind.RPar))
                    {
                        return Finish(new MatchSequence(), start);
                    }

                    var first = MaybeStarPattern();
                    if (Accept(TokenKind.RPar))
                    {
                        if (first is MatchStar)
                        {
                            return Finish(new MatchSequence { Patterns = [first] }, start);
                        }

                        return first;
                    }

                    var patterns = new List<PatternNode> { first };
                    while (Accept(TokenKind.Comma))
                    {
                        if (Kind == TokenKind.RPar)
                        {
                            break;
                        }

                        patterns.Add(MaybeStarPattern());
                    }

                    Expect(TokenKind.RPar);
                    return Finish(new MatchSequence { Patterns = patterns }, start);
                }

            case TokenKind.LSqb:
                {
                    _p++;
                    var patterns = new List<PatternNode>();
                    while (Kind != TokenKind.RSqb)
                    {
                        patterns.Add(MaybeStarPattern());
                        if (!Accept(TokenKind.Comma))
                        {
                            break;
                        }
                    }

                    Expect(TokenKind.RSqb);
                    return Finish(new MatchSequence { Patterns = patterns }, start);
                }

            case TokenKind.LBrace:
                return MappingPattern();
            case TokenKind.Name:
                {
                    if (KindAt(1) is not (TokenKind.Dot or TokenKind.LPar))
                    {
                        var name = TokenText(_t[_p++]);
                        return Finish(new MatchAs { Name = name == "_" ? null : name }, start);
                    }

                    ExprNode value = Finish(new Name { Id = TokenText(_t[_p++]), Ctx = ExprContext.Load }, start);
                    while (Accept(TokenKind.Dot))
                    {
                        var attr = NameText();
                        value = FinishFrom(new Attribute { Value = value, Attr = attr, Ctx = ExprContext.Load }, value);
                    }

                    if (Kind != TokenKind.LPar)
                    {
                        return Finish(new MatchValue { Value = value }, start);
                    }

                    return ClassPattern(value, start);
                }

            default:
                throw Unexpected();
        }
    }

    /// <summary>Literal patterns: signed numbers, complex literals (a + bj), strings.</summary>
    private ExprNode LiteralExpression()
    {
        if (Kind is TokenKind.String or TokenKind.FStringStart or TokenKind.TStringStart)
        {
            var text = Strings();
            if (text is JoinedStr)
            {
                throw ErrorAt(text, "patterns may only match literals and attribute lookups");
            }

            return text;
        }

        var start = _p;
        ExprNode left;
        if (Accept(TokenKind.Minus))
        {
            var numberStart = _p;
            Expect(TokenKind.Number);
            var number = Finish(new Constant { Value = NumberValue(_t[numberStart]) }, numberStart);
            left = Finish(new UnaryOp { Op = UnaryOperator.USub, Operand = number }, start);
        }
        else
        {
            Expect(TokenKind.Number);
            left = Finish(new Constant { Value = NumberValue(_t[start]) }, start);
        }

        if (Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Sub;
            _p++;
            var rightStart = _p;
            Expect(TokenKind.Number);
            var right = Finish(new Constant { Value = NumberValue(_t[rightStart]) }, rightStart);
            return Finish(new BinOp { Left = left, Op = op, Right = right }, start);
        }

        return left;
    }

    private PatternNode MappingPattern()
    {
        var start = _p++;
        var keys = new List<ExprNode>();
        var patterns = new List<PatternNode>();
        string? rest = null;
        while (Kind != TokenKind.RBrace)
        {
            if (Accept(TokenKind.DoubleStar))
            {
                // The rest is a capture target, which '_' is not.
                if (IsSoftKeyword("_"u8))
                {
                    throw ErrorAt(Current, "invalid syntax");
                }

                rest = NameText();
                Accept(TokenKind.Comma);
                break;
            }

            var keyStart = _p;
            ExprNode key;
            switch (Kind)
            {
                case TokenKind.None:
                    _p++;
                    key = Finish(new Constant { Value = ConstantValue.None }, keyStart);
                    break;
                case TokenKind.True:
                    _p++;
                    key = Finish(new Constant { Value = ConstantValue.True }, keyStart);
                    break;
                case TokenKind.False:
                    _p++;
                    key = Finish(new Constant { Value = ConstantValue.False }, keyStart);
                    break;
                case TokenKind.Name:
                    key = Finish(new Name { Id = TokenText(_t[_p++]), Ctx = ExprContext.Load }, keyStart);
                    while (Accept(TokenKind.Dot))
                    {
                        var attr = NameText();
                        key = FinishFrom(new Attribute { Value = key, Attr = attr, Ctx = ExprContext.Load }, key);
                    }

                    if (key is Name)
                    {
                        throw Unexpected();
                    }

                    break;
                default:
                    key = LiteralExpression();
                    break;
            }

            Expect(TokenKind.Colon);
            keys.Add(key);
            patterns.Add(AsPattern());
            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RBrace);
        return Finish(new MatchMapping { Keys = keys, Patterns = patterns, Rest = rest }, start);
    }

    private PatternNode ClassPattern(ExprNode cls, int start)
    {
        Expect(TokenKind.LPar);
        var patterns = new List<PatternNode>();
        var kwdAttrs = new List<string>();
        var kwdPatterns = new List<PatternNode>();
        while (Kind != TokenKind.RPar)
        {
            if (Kind == TokenKind.Name && KindAt(1) == TokenKind.Equal)
            {
                kwdAttrs.Add(TokenText(_t[_p]));
                _p += 2;
                kwdPatterns.Add(AsPattern());
            }
            else
            {
                if (kwdAttrs.Count > 0)
                {
                    throw ErrorAt(Current, "positional patterns follow keyword patterns");
                }

                patterns.Add(AsPattern());
            }

            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        Expect(TokenKind.RPar);
        return Finish(new MatchClass { Cls = cls, Patterns = patterns, KwdAttrs = kwdAttrs, KwdPatterns = kwdPatterns }, start);
    }
}
