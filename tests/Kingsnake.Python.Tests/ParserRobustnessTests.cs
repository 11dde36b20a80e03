using System.Text;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;
using Assert = Xunit.Assert;

namespace Kingsnake.Python.Tests;

public sealed class ParserRobustnessTests
{
    [Fact]
    public void Hundred_thousand_nested_parentheses_give_a_syntax_error()
    {
        var source = new string('(', 100_000) + "1" + new string(')', 100_000) + "\n";
        var error = Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source));
        Assert.Equal("too many nested parentheses", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("not ")]
    [InlineData("await ")]
    [InlineData("lambda: ")]
    [InlineData("2**")]
    public void Deep_prefix_chains_give_a_syntax_error_not_a_stack_overflow(string prefix)
    {
        var source = new StringBuilder().Insert(0, prefix, 100_000).Append("x\n").ToString();
        Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source));
    }

    [Theory]
    [InlineData("t'{", "}'")]
    [InlineData("f'{", "}'")]
    [InlineData("[*", " for x in y]")]
    [InlineData("{**", " for x in y}")]
    public void Deep_nesting_of_new_syntax_gives_a_syntax_error_not_a_stack_overflow(string open, string close)
    {
        var source = new StringBuilder("x = ").Insert(4, open, 50_000).Append('1').ToString() + string.Concat(Enumerable.Repeat(close, 50_000)) + "\n";
        Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source));
    }

    [Theory(Timeout = 60_000)]
    [InlineData("(*", ")")]
    [InlineData("f(*", ")")]
    [InlineData("{**", "}")]
    // 3.15's starred generator elements were once found by parsing ahead and backtracking at every level: 22 levels took
    // a minute and 190 would never end. The guard is the timeout; a linear parser takes milliseconds.
    public async Task Nested_starred_generator_elements_parse_in_linear_time(string open, string close)
    {
        var source = "x = " + string.Concat(Enumerable.Repeat(open, 190)) + "a for a in b" + string.Concat(Enumerable.Repeat(close, 190)) + "\n";
        await Task.Run(() =>
        {
            try
            {
                PythonParser.Parse(source);
            }
            catch (PythonSyntaxError)
            {
                // some of these shapes are invalid Python; what matters is that the answer comes
            }
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_hundred_thousand_unparenthesised_exception_types_parse_into_one_tuple()
    {
        var source = "try:\n    pass\nexcept " + string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"E{i}")) + ":\n    pass\n";
        var handler = (ExceptHandler)((Try)PythonParser.Parse(source).Module.Body[0]).Handlers[0];
        Assert.Equal(100_000, Assert.IsType<Ast.Tuple>(handler.Type).Elts.Count);
        Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source, new Version(3, 13)));
    }

    [Fact]
    public void A_50_megabyte_single_line_parses()
    {
        // One 50 MB string literal on one line, then a statement after it: the tokenizer must not go quadratic.
        const int Size = 50 * 1024 * 1024;
        var source = new byte[Size + 32];
        var text = Encoding.ASCII.GetBytes("x = '");
        text.CopyTo(source, 0);
        source.AsSpan(text.Length, Size).Fill((byte)'a');
        var tail = Encoding.ASCII.GetBytes("'\ny = 1\n");
        tail.CopyTo(source, text.Length + Size);
        var module = PythonParser.Parse(source.AsSpan(0, text.Length + Size + tail.Length).ToArray()).Module;
        Assert.Equal(2, module.Body.Count);
        Assert.Equal(2, module.Body[1].Lineno);
    }

    [Fact]
    public void A_50_megabyte_single_line_of_tokens_parses_or_fails_cleanly()
    {
        // A list literal with millions of elements on one line: a result, or a SyntaxError, never a crash or a hang.
        var builder = new StringBuilder(50 * 1024 * 1024 + 16);
        builder.Append("x = [");
        while (builder.Length < 50 * 1024 * 1024)
        {
            builder.Append("1, ");
        }

        builder.Append("]\n");
        try
        {
            var module = PythonParser.Parse(builder.ToString()).Module;
            Assert.Single(module.Body);
        }
        catch (PythonSyntaxError error)
        {
            Assert.Equal(1, error.Line);
        }
    }

    [Fact]
    public void Random_bytes_end_in_a_result_or_a_syntax_error()
    {
        var random = new Random(12345);
        for (var round = 0; round < 300; round++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            if (round % 2 == 0)
            {
                // Half the rounds: printable Python-ish characters, which get much further into the parser.
                const string alphabet = "abc def():[]{}'\"\n\t\\#=+-*/%,.;@!<>|&^~0123456789fbrux\r ";
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = (byte)alphabet[bytes[i] % alphabet.Length];
                }
            }

            try
            {
                PythonParser.Parse(bytes);
            }
            catch (PythonSyntaxError error)
            {
                Assert.True(error.Line >= 1, $"round {round}: error without a line: {error.Message}");
            }
        }
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        var error = Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse("x = 1\ny = '\xff'\n"u8.ToArray() is var b ? [.. "x = 1\ny = '"u8, 0xff, .. "'\n"u8] : b));
        Assert.Equal(2, error.Line);
        Assert.Contains("utf-8", error.Message);
    }

    [Fact]
    public void Latin1_declaration_decodes_the_file()
    {
        byte[] source = [.. "# -*- coding: latin-1 -*-\ns = '"u8, 0xe9, .. "'\n"u8];
        var module = PythonParser.Parse(source).Module;
        var constant = Assert.IsType<Constant>(Assert.IsType<Assign>(module.Body[0]).Value);
        Assert.Equal("\u00e9", constant.Value.Text);

        // Columns are UTF-8 byte offsets of the re-encoded text, as CPython reports them: 'é' takes two bytes.
        Assert.Equal(8, constant.EndColOffset);
    }

    [Fact]
    public void Character_columns_differ_from_byte_columns_after_non_ascii_text()
    {
        var parsed = PythonParser.Parse("s = 'héllo'; t = 1\n");
        var second = Assert.IsType<Assign>(parsed.Module.Body[1]);
        Assert.Equal(14, second.ColOffset);
        Assert.Equal(13, parsed.Source.CharacterColumn(second.Lineno, second.ColOffset));
    }

    [Theory]
    [InlineData("if x:\n  a\n\tb\n", "TabError")]
    [InlineData("if x:\n    a\n  b\n", "IndentationError")]
    [InlineData("if x:\n        a\n\tb\n", "TabError")]
    [InlineData("def f(:\n", "SyntaxError")]
    [InlineData("x = (1,\n", "SyntaxError")]
    [InlineData("'abc\n", "SyntaxError")]
    [InlineData("f'{x'\n", "SyntaxError")]
    [InlineData("0777\n", "SyntaxError")]
    public void Invalid_code_is_rejected_with_a_position(string source, string kind)
    {
        var error = Assert.Throws<PythonSyntaxError>(() => PythonParser.Parse(source));
        Assert.True(error.Line >= 1);
        if (kind != "SyntaxError")
        {
            Assert.Equal(kind, error.Kind);
        }
    }

    [Fact]
    public void Walker_calls_hooks_by_kind_in_source_order()
    {
        var module = PythonParser.Parse("import os\nos.system(f'{a}')\ndef g():\n    return b(c)\n").Module;
        var calls = new List<string>();
        var names = new List<string>();
        new AstWalker()
            .On<Call>(NodeKind.Call, call => calls.Add(AstDump.Dump(call.Func, includeAttributes: false)))
            .On<Name>(NodeKind.Name, name => names.Add(name.Id))
            .Walk(module);
        Assert.Equal(["Attribute(value=Name(id='os'), attr='system')", "Name(id='b')"], calls); // 3.15's dump leaves ctx=Load() out
        Assert.Equal(["os", "a", "b", "c"], names);
    }
}
