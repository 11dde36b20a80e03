using System.Globalization;
using System.Text;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Reporting.Common;

namespace Kingsnake.Reporting.Github;

/// <summary>
/// GitHub Actions workflow commands, one line per finding, which the runner turns into annotations on the files of a
/// pull request and in the run's summary: <c>::error file=PATH,line=L,endLine=L,col=C,endColumn=C,title=ID name::message</c>.
/// Most severe first, since GitHub shows only the first few annotations of each level of a step. Input errors follow
/// as warnings and notes as notices; a last plain line gives the counts.
/// </summary>
public sealed class GithubAnnotationsRenderer(RenderOptions options) : IReportRenderer
{
    public GithubAnnotationsRenderer()
        : this(RenderOptions.Default)
    {
    }

    /// <summary>GitHub shows at most 10 annotations of each level (error, warning, notice) per step, and the rest only in the log.</summary>
    public const int ShownPerLevel = 10;

    public string Format => "github";

    public string FileExtension => ".txt";

    public void Render(Report report, Stream output)
    {
        using var writer = TextOutput.CreateWriter(output);
        var findings = ReportOrder.WorstFirst(report.Findings);
        foreach (var finding in findings)
        {
            var message = finding.Message + "\n" + finding.Rule.HelpUri;
            writer.WriteLine(Command(Level(finding.Severity), finding.Location, $"{finding.Rule.Id} {finding.Rule.Name}", message, options.WorkspacePrefix));
        }

        foreach (var error in ReportOrder.Sort(report.Errors))
        {
            writer.WriteLine(Command("warning", error.Location, "Kingsnake could not read this input", error.Message, options.WorkspacePrefix));
        }

        foreach (var note in ReportOrder.Sort(report.Notes))
        {
            writer.WriteLine(Command("notice", note.Location, "Kingsnake note", note.Message, options.WorkspacePrefix));
        }

        var counts = new SeverityCounts(findings);
        var parts = SeverityCounts.WorstFirst.Where(s => counts[s] > 0).Select(s => string.Create(CultureInfo.InvariantCulture, $"{counts[s]} {s.ToName()}"));
        var hidden = findings.GroupBy(f => Level(f.Severity)).Any(g => g.Count() > ShownPerLevel);
        // A plain line (not a command): the log's last word, and where to see what GitHub does not show.
        writer.WriteLine(counts.Total == 0
            ? "Kingsnake: no findings."
            : string.Create(CultureInfo.InvariantCulture, $"Kingsnake: {counts.Total} {(counts.Total == 1 ? "finding" : "findings")} ({string.Join(", ", parts)})")
                + (hidden ? string.Create(CultureInfo.InvariantCulture, $"; GitHub shows {ShownPerLevel} annotations of each level per step: upload --format sarif to code scanning, or read --format terminal, for all.") : "."));
        writer.Flush();
    }

    /// <summary>
    /// The annotation level of a severity: critical and high are errors, medium and low warnings (a low finding is
    /// still a weakness to look at), info a notice, which GitHub shows as information rather than a problem.
    /// </summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium or Severity.Low => "warning",
        _ => "notice",
    };

    /// <summary>
    /// One workflow command. A path outside the project (an installed environment) is no file of the workspace, so the
    /// annotation names none and the message starts with the path instead; the whole project (".") is no file either.
    /// <paramref name="workspacePrefix"/> is where the project lies in the workspace (see <see cref="RenderOptions.WorkspacePrefix"/>).
    /// </summary>
    public static string Command(string level, SourceSpan location, string title, string message, string workspacePrefix = "")
    {
        var properties = new List<string>();
        var inWorkspace = location.Path.Length > 0 && location.Path != "." && !IsAbsolute(location.Path);
        if (inWorkspace)
        {
            properties.Add("file=" + EscapeProperty(workspacePrefix + location.Path.Replace('\\', '/')));
            if (location.HasLine)
            {
                properties.Add(string.Create(CultureInfo.InvariantCulture, $"line={location.StartLine}"));
                var sameLine = location.EndLine <= location.StartLine;
                if (location.EndLine > location.StartLine)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"endLine={location.EndLine}"));
                }

                if (location.StartColumn > 0)
                {
                    properties.Add(string.Create(CultureInfo.InvariantCulture, $"col={location.StartColumn}"));
                    // an end column before the start on the same line is no range GitHub can show
                    if (location.EndColumn > 0 && (!sameLine || location.EndColumn >= location.StartColumn))
                    {
                        properties.Add(string.Create(CultureInfo.InvariantCulture, $"endColumn={location.EndColumn}"));
                    }
                }
            }
        }
        else if (location.Path.Length > 0 && location.Path != ".")
        {
            message = $"{location}: {message}";
        }

        properties.Add("title=" + EscapeProperty(title));
        return $"::{level} {string.Join(',', properties)}::{EscapeData(message)}";
    }

    /// <summary>
    /// The message of a command, escaped as the Actions runner reads it back (actions/toolkit's escapeData): '%' first,
    /// then CR and LF, so that a message can never end the line and start a command of its own.
    /// </summary>
    public static string EscapeData(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '%':
                    builder.Append("%25");
                    break;
                case '\r':
                    builder.Append("%0D");
                    break;
                case '\n':
                    builder.Append("%0A");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A property value: as <see cref="EscapeData"/>, and ':' and ',' too, which end a value.</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static bool IsAbsolute(string path) =>
        path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '/' or '\\');
}
