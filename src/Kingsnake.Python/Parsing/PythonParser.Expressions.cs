using Kingsnake.Python.Ast;
using Kingsnake.Python.Source;
using Kingsnake.Python.Tokens;
using Attribute = Kingsnake.Python.Ast.Attribute;
using Tuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Python.Parsing;

public sealed partial class PythonParser
{
    /// <summary>star_expressions: one star_expression, or a tuple of them (trailing comma allowed).</summary>
    private ExprNode StarExpressions()
    {
        var start = _p;
        var first = StarExpression();
        if (Kind != TokenKind.Comma)
        {
            return first;
        }

        var mark = _exprs.Mark;
        _exprs.Push(first);
        while (Accept(TokenKind.Comma))
        {
            if (!StartsExpression(Kind))
            {
                break;
            }

            _exprs.Push(StarExpression());
        }

        return Finish(new Tuple { Elts = PopExprs(mark), Ctx = ExprContext.Load }, start);
    }

    private static bool StartsExpression(TokenKind kind) => kind switch
    {
        TokenKind.Name or TokenKind.Number or TokenKind.String or TokenKind.FStringStart or TokenKind.TStringStart or TokenKind.LPar or TokenKind.LSqb
            or TokenKind.LBrace or TokenKind.Minus or TokenKind.Plus or TokenKind.Tilde or TokenKind.Star or TokenKind.Not
            or TokenKind.Lambda or TokenKind.Await or TokenKind.None or TokenKind.True or TokenKind.False or TokenKind.Ellipsis => true,
        _ => false,
    };

    private ExprNode StarExpression()
    {
        if (Kind == TokenKind.Star)
        {
            var start = _p++;
            return Finish(new Starred { Value = BitwiseOr(), Ctx = ExprContext.Load }, start);
        }

        return Expression();
    }

    /// <summary>star_named_expression: '*' bitwise_or | named_expression (display elements).</summary>
    private ExprNode StarNamedExpression()
    {
        if (Kind == TokenKind.Star)
        {
            var start = _p++;
            return Finish(new Starred { Value = BitwiseOr(), Ctx = ExprContext.Load }, start);
        }

        return NamedExpression();
    }

    private ExprNode NamedExpression()
    {
        if (Kind == TokenKind.Name && KindAt(1) == TokenKind.ColonEqual)
        {
            var start = _p;
            var target = Finish(new Name { Id = TokenText(_t[_p++]), Ctx = ExprContext.Store }, start);
            _p++;
            var value = Expression();
            return Finish(new NamedExpr { Target = target, Value = value }, start);
        }

        var expression = Expression();
        if (Kind == TokenKind.ColonEqual)
        {
            throw ErrorAt(expression, $"cannot use assignment expressions with {Describe(expression)}");
        }

        return expression;
    }

    private ExprNode Expression()
    {
        Enter();
        try
        {
            if (Kind == TokenKind.Lambda)
            {
                return LambdaExpression();
            }

            var start = _p;
            var body = Disjunction();
            if (Kind != TokenKind.If)
            {
                return body;
            }

            _p++;
            var test = Disjunction();
            if (Kind != TokenKind.Else)
            {
                throw ErrorAt(Current, "expected 'else' after 'if' expression");
            }

            _p++;
            var orelse = Expression();
            return Finish(new IfExp { Test = test, Body = body, Orelse = orelse }, start);
        }
        finally
        {
            Leave();
        }
    }

    private ExprNode LambdaExpression()
    {
        var start = _p++;
        var args = Parameters(TokenKind.Colon, annotations: false);
        Expect(TokenKind.Colon);
        var body = Expression();
        return Finish(new Lambda { Args = args, Body = body }, start);
    }

    private ExprNode YieldExpression()
    {
        var start = _p;
        Expect(TokenKind.Yield);
        if (Accept(TokenKind.From))
        {
            return Finish(new YieldFrom { Value = Expression() }, start);
        }

        var value = StartsExpression(Kind) ? StarExpressions() : null;
        return Finish(new Yield { Value = value }, start);
    }

