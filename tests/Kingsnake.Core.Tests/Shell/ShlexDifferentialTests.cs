using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Kingsnake.Core.Shell;

namespace Kingsnake.Core.Tests.Shell;

/// <summary>
/// The <see cref="ShellDialect.PythonShlex"/> dialect against real CPython's <c>shlex.split</c> (3.13 under pyenv,
/// present on every machine and in CI): the same words for every line, and an error exactly where Python raises.
/// </summary>
public sealed class ShlexDifferentialTests
{
    private const string PythonPath = "/root/.pyenv/versions/3.13.0/bin/python3";

    private const string OracleScript = """
        import json, shlex, sys
        answers = []
        for text in json.load(sys.stdin):
            try:
                answers.append({"words": shlex.split(text)})
            except ValueError as error:
                answers.append({"error": str(error)})
        json.dump(answers, sys.stdout)
        """;

    /// <summary>Option text as it appears after a requirement or on an option line of real requirements files.</summary>
    private static readonly string[] OptionLines =
    [
        "--hash=sha256:2cf6ba4cc2e23b5a8a24f43a2d3dc8c6e0e4c5ba1a4d62dfe8e3c5c3a8a2a4f1",
        "--hash=sha256:aaa --hash=sha256:bbb",
        "--hash sha256:aaa\t--hash=sha256:bbb",
        "--config-settings \"a=b c\"",
        "--config-settings='--build-option=--plat-name manylinux1'",
        "--config-settings \"editable_mode=compat\" --config-settings=\"x=\\\"quoted\\\"\"",
        "--global-option=\"--no-user-cfg\" --install-option='--prefix=/opt/py'",
        "-i https://pypi.example/simple --extra-index-url=https://u:p%40ss@mirror.example/simple",
        "--index-url \"https://example.com/a b/simple\"",
        "-f ./wheels -f 'file:///C:/wheel house'",
        "--trusted-host pypi.internal:8443",
        "-c constraints.txt -r 'requirements/base dev.txt'",
        "--hash=sha256:abc # a comment pip would have removed",
        "--hash=sha256:abc#not-a-comment",
        "--option=\"$HOME/x\" --other='$HOME' --third=$HOME --fourth=\"\\$HOME\"",
        "--option=\"a\\\\b\" --other=a\\\\b --third='a\\b' --fourth=\"a\\b\"",
        "--option=$'a\\nb'",
        "--option=\"`uname`\" --other=$(id)",
        "--option=a;b --other=c|d --third=e&f --fourth=g>h",
        "--option=2>err",
        "-e \"git+https://github.com/pypa/pip.git@main#egg=pip\"",
        "--only-binary=:all: --no-binary :none:",
        "--pre --prefer-binary --require-hashes --no-deps",
        "--use-feature=truststore",
        "''",
        "\"\"",
        "a''b \"\"c d\"\"",
        "--opt=\"unclosed",
        "--opt='unclosed",
        "--opt=trailing\\",
        "--opt=\"trailing\\",
        "--opt=\"esc\\\"aped\" 'single\\'",
        "\\\"literal\\\" \\'q\\'",
        "a\\ b c\\\td",
        "a\\\nb",
        "\"a\\\nb\"",
        "  leading and trailing  ",
        "tabs\tand\rcarriage\nreturns",
        "form\ffeed\vvertical",
        "non\u00a0breaking\u2003space",
        "caf\u00e9 \u65e5\u672c \"\u00fc ber\"",
        "--hash=sha256:\u00e9",
        "=",
        "--x=\"a\"'b'c\\d",
        "\"a 'b' c\" 'a \"b\" c'",
        "\\",
        "\\\\",
        "\"\\\\\"",
        "'\\\\'",
    ];

    [Fact]
    public async Task Option_lines_split_as_shlex_splits_them()
    {
        await AssertSameAsPython(OptionLines);
    }

