namespace Kingsnake.Workflows.Expressions;

/// <summary>
/// Recursive-descent parser for GitHub's expression language. Precedence, lowest first (GitHub's operator
/// table): <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>, <c>&lt; &lt;= &gt; &gt;=</c>, <c>!</c>, then property access,
/// indexing, filters and calls. Nesting is bounded so hostile input cannot exhaust the stack.
/// </summary>
public sealed class ExpressionParser
{
    /// <summary>
    /// Deepest nesting accepted. Operator chains (<c>a || b || …</c>) and access chains (<c>a.b.c…</c>) count one level
    /// per link, because they build trees that deep and every walker of the tree recurses along them.
    /// </summary>
    public const int MaxDepth = 256;

    private readonly ExpressionLexer _lexer;
    private Token _current;
    private int _depth;

    private ExpressionParser(string text, int start, int end)
    {
        _lexer = new ExpressionLexer(text, start, end);
        _current = _lexer.Next();
    }

    /// <summary>Parses <c>text[start..end]</c> (the inside of a <c>${{ }}</c>, or a bare <c>if:</c> condition).</summary>
    /// <exception cref="ExpressionException">The expression is malformed; the offset says where.</exception>
    public static ExpressionSyntax Parse(string text, int start, int end)
    {
        var parser = new ExpressionParser(text, start, end);
        if (parser._current.Kind == TokenKind.End)
        {
            throw new ExpressionException("empty expression", start);
        }

        var expression = parser.ParseOr();
        if (parser._current.Kind != TokenKind.End)
        {
            throw new ExpressionException($"unexpected '{Describe(parser._current, text)}' after a complete expression", parser._current.Start);
        }

        return expression;
    }

    public static ExpressionSyntax Parse(string text) => Parse(text, 0, text.Length);

    public static bool TryParse(string text, int start, int end, out ExpressionSyntax? expression, out ExpressionException? error)
    {
        try
        {
            expression = Parse(text, start, end);
            error = null;
            return true;
        }
        catch (ExpressionException ex)
        {
            expression = null;
            error = ex;
            return false;
        }
    }

    private static string Describe(Token token, string text) =>
        token.Kind == TokenKind.End ? "end of expression" : text[token.Start..token.End];

    private Token Advance()
    {
        var token = _current;
        _current = _lexer.Next();
        return token;
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind)
        {
            throw new ExpressionException($"expected {what}", _current.Start);
        }