    /// <summary>
    /// A name or number followed by a token that no level from disjunction down to primary takes (no operator, no
    /// trailer, no 'if'): the whole precedence chain would return just that atom, so callers go to <see cref="Atom"/>.
    /// Most expressions are such lone atoms (arguments, subscripts, assigned values). The token after the current one
    /// always exists: the token array ends with EndMarker and padding.
    /// </summary>
    private bool AtLoneAtom() =>
        _t[_p].Kind is TokenKind.Name or TokenKind.Number
        && _t[_p + 1].Kind is TokenKind.Comma or TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace or TokenKind.Newline
            or TokenKind.Colon or TokenKind.Equal or TokenKind.Semi or TokenKind.EndMarker;

    private ExprNode Disjunction()
    {
        if (AtLoneAtom())
        {
            return Atom();
        }

        var start = _p;
        var first = Conjunction();
        if (Kind != TokenKind.Or)
        {
            return first;
        }

        var mark = _exprs.Mark;
        _exprs.Push(first);
        while (Accept(TokenKind.Or))
        {
            _exprs.Push(Conjunction());
        }

        return Finish(new BoolOp { Op = BoolOperator.Or, Values = PopExprs(mark) }, start);
    }

    private ExprNode Conjunction()
    {
        var start = _p;
        var first = Inversion();
        if (Kind != TokenKind.And)
        {
            return first;
        }

        var mark = _exprs.Mark;
        _exprs.Push(first);
        while (Accept(TokenKind.And))
        {
            _exprs.Push(Inversion());
        }

        return Finish(new BoolOp { Op = BoolOperator.And, Values = PopExprs(mark) }, start);
    }

    private ExprNode Inversion()
    {
        if (Kind != TokenKind.Not)
        {
            return Comparison();
        }

        var start = _p++;
        Enter();
        try
        {
            return Finish(new UnaryOp { Op = UnaryOperator.Not, Operand = Inversion() }, start);
        }
        finally
        {
            Leave();
        }
    }

    private ExprNode Comparison()
    {
        var start = _p;
        var left = BitwiseOr();
        List<CmpOperator>? ops = null;
        var comparatorsMark = -1;
        while (true)
        {
            CmpOperator op;
            switch (Kind)
            {
                case TokenKind.EqEqual: op = CmpOperator.Eq; break;
                case TokenKind.NotEqual: op = CmpOperator.NotEq; break;
                case TokenKind.Less: op = CmpOperator.Lt; break;
                case TokenKind.LessEqual: op = CmpOperator.LtE; break;
                case TokenKind.Greater: op = CmpOperator.Gt; break;
                case TokenKind.GreaterEqual: op = CmpOperator.GtE; break;
                case TokenKind.In: op = CmpOperator.In; break;
                case TokenKind.Not when KindAt(1) == TokenKind.In:
                    op = CmpOperator.NotIn;
                    _p++;
                    break;
                case TokenKind.Is:
                    if (KindAt(1) == TokenKind.Not)
                    {
                        _p++;
                        op = CmpOperator.IsNot;
                    }
                    else
                    {
                        op = CmpOperator.Is;
                    }

                    break;
                default:
                    return ops is null ? left : Finish(new Compare { Left = left, Ops = ops, Comparators = PopExprs(comparatorsMark) }, start);
            }

            _p++;
            if (ops is null)
            {
                ops = new List<CmpOperator>(1); // a chain (a < b < c) is rare
                comparatorsMark = _exprs.Mark;
            }

            ops.Add(op);
            _exprs.Push(BitwiseOr());
        }
    }

    private ExprNode BitwiseOr()
    {
        if (AtLoneAtom())
        {
            return Atom();
        }

        var start = _p;
        var left = BitwiseXor();
        while (Kind == TokenKind.VBar)
        {
            _p++;
            var right = BitwiseXor();
            left = Finish(new BinOp { Left = left, Op = BinaryOperator.BitOr, Right = right }, start);
        }

        return left;
    }

    private ExprNode BitwiseXor()
    {
        var start = _p;
        var left = BitwiseAnd();
        while (Kind == TokenKind.CircumFlex)
        {
            _p++;
            var right = BitwiseAnd();
            left = Finish(new BinOp { Left = left, Op = BinaryOperator.BitXor, Right = right }, start);
        }

        return left;
    }

    private ExprNode BitwiseAnd()
    {
        var start = _p;
        var left = ShiftExpression();
        while (Kind == TokenKind.Amper)
        {
            _p++;
            var right = ShiftExpression();
            left = Finish(new BinOp { Left = left, Op = BinaryOperator.BitAnd, Right = right }, start);
        }

        return left;
    }