    /// <summary>Random strings over the characters whose handling differs between shells and shlex, many of them.</summary>
    [Fact]
    public async Task Random_text_over_quoting_characters_splits_as_shlex_splits_it()
    {
        const string Alphabet = "ab =-\"'\\ \t\n\r#$`;|&><(){}*~\f\u00e9";
        var random = new Random(20261206);
        var texts = new string[3000];
        for (var i = 0; i < texts.Length; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = Alphabet[random.Next(Alphabet.Length)];
            }

            texts[i] = new string(chars);
        }

        await AssertSameAsPython(texts);
    }

    [Fact]
    public void Where_shlex_and_bash_really_differ()
    {
        // bash removes the backslash before $ inside double quotes and expands $'…'; shlex does neither
        Assert.Equal(["\\$HOME"], ShellScript.SplitWords("\"\\$HOME\"", ShellDialect.PythonShlex));
        Assert.Equal(["$HOME"], ShellScript.SplitWords("\"\\$HOME\"", ShellDialect.Posix));
        Assert.Equal(["$a\\nb"], ShellScript.SplitWords("$'a\\nb'", ShellDialect.PythonShlex));

        // no operators and no comments in shlex: these are all word characters
        Assert.Equal(["a;b", "#c", "d>e"], ShellScript.SplitWords("a;b #c d>e", ShellDialect.PythonShlex));
        Assert.Equal(["a", "b"], ShellScript.SplitWords("a;b #c d>e", ShellDialect.Posix));

        // a backslash-newline is a line continuation in bash, an escaped newline (kept) in shlex
        Assert.Equal(["a\nb"], ShellScript.SplitWords("a\\\nb", ShellDialect.PythonShlex));
        Assert.Equal(["ab"], ShellScript.SplitWords("a\\\nb", ShellDialect.Posix));
    }

    [Fact]
    public void Shlex_faults_are_errors_with_their_column_while_shells_read_on()
    {
        var error = Assert.Throws<ShellSyntaxException>(() => ShellScript.SplitWords("--opt='x y", ShellDialect.PythonShlex));
        Assert.Equal("No closing quotation", error.Message);
        Assert.Equal(11, error.Column);
        Assert.Equal("No escaped character", Assert.Throws<ShellSyntaxException>(() => ShellScript.SplitWords("a\\", ShellDialect.PythonShlex)).Message);
        Assert.Equal(["--opt=x y"], ShellScript.SplitWords("--opt='x y", ShellDialect.Posix));
    }

    private static async Task AssertSameAsPython(IReadOnlyList<string> texts)
    {
        var expected = await RunPython(texts);
        Assert.Equal(texts.Count, expected.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            string actual;
            try
            {
                actual = JsonSerializer.Serialize(new { words = ShellScript.SplitWords(texts[i], ShellDialect.PythonShlex) });
            }
            catch (ShellSyntaxException exception)
            {
                actual = JsonSerializer.Serialize(new { error = exception.Message });
            }

            Assert.True(expected[i] == actual, $"shlex.split({JsonSerializer.Serialize(texts[i])}): Python {expected[i]}, Kingsnake {actual}");
        }
    }

    private static async Task<List<string>> RunPython(IReadOnlyList<string> texts)
    {
        Assert.True(File.Exists(PythonPath), $"the oracle interpreter {PythonPath} is missing; the differential tests need it");
        var start = new ProcessStartInfo(PythonPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-X");
        start.ArgumentList.Add("utf8");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(OracleScript);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the oracle");
        var cancel = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(cancel);
        var errors = process.StandardError.ReadToEndAsync(cancel);
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(texts).AsMemory(), cancel);
        process.StandardInput.Close();
        var json = await output;
        await process.WaitForExitAsync(cancel);
        Assert.True(process.ExitCode == 0, $"the oracle failed: {await errors}");

        // re-serialize each answer the way the C# side does, so the two compare as strings
        var answers = new List<string>();
        foreach (var answer in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            answers.Add(answer.TryGetProperty("words", out var words)
                ? JsonSerializer.Serialize(new { words = words.EnumerateArray().Select(w => w.GetString()!).ToList() })
                : JsonSerializer.Serialize(new { error = answer.GetProperty("error").GetString() }));
        }

        return answers;
    }
}
