using System.Globalization;
using System.Text;
using Kingsnake.Posture.Scoring;
using Kingsnake.Reporting.Terminal;

namespace Kingsnake.Posture.Reports;

/// <summary>
/// The score for a person at a terminal: the aggregate first, then each scored check worst first (lowest score,
/// heaviest risk) with its reason, the next step and the evidence that cost points (at most
/// <see cref="MaxEvidence"/> each unless <c>verbose</c>), then the checks left out and why.
/// </summary>
public sealed class ScoreTerminalRenderer(bool color = false, bool verbose = false) : IScoreRenderer
{
    public const int MaxEvidence = 5;

    public string Format => "terminal";

    public string FileExtension => ".txt";

    public void Render(PostureReport report, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        var subject = report.Commit is null ? report.ProjectName : $"{report.ProjectName} at {report.Commit[..Math.Min(12, report.Commit.Length)]}{(report.Branch is null ? "" : $" ({report.Branch})")}";
        var source = report.TimeReferenceSource switch
        {
            "head-commit" => "HEAD's commit date",
            "now-option" => "--now",
            _ => "the clock",
        };
        writer.WriteLine($"{Paint(Ansi.Bold, "Kingsnake score")}  {subject}");
        writer.WriteLine($"time reference {report.TimeReference.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({source})");
        writer.WriteLine();
        var aggregate = report.Score.Aggregate;
        writer.WriteLine(aggregate is { } value
            ? $"  {Paint(ColorOf(value), value.ToString("0.0", CultureInfo.InvariantCulture))} / 10   risk-weighted over {report.Score.Scored.Count()} check{(report.Score.Scored.Count() == 1 ? "" : "s")}"
            : "  ? / 10   no check could be scored");
        writer.WriteLine();

        var scored = report.Score.Scored.OrderBy(c => c.Score).ThenByDescending(c => c.Risk).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        var nameWidth = Math.Max(20, report.Score.Checks.Max(c => (int?)c.Name.Length) ?? 0);
        foreach (var check in scored)
        {
            var scoreText = check.Score.ToString(CultureInfo.InvariantCulture).PadLeft(2);
            writer.WriteLine($"  {Paint(ColorOf(check.Score), scoreText)}  {check.Name.PadRight(nameWidth)} {check.Risk.Name(),-8}  {check.Reason}");
            if (check.NextStep is { } next)
            {
                foreach (var (line, index) in next.Split('\n').Select((l, i) => (l, i)))
                {
                    writer.WriteLine($"      {(index == 0 ? Paint(Ansi.Green, "next:") : "     ")} {line}");
                }
            }

            var costly = check.Evidence.Where(e => e.Negative).ToList();
            foreach (var evidence in verbose ? costly : costly.Take(MaxEvidence))
            {
                writer.WriteLine($"      {Paint(Ansi.Dim, Where(evidence))}{evidence.Description}");
            }

            if (!verbose && costly.Count > MaxEvidence)
            {
                writer.WriteLine($"      {Paint(Ansi.Dim, $"… and {costly.Count - MaxEvidence} more (--format json lists all)")}");
            }
        }

        var leftOut = report.Score.LeftOut.ToList();
        if (leftOut.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("Not counted:");
            foreach (var check in leftOut)
            {
                var status = check.Status switch
                {
                    CheckStatus.NotApplicable => "not applicable",
                    CheckStatus.NotComputed => "not computed",
                    _ => "error",
                };
                writer.WriteLine($"   -  {check.Name.PadRight(nameWidth)} {status}: {check.Reason}");
            }
        }

        writer.Flush();
    }

    private static string Where(CheckEvidence evidence) =>
        evidence.Path is { } path ? (evidence.Line > 0 ? $"{path}:{evidence.Line}: " : $"{path}: ")
        : evidence.Commit is { } commit ? $"{commit[..Math.Min(12, commit.Length)]}: " : "";

    private static string ColorOf(double score) => score >= 8 ? Ansi.Green : score >= 5 ? Ansi.Yellow : Ansi.BoldRed;

    private string Paint(string code, string text) => color ? code + text + Ansi.Reset : text;
}
