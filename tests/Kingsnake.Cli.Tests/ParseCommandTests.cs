using System.Diagnostics;
using System.Text;

namespace Kingsnake.Cli.Tests;

public sealed class ParseCommandTests
{
    private const string Sample = "import os\n\ndef run(cmd: str) -> int:\n    \"\"\"Run it.\"\"\"\n    return os.system(f'{cmd!r:>10}')\n";

    /// <summary>What CPython <paramref name="version"/> prints for ast.dump(ast.parse(file), include_attributes=True).</summary>
    private static string? CPythonDump(string version, string file)
    {
        var interpreter = $"/root/.pyenv/versions/{version}/bin/python3";
        if (!File.Exists(interpreter))
        {
            return null;
        }

        var start = new ProcessStartInfo(interpreter, ["-c", "import ast,sys; print(ast.dump(ast.parse(open(sys.argv[1],'rb').read()), include_attributes=True))", file])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    /// <summary>
    /// A FIFO named on the command line or met in a walked directory: reading it would wait for a writer forever, so
    /// the bounded reader refuses it by its kind; the other files are still parsed and the exit code says a file could
    /// not be read.
    /// </summary>
    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_fifo_is_refused_with_a_clear_message_instead_of_a_hang(bool named)
    {
        using var project = new TempProject().With("src/a_good.py", Sample).With("src/c_bad.py", "if x\n");
        MakeFifo(project.PathOf("src/b_pipe.py"));
        string[] args = named ? ["parse", "src/a_good.py", "src/b_pipe.py", "src/c_bad.py"] : ["parse", "src"];
        var result = await Task.Run(() => new CliRunner { CurrentDirectory = project.Root }.Run(args), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
        [
            $"{Path.Join("src", "b_pipe.py")}:0:0: not read: it is a named pipe (FIFO), not a regular file",
            $"{Path.Join("src", "c_bad.py")}:1:5: expected ':'",
        ], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 file(s) could not be read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_link_is_followed_to_its_file_but_not_to_a_device()
    {
        using var project = new TempProject().With("real.py", "if x\n");
        File.CreateSymbolicLink(project.PathOf("link.py"), project.PathOf("real.py"));
        File.CreateSymbolicLink(project.PathOf("zero.py"), "/dev/zero");
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("parse", "link.py", "zero.py");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(["link.py:1:5: expected ':'", "zero.py:0:0: not read: it is a character device, not a regular file"], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Good_files_print_nothing_and_exit_0()
    {
        using var project = new TempProject().With("pkg/a.py", Sample).With("pkg/sub/b.py", "x = [i for i in range(3)]\n").With("pkg/notes.txt", "not python (");
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("parse", "pkg");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Syntax_errors_are_printed_as_file_line_col_message_and_exit_1_without_losing_other_files()
    {
        using var project = new TempProject()
            .With("src/a_bad.py", "x = 1\nif x\n    pass\n")
            .With("src/b_good.py", Sample)
            .With("src/c_indent.py", "def f():\nreturn 1\n")
            .With("src/d_unicode.py", "s = 'é' + (\n");
        File.WriteAllBytes(project.PathOf("src/e_utf8.py"), [.. "x = 1\ny = '"u8, 0xff, .. "'\n"u8]);
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("parse", "src");
        Assert.True(result.ExitCode == 1, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // Lines and columns as CPython 3.13 reports them (its SyntaxError.offset counts characters from 1).
        Assert.Equal(
        [
            $"{Path.Join("src", "a_bad.py")}:2:5: expected ':'",
            $"{Path.Join("src", "c_indent.py")}:2:1: IndentationError: expected an indented block after function definition on line 1",
            $"{Path.Join("src", "d_unicode.py")}:1:11: '(' was never closed",
        ], lines[..3]);
        Assert.StartsWith($"{Path.Join("src", "e_utf8.py")}:2:", lines[3], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
    }

    [Theory]
    [InlineData("3.13", "3.13.0")]
    [InlineData("3.11", "3.11.7")]
    [InlineData("3.10", "3.10.13")]
    public void Dump_is_what_the_target_cpython_prints(string target, string interpreter)
    {
        using var project = new TempProject().With("m.py", Sample + "match run('a'):\n    case [1, *rest] if rest: pass\n    case _: x = -1e-5j\n");
        var path = project.PathOf("m.py");
        var expected = CPythonDump(interpreter, path);
        Assert.SkipWhen(expected is null, $"CPython {interpreter} not installed");
        var result = new CliRunner().Run("parse", "--dump", "--target", target, path);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.Output);
    }

    [Fact]
    public void The_target_decides_what_parses_and_the_default_is_the_newest()
    {
        using var project = new TempProject()
            .With("except.py", "try:\n    pass\nexcept OSError, ValueError:\n    pass\n")
            .With("lazy.py", "lazy import json\n")
            .With("tstring.py", "page = t'<p>{name}</p>'\n");
        var runner = new CliRunner { CurrentDirectory = project.Root };

        var newest = runner.Run("parse", ".");
        Assert.True(newest.ExitCode == 0, newest.ToString());

        var at314 = runner.Run("parse", "--target", "3.14", ".");
        Assert.Equal(1, at314.ExitCode);
        Assert.Equal([$"{Path.Join(".", "lazy.py")}:1:6: invalid syntax"], at314.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var at313 = runner.Run("parse", "--target", "3.13", ".");
        Assert.Equal(
        [
            $"{Path.Join(".", "except.py")}:3:8: multiple exception types must be parenthesized",
            $"{Path.Join(".", "lazy.py")}:1:6: invalid syntax",
            $"{Path.Join(".", "tstring.py")}:1:9: invalid syntax",
        ], at313.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Dump_of_3_15_prints_is_lazy_and_leaves_load_context_out()
    {
        using var project = new TempProject().With("m.py", "lazy from os import path\nimport sys\nx = sys\n");
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("parse", "--dump", "--target", "3.15", "m.py");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("level=0, is_lazy=1, lineno=1", result.Output, StringComparison.Ordinal);
        Assert.Contains("Import(names=[alias(name='sys', lineno=2, col_offset=7, end_lineno=2, end_col_offset=10)], is_lazy=0", result.Output, StringComparison.Ordinal);
        Assert.Contains("value=Name(id='sys', lineno=3", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ctx=Load()", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dump_of_several_files_names_each_file()
    {
        using var project = new TempProject().With("a.py", "a = 1\n").With("b.py", "b = 2\n");
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("parse", "--dump", "a.py", "b.py");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["# a.py", "# b.py"], [lines[0], lines[2]]);
        Assert.StartsWith("Module(body=[Assign(targets=[Name(id='a'", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Timings_go_to_stderr_with_files_and_lines()
    {
        using var project = new TempProject().With("a.py", Sample).With("b.py", "b = 2\n");
        var result = new CliRunner { CurrentDirectory = project.Root }.Run("parse", "--timings", ".");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("parsed 2 files, 6 lines in ", result.Error, StringComparison.Ordinal);
        Assert.Contains(" lines/s", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parse", "does-not-exist.py")]
    [InlineData("parse", "--target", "3.7", ".")]
    [InlineData("parse", "--target", "3.16", ".")]
    [InlineData("parse", "--target", "3.10.2", ".")]
    [InlineData("parse")]
    public void Bad_usage_exits_2_with_a_reason(params string[] args)
    {
        using var project = new TempProject();
        var result = new CliRunner { CurrentDirectory = project.Root }.Run(args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("kingsnake: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void A_real_tree_parses_without_errors()
    {
        const string tree = "/root/.pyenv/versions/3.13.0/lib/python3.13/json";
        Assert.SkipUnless(Directory.Exists(tree), "CPython 3.13 not installed");
        var result = new CliRunner().Run("parse", "--timings", tree);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"parsed \d+ files, \d+ lines", result.Error);
    }
}