    private ExprNode ShiftExpression()
    {
        var start = _p;
        var left = Sum();
        while (Kind is TokenKind.LeftShift or TokenKind.RightShift)
        {
            var op = Kind == TokenKind.LeftShift ? BinaryOperator.LShift : BinaryOperator.RShift;
            _p++;
            var right = Sum();
            left = Finish(new BinOp { Left = left, Op = op, Right = right }, start);
        }

        return left;
    }

    private ExprNode Sum()
    {
        var start = _p;
        var left = Term();
        while (Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Sub;
            _p++;
            var right = Term();
            left = Finish(new BinOp { Left = left, Op = op, Right = right }, start);
        }

        return left;
    }

    private ExprNode Term()
    {
        var start = _p;
        var left = Factor();
        while (true)
        {
            BinaryOperator op;
            switch (Kind)
            {
                case TokenKind.Star: op = BinaryOperator.Mult; break;
                case TokenKind.Slash: op = BinaryOperator.Div; break;
                case TokenKind.DoubleSlash: op = BinaryOperator.FloorDiv; break;
                case TokenKind.Percent: op = BinaryOperator.Mod; break;
                case TokenKind.At: op = BinaryOperator.MatMult; break;
                default: return left;
            }

            _p++;
            var right = Factor();
            left = Finish(new BinOp { Left = left, Op = op, Right = right }, start);
        }
    }

    private ExprNode Factor()
    {
        UnaryOperator op;
        switch (Kind)
        {
            case TokenKind.Plus: op = UnaryOperator.UAdd; break;
            case TokenKind.Minus: op = UnaryOperator.USub; break;
            case TokenKind.Tilde: op = UnaryOperator.Invert; break;
            default: return Power();
        }

        var start = _p++;
        Enter();
        try
        {
            return Finish(new UnaryOp { Op = op, Operand = Factor() }, start);
        }
        finally
        {
            Leave();
        }
    }

    private ExprNode Power()
    {
        var start = _p;
        var left = AwaitPrimary();
        if (Kind != TokenKind.DoubleStar)
        {
            return left;
        }

        _p++;
        Enter();
        try
        {
            var right = Factor();
            return Finish(new BinOp { Left = left, Op = BinaryOperator.Pow, Right = right }, start);
        }
        finally
        {
            Leave();
        }
    }

    private ExprNode AwaitPrimary()
    {
        if (Kind != TokenKind.Await)
        {
            return Primary();
        }

        var start = _p++;
        Enter();
        try
        {
            return Finish(new Await { Value = Primary() }, start);
        }
        finally
        {
            Leave();
        }
    }

    private ExprNode Primary()
    {
        var start = _p;
        var node = Atom();
        while (true)
        {
            switch (Kind)
            {
                case TokenKind.Dot:
                    _p++;
                    var attr = NameText();
                    node = Finish(new Attribute { Value = node, Attr = attr, Ctx = ExprContext.Load }, start);
                    break;
                case TokenKind.LPar:
                    {
                        var open = _p++;
                        var (args, keywords) = CallArguments(open);
                        Expect(TokenKind.RPar);
                        node = Finish(new Call { Func = node, Args = args, Keywords = keywords }, start);
                        break;
                    }

                case TokenKind.LSqb:
                    {
                        _p++;
                        var slice = Slices();
                        Expect(TokenKind.RSqb);
                        node = Finish(new Subscript { Value = node, Slice = slice, Ctx = ExprContext.Load }, start);
                        break;
                    }

                default:
                    return node;
            }
        }
    }

    private ExprNode Slices()
    {
        var start = _p;
        var first = SliceItem();
        if (Kind != TokenKind.Comma)
        {
            // A lone starred index (x[*a]) is a one-element tuple in CPython's tree.
            return first is Starred ? Finish(new Tuple { Elts = [first], Ctx = ExprContext.Load }, start) : first;
        }

        var mark = _exprs.Mark;
        _exprs.Push(first);
        while (Accept(TokenKind.Comma))
        {
            if (Kind == TokenKind.RSqb)
            {
                break;
            }

            _exprs.Push(SliceItem());
        }

        return Finish(new Tuple { Elts = PopExprs(mark), Ctx = ExprContext.Load }, start);
    }

