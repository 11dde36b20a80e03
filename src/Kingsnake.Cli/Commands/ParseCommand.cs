using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;
using Kingsnake.Python.Ast;
using Kingsnake.Python.Parsing;
using Kingsnake.Python.Source;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// <c>kingsnake parse PATH… [--dump] [--target 3.8…3.15] [--timings]</c>: checks that Python files parse with the
/// grammar of the target CPython (default the newest; syntax newer than the target is an error, as that interpreter
/// says), printing each syntax error as <c>file:line:col: message</c> (directories are walked for *.py); <c>--dump</c>
/// prints <c>ast.dump(tree, include_attributes=True)</c> in the text the target CPython prints. Files are parsed in parallel;
/// output keeps the order of the paths given (and, within a directory, ordinal path order).
/// </summary>
internal static class ParseCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path") { Description = "Python files, or directories to walk for *.py.", Arity = ArgumentArity.OneOrMore };
        var dump = new Option<bool>("--dump") { Description = "Print each tree as ast.dump(tree, include_attributes=True) prints it." };
        var target = new Option<string>("--target") { Description = $"The CPython version whose grammar parses and whose ast.dump text --dump prints: {PythonVersions.Names[0]} … {PythonVersions.Names[^1]}.", DefaultValueFactory = _ => PythonVersions.Names[^1] };
        var timings = new Option<bool>("--timings") { Description = "Print files, lines and lines per second to stderr." };
        var command = new Command("parse", "Check that Python files parse; print syntax errors as file:line:col: message.") { paths, dump, target, timings };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(target)!;
            if (!PythonVersions.Names.Contains(text) || PythonVersions.TryParse(text) is not { } version)
            {
                throw new UsageException($"--target must be one of {string.Join(", ", PythonVersions.Names)} (got '{text}')");
            }

            var files = CollectFiles(parse.GetValue(paths)!, console.CurrentDirectory);
            return Run(console, files, version, parse.GetValue(dump), parse.GetValue(timings));
        });
        return command;
    }

    private sealed record InputFile(string Display, string FullPath);

    private sealed record Outcome(long Lines, string? Dump, string? Error, bool Unreadable);

    private static List<InputFile> CollectFiles(string[] paths, string currentDirectory)
    {
        var files = new List<InputFile>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, currentDirectory);
            if (File.Exists(full))
            {
                // a link the user names is followed (the reader follows none), to whatever it finally names
                var target = new FileInfo(full).LinkTarget is not null ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
                files.Add(new InputFile(path, target));
            }
            else if (Directory.Exists(full))
            {
                var found = new List<string>();
                try
                {
                    found.AddRange(Directory.EnumerateFiles(full, "*.py", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint }));
                }
                catch (IOException ex)
                {
                    throw new UsageException($"cannot read directory {path}: {ex.Message}", ex);
                }

                found.Sort(StringComparer.Ordinal);
                files.AddRange(found.Select(file => new InputFile(Path.Join(path, Path.GetRelativePath(full, file)), file)));
            }
            else
            {
                throw new UsageException($"no such file or directory: {path}");
            }
        }

        return files;
    }

    private static int Run(CliConsole console, List<InputFile> files, Version target, bool dump, bool timings)
    {
        var outcomes = new Outcome[files.Count];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, files.Count, i => outcomes[i] = ParseOne(files[i], target, dump));
        clock.Stop();

        var syntaxErrors = 0;
        var unreadable = 0;
        long lines = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var outcome = outcomes[i];
            lines += outcome.Lines;
            if (outcome.Error is not null)
            {
                console.Out.WriteLine($"{files[i].Display}:{outcome.Error}");
                if (outcome.Unreadable)
                {
                    unreadable++;
                }
                else
                {
                    syntaxErrors++;
                }
            }
            else if (outcome.Dump is not null)
            {
                if (files.Count > 1)
                {
                    console.Out.WriteLine($"# {files[i].Display}");
                }

                console.Out.WriteLine(outcome.Dump);
            }
        }

        if (timings)
        {
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parsed {files.Count} files, {lines} lines in {clock.Elapsed.TotalSeconds:F3} s: {lines / seconds:F0} lines/s ({Environment.ProcessorCount} cores); {syntaxErrors} with syntax errors"));
        }

        if (unreadable > 0)
        {
            console.Error.WriteLine($"kingsnake: {unreadable} file(s) could not be read");
            return ExitCodes.Error;
        }

        return syntaxErrors > 0 ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static Outcome ParseOne(InputFile file, Version target, bool dump)
    {
        byte[] bytes;
        try
        {
            // the one bounded reader: a regular file within the size limit; a FIFO or device is refused, not waited on
            bytes = BoundedFileReader.Read(file.FullPath);
        }
        catch (InputFormatException ex)
        {
            return new Outcome(0, null, $"0:0: {ex.Message}", Unreadable: true);
        }

        var lines = CountLines(bytes);
        try
        {
            var parsed = PythonParser.Parse(bytes, target);
            return new Outcome(lines, dump ? AstDump.Dump(parsed.Module, includeAttributes: true, targetVersion: target) : null, null, false);
        }
        catch (PythonSyntaxError error)
        {
            var message = error.Kind == "SyntaxError" ? error.Message : $"{error.Kind}: {error.Message}";
            return new Outcome(lines, null, $"{error.Line}:{CharacterColumn(bytes, error) + 1}: {message}", false);
        }
    }

    /// <summary>The error's column in characters (editors count characters; CPython's internal column counts UTF-8 bytes).</summary>
    private static int CharacterColumn(byte[] bytes, PythonSyntaxError error)
    {
        try
        {
            return SourceText.FromBytes(bytes).CharacterColumn(error.Line, error.Column);
        }
        catch (PythonSyntaxError)
        {
            return error.Column; // undecodable text: bytes are all there is
        }
    }

    private static long CountLines(byte[] bytes)
    {
        var span = bytes.AsSpan();
        long count = span.Count((byte)'\n');
        if (span.Length > 0 && span[^1] != '\n')
        {
            count++;
        }

        return count;
    }
}