        return Advance();
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new ExpressionException($"expression nested deeper than {MaxDepth} levels", _current.Start);
        }
    }

    private ExpressionSyntax ParseOr()
    {
        Enter();
        var left = ParseAnd();
        var links = 0;
        while (_current.Kind == TokenKind.Or)
        {
            Advance();
            Enter();
            links++;
            var right = ParseAnd();
            left = new BinaryExpression(BinaryOperator.Or, left, right, left.Start, right.End);
        }

        _depth -= links + 1;
        return left;
    }

    private ExpressionSyntax ParseAnd()
    {
        var left = ParseEquality();
        var links = 0;
        while (_current.Kind == TokenKind.And)
        {
            Advance();
            Enter();
            links++;
            var right = ParseEquality();
            left = new BinaryExpression(BinaryOperator.And, left, right, left.Start, right.End);
        }

        _depth -= links;
        return left;
    }

    private ExpressionSyntax ParseEquality()
    {
        var left = ParseComparison();
        var links = 0;
        while (_current.Kind is TokenKind.Equal or TokenKind.NotEqual)
        {
            Enter();
            links++;
            var op = Advance().Kind == TokenKind.Equal ? BinaryOperator.Equal : BinaryOperator.NotEqual;
            var right = ParseComparison();
            left = new BinaryExpression(op, left, right, left.Start, right.End);
        }

        _depth -= links;
        return left;
    }

    private ExpressionSyntax ParseComparison()
    {
        var left = ParseUnary();
        var links = 0;
        while (_current.Kind is TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual)
        {
            Enter();
            links++;
            var op = Advance().Kind switch
            {
                TokenKind.Less => BinaryOperator.Less,
                TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
                TokenKind.Greater => BinaryOperator.Greater,
                _ => BinaryOperator.GreaterOrEqual,
            };
            var right = ParseUnary();
            left = new BinaryExpression(op, left, right, left.Start, right.End);
        }

        _depth -= links;
        return left;
    }

    private ExpressionSyntax ParseUnary()
    {
        if (_current.Kind == TokenKind.Not)
        {
            var bang = Advance();
            Enter();
            var operand = ParseUnary();
            _depth--;
            return new NotExpression(operand, bang.Start, operand.End);
        }

        return ParsePostfix(ParsePrimary());
    }

    private ExpressionSyntax ParsePostfix(ExpressionSyntax target)
    {
        var links = 0;
        while (true)
        {
            if (_current.Kind is TokenKind.Dot or TokenKind.LeftBracket)
            {
                Enter();
                links++;
            }

            if (_current.Kind == TokenKind.Dot)
            {
                var dot = Advance();
                if (_current.Kind == TokenKind.Star && _current.Start == dot.End)
                {
                    var star = Advance();
                    target = new FilterExpression(target, target.Start, star.End);
                    continue;
                }

                // the name must follow the dot directly: re-lex from just after it, where digits and '-' are allowed
                if (_current.Start != dot.End)
                {
                    throw new ExpressionException("expected a property name after '.'", dot.End);
                }

                var name = _current.Kind == TokenKind.Identifier ? Advance() : throw new ExpressionException("expected a property name after '.'", _current.Start);
                target = new MemberExpression(target, name.Text, target.Start, name.End);
            }
            else if (_current.Kind == TokenKind.LeftBracket)
            {
                Advance();
                if (_current.Kind == TokenKind.Star)
                {
                    Advance();
                    var close = Expect(TokenKind.RightBracket, "']'");
                    target = new FilterExpression(target, target.Start, close.End);
                    continue;
                }

                Enter();
                var index = ParseOr();
                _depth--;
                var end = Expect(TokenKind.RightBracket, "']' to close the index");
                target = new IndexExpression(target, index, target.Start, end.End);
            }
            else
            {
                _depth -= links;
                return target;
            }
        }
    }

    private ExpressionSyntax ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new LiteralExpression(LiteralKind.Number, token.Text, token.Value, token.Start, token.End);
            case TokenKind.String:
                Advance();
                return new LiteralExpression(LiteralKind.String, token.Text, token.Value, token.Start, token.End);
            case TokenKind.LeftParen:
                {
                    Advance();
                    Enter();
                    var inner = ParseOr();
                    _depth--;
                    Expect(TokenKind.RightParen, "')'");
                    return inner;
                }

            case TokenKind.Identifier:
                Advance();
                switch (token.Text)
                {
                    case "true": return new LiteralExpression(LiteralKind.Boolean, token.Text, true, token.Start, token.End);
                    case "false": return new LiteralExpression(LiteralKind.Boolean, token.Text, false, token.Start, token.End);
                    case "null": return new LiteralExpression(LiteralKind.Null, token.Text, null, token.Start, token.End);
                    case "NaN": return new LiteralExpression(LiteralKind.Number, token.Text, double.NaN, token.Start, token.End);
                    case "Infinity": return new LiteralExpression(LiteralKind.Number, token.Text, double.PositiveInfinity, token.Start, token.End);
                }

                if (_current.Kind == TokenKind.LeftParen)
                {
                    return ParseCall(token);
                }

                return new IdentifierExpression(token.Text, token.Start, token.End);
            case TokenKind.End:
                throw new ExpressionException("expression ends where a value was expected", token.Start);
            default:
                throw new ExpressionException("expected a value, a context or a function call", token.Start);
        }
    }

    private CallExpression ParseCall(Token name)
    {
        Advance(); // (
        Enter();
        var arguments = new List<ExpressionSyntax>();
        if (_current.Kind != TokenKind.RightParen)
        {
            while (true)
            {
                arguments.Add(ParseOr());
                if (_current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                break;
            }
        }

        var close = Expect(TokenKind.RightParen, $"',' or ')' in the call to {name.Text}");
        _depth--;
        return new CallExpression(name.Text, arguments, name.Start, close.End);
    }
}