    private ExprNode SliceItem()
    {
        var start = _p;
        if (Kind == TokenKind.Star)
        {
            return StarExpression();
        }

        ExprNode? lower = null;
        if (Kind != TokenKind.Colon)
        {
            lower = NamedExpression();
            if (Kind != TokenKind.Colon)
            {
                return lower;
            }
        }

        _p++;
        ExprNode? upper = Kind is TokenKind.Colon or TokenKind.Comma or TokenKind.RSqb ? null : Expression();
        ExprNode? step = null;
        if (Accept(TokenKind.Colon) && Kind is not (TokenKind.Comma or TokenKind.RSqb))
        {
            step = Expression();
        }

        return Finish(new Slice { Lower = lower, Upper = upper, Step = step }, start);
    }

    /// <summary>Call arguments up to ')' (not consumed). <paramref name="open"/> is the '(' token for a lone generator argument.</summary>
    private (ExprNode[] Args, IReadOnlyList<Keyword> Keywords) CallArguments(int open = -1)
    {
        var mark = _exprs.Mark;
        List<Keyword>? keywords = null; // most calls have none
        while (Kind != TokenKind.RPar)
        {
            var start = _p;
            if (Accept(TokenKind.DoubleStar))
            {
                (keywords ??= []).Add(Finish(new Keyword { Value = Expression() }, start));
            }
            else if (open >= 0 && _exprs.CountSince(mark) == 0 && keywords is null && StarredGeneratorElement() is { } starred)
            {
                // f(*x for x in y) (3.15): a lone generator argument with a starred element.
                _exprs.Push(LoneGeneratorArgument(starred, Comprehensions(starred), open, alone: true));
                break;
            }
            else if (Accept(TokenKind.Star))
            {
                if (keywords is not null && keywords.Exists(k => k.Arg is null))
                {
                    throw ErrorAt(_t[start - 1], "iterable argument unpacking follows keyword argument unpacking");
                }

                // Call arguments take '*' expression (not just bitwise_or): f(*a or b).
                _exprs.Push(Finish(new Starred { Value = Expression(), Ctx = ExprContext.Load }, start));
            }
            else if (Kind == TokenKind.Name && KindAt(1) == TokenKind.Equal)
            {
                var name = TokenText(_t[_p]);
                _p += 2;
                (keywords ??= []).Add(Finish(new Keyword { Arg = name, Value = Expression() }, start));
            }
            else
            {
                var value = NamedExpression();
                if (Kind is TokenKind.For or TokenKind.Async)
                {
                    var generators = Comprehensions();
                    _exprs.Push(LoneGeneratorArgument(value, generators, open, alone: open >= 0 && _exprs.CountSince(mark) == 0 && keywords is null));
                    break;
                }

                if (Kind == TokenKind.Equal)
                {
                    throw ErrorAt(value, "expression cannot contain assignment, perhaps you meant \"==\"?");
                }

                if (keywords is not null && keywords.Exists(k => k.Arg is null))
                {
                    throw ErrorAt(value, "positional argument follows keyword argument unpacking");
                }

                if (keywords is not null)
                {
                    throw ErrorAt(value, "positional argument follows keyword argument");
                }

                _exprs.Push(value);
            }

            if (!Accept(TokenKind.Comma))
            {
                break;
            }
        }

        return (PopExprs(mark), keywords ?? (IReadOnlyList<Keyword>)[]);
    }

    /// <summary>
    /// A generator expression that is a call's only argument (<paramref name="alone"/>, and the ')' next): its span
    /// runs over the call's parentheses, from <paramref name="open"/>. Anywhere else it needs its own parentheses.
    /// </summary>
    private GeneratorExp LoneGeneratorArgument(ExprNode element, List<Comprehension> generators, int open, bool alone)
    {
        if (!alone || Kind != TokenKind.RPar)
        {
            throw ErrorAt(element, "Generator expression must be parenthesized");
        }

        var generator = new GeneratorExp { Elt = element, Generators = generators };
        _p++;
        Finish(generator, open);
        _p--;
        return generator;
    }

    /// <summary>The comprehension after a list, set or generator element, which may be starred from 3.15 on (PEP 798).</summary>
    private List<Comprehension> Comprehensions(ExprNode element)
    {
        if (element is Starred)
        {
            if (_target < 15)
            {
                throw ErrorAt(element, "iterable unpacking cannot be used in comprehension");
            }

            RequireVersion(15, "unpacking in comprehensions is", element, _p);
        }

        return Comprehensions();
    }

