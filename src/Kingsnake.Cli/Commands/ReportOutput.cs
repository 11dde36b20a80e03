using Kingsnake.Core.Auditing;
using Kingsnake.Core.Output;
using Kingsnake.Reporting;

namespace Kingsnake.Cli.Commands;

/// <summary>Renders the report where the user asked: a file (<c>--output</c>) or standard output.</summary>
internal static class ReportOutput
{
    /// <summary>
    /// Prints each input error to standard error as <c>error: path:line:col: message</c> (not with --quiet, nor when
    /// <paramref name="shownInReport"/>: the terminal report on standard output lists them already, and a message
    /// printed twice reads as two problems); true when there was any.
    /// </summary>
    public static bool WriteErrors(IEnumerable<Kingsnake.Core.Findings.InputError> errors, CliConsole console, bool quiet, bool shownInReport = false)
    {
        var any = false;
        foreach (var error in errors)
        {
            any = true;
            if (!quiet && !shownInReport)
            {
                console.Error.WriteLine($"error: {error}");
            }
        }

        return any;
    }

    /// <summary>True when the report goes to standard output in the terminal format, which lists errors and notes itself.</summary>
    public static bool ListsErrorsOnStandardOutput(string format, string? outputPath) =>
        outputPath is null && ReportRenderers.TryGet(format, null, out var renderer) && renderer is Kingsnake.Reporting.Terminal.TerminalRenderer;

    public static void Write(Report report, string format, string? outputPath, CliConsole console, bool noColor, bool showSuppressed = false, Kingsnake.Core.Suppression.ISourceLines? sources = null)
    {
        var toTerminal = outputPath is null && console.OutputIsTerminal;
        var options = new RenderOptions
        {
            Color = toTerminal && !noColor && string.IsNullOrEmpty(console.GetEnvironmentVariable("NO_COLOR")),
            Width = toTerminal ? TerminalWidth() : 0,
            ShowSuppressed = showSuppressed,
            Sources = sources ?? Kingsnake.Core.Suppression.SourceLines.None,
            WorkspacePrefix = WorkspacePrefix(report.RootPath, console.GetEnvironmentVariable("GITHUB_WORKSPACE")),
        };
        if (!ReportRenderers.TryGet(format, options, out var renderer))
        {
            throw new UsageException($"unknown --format '{format}' (known: {string.Join(", ", ReportRenderers.Formats)})");
        }

        if (outputPath is not null)
        {
            WriteFile(outputPath, "--output", console, stream => renderer.Render(report, stream));
            return;
        }

        console.Out.Write(renderer.RenderToString(report));
        console.Out.Flush();
    }

    /// <summary>
    /// Writes a file the user named for <paramref name="option"/> (a report, a baseline): its directory is created as
    /// needed, an existing file is replaced atomically (<see cref="AtomicFile"/>), so a failed write leaves no truncated
    /// file, and any failure (a full disk, a path under a file) is one line naming the option and the path, exit 2.
    /// </summary>
    public static void WriteFile(string path, string option, CliConsole console, Action<Stream> write)
    {
        var full = Path.GetFullPath(path, console.CurrentDirectory);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            AtomicFile.Write(full, write);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot write {path}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The project root relative to GitHub's workspace, ending in '/', when the audit ran on a directory inside it
    /// (<c>kingsnake audit services/api</c> in a workflow); "" otherwise.
    /// </summary>
    internal static string WorkspacePrefix(string rootPath, string? workspace)
    {
        if (string.IsNullOrEmpty(workspace) || string.IsNullOrEmpty(rootPath))
        {
            return "";
        }

        var relative = Path.GetRelativePath(Path.GetFullPath(workspace), Path.GetFullPath(rootPath)).Replace('\\', '/');
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? "" : relative.TrimEnd('/') + "/";
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}