    /// <summary>
    /// From 3.15 (PEP 798) a generator expression's element may be '*' expression, wider than the '*' bitwise_or of a
    /// display. Taken at a '*' only when a comprehension follows the element (see <see cref="ComprehensionFollows"/>),
    /// so nothing is parsed twice; otherwise null, with nothing consumed.
    /// </summary>
    private Starred? StarredGeneratorElement()
    {
        if (_target < 15 || Kind != TokenKind.Star || !ComprehensionFollows(_p + 1))
        {
            return null;
        }

        var start = _p++;
        var starred = Finish(new Starred { Value = Expression(), Ctx = ExprContext.Load }, start);
        return StartsComprehension() ? starred : throw Unexpected();
    }

    private bool StartsComprehension() => Kind == TokenKind.For || (Kind == TokenKind.Async && KindAt(1) == TokenKind.For);

    /// <summary>
    /// Whether a 'for' (a comprehension) comes after the element starting at token <paramref name="from"/>, before a ','
    /// or the closing bracket at the element's own bracket depth: a scan of tokens, so that deciding costs no
    /// speculative parse (one that backtracks at every nesting level takes time exponential in the nesting).
    /// </summary>
    private bool ComprehensionFollows(int from)
    {
        var depth = 0;
        for (var i = from; i < _count; i++)
        {
            switch (_t[i].Kind)
            {
                case TokenKind.LPar or TokenKind.LSqb or TokenKind.LBrace or TokenKind.FStringStart or TokenKind.TStringStart:
                    depth++;
                    break;
                case TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace or TokenKind.FStringEnd:
                    if (depth-- == 0)
                    {
                        return false;
                    }

                    break;
                case TokenKind.Comma when depth == 0:
                    return false;
                case TokenKind.For when depth == 0:
                    return true;
                case TokenKind.Newline or TokenKind.EndMarker:
                    return false;
            }
        }

        return false;
    }

    private List<Comprehension> Comprehensions()
    {
        var list = new List<Comprehension>();
        while (Kind == TokenKind.For || (Kind == TokenKind.Async && KindAt(1) == TokenKind.For))
        {
            var isAsync = Accept(TokenKind.Async);
            _p++;
            var target = StarTargets();
            Expect(TokenKind.In);
            var iter = Disjunction();
            var mark = _exprs.Mark;
            while (Accept(TokenKind.If))
            {
                _exprs.Push(Disjunction());
            }

            list.Add(new Comprehension { Target = target, Iter = iter, Ifs = PopExprs(mark), IsAsync = isAsync ? 1 : 0 });
        }

        return list;
    }

    private ExprNode Atom()
    {
        var start = _p;
        ref readonly var token = ref _t[_p];
        switch (token.Kind)
        {
            case TokenKind.Name:
                _p++;
                return Finish(new Name { Id = TokenText(token), Ctx = ExprContext.Load }, start);
            case TokenKind.Number:
                _p++;
                return Finish(new Constant { Value = NumberValue(token) }, start);
            case TokenKind.String:
            case TokenKind.FStringStart:
            case TokenKind.TStringStart:
                return Strings();
            case TokenKind.None:
                _p++;
                return Finish(new Constant { Value = ConstantValue.None }, start);
            case TokenKind.True:
                _p++;
                return Finish(new Constant { Value = ConstantValue.True }, start);
            case TokenKind.False:
                _p++;
                return Finish(new Constant { Value = ConstantValue.False }, start);
            case TokenKind.Ellipsis:
                _p++;
                return Finish(new Constant { Value = ConstantValue.Ellipsis }, start);
            case TokenKind.LPar:
                return Parenthesized();
            case TokenKind.LSqb:
                return ListDisplay();
            case TokenKind.LBrace:
                return BraceDisplay();
            default:
                throw Unexpected();
        }
    }

    private ExprNode Parenthesized()
    {
        var start = _p++;
        Enter();
        try
        {
            if (Accept(TokenKind.RPar))
            {
                return Finish(new Tuple { Elts = [], Ctx = ExprContext.Load }, start);
            }

            if (Kind == TokenKind.Yield)
            {
                var yield = YieldExpression();
                Expect(TokenKind.RPar);
                return yield;
            }

            var first = StarredGeneratorElement() ?? StarNamedExpression();
            if (Kind is TokenKind.For or TokenKind.Async)
            {
                var generators = Comprehensions(first);
                Expect(TokenKind.RPar);
                return Finish(new GeneratorExp { Elt = first, Generators = generators }, start);
            }

            if (Accept(TokenKind.RPar))
            {
                if (first is Starred)
                {
                    throw ErrorAt(first, "cannot use starred expression here");
                }

                return first;
            }

            var mark = _exprs.Mark;
            _exprs.Push(first);
            while (Accept(TokenKind.Comma))
            {
                if (Kind == TokenKind.RPar)
                {
                    break;
                }

                _exprs.Push(StarNamedExpression());
            }

            var elements = PopExprs(mark);

            Expect(TokenKind.RPar);
            return Finish(new Tuple { Elts = elements, Ctx = ExprContext.Load }, start);
        }
        finally
        {
            Leave();
        }
    }

    private ExprNode ListDisplay()
    {
        var start = _p++;
        Enter();
        try
        {
            if (Accept(TokenKind.RSqb))
            {
                return Finish(new List { Elts = [], Ctx = ExprContext.Load }, start);
            }

            var first = StarNamedExpression();
            if (Kind is TokenKind.For or TokenKind.Async)
            {
                var generators = Comprehensions(first);
                Expect(TokenKind.RSqb);
                return Finish(new ListComp { Elt = first, Generators = generators }, start);
            }

            var mark = _exprs.Mark;
            _exprs.Push(first);
            while (Accept(TokenKind.Comma))
            {
                if (Kind == TokenKind.RSqb)
                {
                    break;
                }

                _exprs.Push(StarNamedExpression());
            }

            var elements = PopExprs(mark);

            Expect(TokenKind.RSqb);
            return Finish(new List { Elts = elements, Ctx = ExprContext.Load }, start);
        }
        finally
        {
            Leave();
        }
    }

    private ExprNode BraceDisplay()
    {
        var start = _p++;
        Enter();
        try
        {
            if (Accept(TokenKind.RBrace))
            {
                return Finish(new Dict(), start);
            }

            if (Kind == TokenKind.DoubleStar || !IsSetStart())
            {
                // Key (null for '**'), value, key, value … on the stack.
                var pairsMark = _exprs.Mark;
                do
                {
                    if (Kind == TokenKind.RBrace)
                    {
                        break;
                    }

                    if (Kind == TokenKind.DoubleStar && _target >= 15 && _exprs.CountSince(pairsMark) == 0 && UnpackingDictComprehension(start) is { } comprehension)
                    {
                        return comprehension;
                    }

                    if (Accept(TokenKind.DoubleStar))
                    {
                        _exprs.Push(null);
                        _exprs.Push(BitwiseOr());
                        continue;
                    }

                    var key = Expression();
                    Expect(TokenKind.Colon);
                    var value = Expression();
                    if (_exprs.CountSince(pairsMark) == 0 && Kind is TokenKind.For or TokenKind.Async)
                    {
                        var generators = Comprehensions();
                        Expect(TokenKind.RBrace);
                        return Finish(new DictComp { Key = key, Value = value, Generators = generators }, start);
                    }

                    _exprs.Push(key);
                    _exprs.Push(value);
                }
                while (Accept(TokenKind.Comma));
                Expect(TokenKind.RBrace);
                var pairs = _exprs.Pop(pairsMark);
                var keys = new ExprNode?[pairs.Length / 2];
                var values = new ExprNode[pairs.Length / 2];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = pairs[2 * i];
                    values[i] = pairs[(2 * i) + 1]!;
                }

                return Finish(new Dict { Keys = keys, Values = values }, start);
            }

            var first = StarNamedExpression();
            if (Kind is TokenKind.For or TokenKind.Async)
            {
                var generators = Comprehensions(first);
                Expect(TokenKind.RBrace);
                return Finish(new SetComp { Elt = first, Generators = generators }, start);
            }

            var mark = _exprs.Mark;
            _exprs.Push(first);
            while (Accept(TokenKind.Comma))
            {
                if (Kind == TokenKind.RBrace)
                {
                    break;
                }

                _exprs.Push(StarNamedExpression());
            }

            var elements = PopExprs(mark);

            Expect(TokenKind.RBrace);
            return Finish(new Set { Elts = elements }, start);
        }
        finally
        {
            Leave();
        }
    }

    /// <summary>
    /// <c>{**d for d in ds}</c> (3.15, PEP 798): a DictComp whose key is the unpacked mapping and whose value is None;
    /// null, with nothing consumed, when no comprehension follows the '**' expression.
    /// </summary>
    private DictComp? UnpackingDictComprehension(int start)
    {
        if (!ComprehensionFollows(_p + 1))
        {
            return null;
        }

        var unpack = _p++;
        var key = Expression();
        if (!StartsComprehension())
        {
            throw Unexpected();
        }

        RequireVersion(15, "unpacking in comprehensions is", unpack, _p);
        var generators = Comprehensions();
        Expect(TokenKind.RBrace);
        return Finish(new DictComp { Key = key, Value = null, Generators = generators }, start);
    }

    /// <summary>After '{': is this a set (no ':' at depth 0 before the first ',' / '}' / 'for')?</summary>
    private bool IsSetStart()
    {
        var depth = 0;
        for (var i = _p; i < _count; i++)
        {
            switch (_t[i].Kind)
            {
                case TokenKind.LPar or TokenKind.LSqb or TokenKind.LBrace or TokenKind.FStringStart or TokenKind.TStringStart:
                    depth++;
                    break;
                case TokenKind.RPar or TokenKind.RSqb or TokenKind.RBrace or TokenKind.FStringEnd:
                    if (depth == 0)
                    {
                        return true;
                    }

                    depth--;
                    break;
                case TokenKind.Lambda when depth == 0:
                    // The lambda's own ':' is not the dict's: skip to it.
                    for (i++; i < _count && !(_t[i].Kind == TokenKind.Colon); i++)
                    {
                    }

                    break;
                case TokenKind.Colon when depth == 0:
                    return false;
                case TokenKind.Comma or TokenKind.For when depth == 0:
                    return true;
                case TokenKind.EndMarker:
                    return true;
            }
        }

        return true;
    }

    // ---- targets ----------------------------------------------------------------------------------------------

    private static void SetContext(ExprNode node, ExprContext context)
    {
        switch (node)
        {
            case Name name:
                name.Ctx = context;
                break;
            case Attribute attribute:
                attribute.Ctx = context;
                break;
            case Subscript subscript:
                subscript.Ctx = context;
                break;
            case Starred starred when context != ExprContext.Del:
                starred.Ctx = context;
                SetContext(starred.Value, context);
                break;
            case Tuple tuple:
                tuple.Ctx = context;
                foreach (var element in tuple.Elts)
                {
                    SetContext(element, context);
                }

                break;
            case List list:
                list.Ctx = context;
                foreach (var element in list.Elts)
                {
                    SetContext(element, context);
                }

                break;
            default:
                var verb = context == ExprContext.Del ? "delete" : "assign to";
                throw ErrorAt(node, $"cannot {verb} {Describe(node)}");
        }
    }

    private static string Describe(ExprNode node) => node switch
    {
        Call => "function call",
        Constant { Value.Kind: ConstantKind.None or ConstantKind.True or ConstantKind.False } constant => PythonRepr.Of(constant.Value),
        Constant { Value.Kind: ConstantKind.Ellipsis } => "ellipsis",
        Constant => "literal",
        BinOp or UnaryOp => "expression",
        BoolOp => "expression",
        Compare => "comparison",
        Lambda => "lambda",
        IfExp => "conditional expression",
        NamedExpr => "named expression",
        Await => "await expression",
        Yield or YieldFrom => "yield expression",
        GeneratorExp => "generator expression",
        ListComp => "list comprehension",
        SetComp => "set comprehension",
        DictComp => "dict comprehension",
        Dict => "dict literal",
        Set => "set display",
        JoinedStr or FormattedValue => "f-string expression",
        TemplateStr or Interpolation => "t-string expression",
        Starred => "starred",
        Tuple => "tuple",
        List => "list",
        Attribute => "attribute",
        Subscript => "subscript",
        Name => "name",
        _ => "expression",
    };

    private PythonSyntaxError SyntaxErrorAt(int tokenIndex, string message) => ErrorAt(_t[tokenIndex], message);
}
