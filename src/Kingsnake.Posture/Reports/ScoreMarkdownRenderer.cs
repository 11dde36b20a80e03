using System.Globalization;
using System.Text;
using Kingsnake.Posture.Scoring;
using Kingsnake.Reporting.Markdown;

namespace Kingsnake.Posture.Reports;

/// <summary>
/// The score as GitHub-flavoured Markdown for a pull request comment or a job summary: the aggregate, one table row
/// per check (worst first), then per check that lost points its next step and the evidence that cost them (at most
/// <see cref="MaxEvidence"/> each), folded; the checks left out with why. All project text is escaped.
/// </summary>
public sealed class ScoreMarkdownRenderer : IScoreRenderer
{
    public const int MaxEvidence = 20;

    public string Format => "markdown";

    public string FileExtension => ".md";

    public void Render(PostureReport report, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        var aggregate = report.Score.Aggregate is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) : "?";
        writer.WriteLine($"## Kingsnake score: {aggregate} / 10");
        writer.WriteLine();
        var subject = MarkdownText.Escape(report.ProjectName) + (report.Commit is null ? "" : $" at {MarkdownText.Code(report.Commit[..Math.Min(12, report.Commit.Length)])}");
        writer.WriteLine($"{subject}; time reference {report.TimeReference.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({report.TimeReferenceSource}). Risk-weighted mean as OpenSSF Scorecard computes it (critical 10, high 7.5, medium 5, low 2.5).");
        writer.WriteLine();
        writer.WriteLine("| Score | Check | Risk | Reason |");
        writer.WriteLine("|---:|---|---|---|");
        var scored = report.Score.Scored.OrderBy(c => c.Score).ThenByDescending(c => c.Risk).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        foreach (var check in scored)
        {
            writer.WriteLine($"| {check.Score} | {check.Name} | {check.Risk.Name()} | {MarkdownText.Escape(check.Reason)} |");
        }

        writer.WriteLine();
        foreach (var check in scored.Where(c => c.Score < 10))
        {
            writer.WriteLine($"<details><summary><b>{check.Name}</b>: {check.Score} / 10</summary>");
            writer.WriteLine();
            if (check.NextStep is { } next)
            {
                writer.WriteLine($"**Next step:** {MarkdownText.Escape(next)}");
                writer.WriteLine();
            }

            var costly = check.Evidence.Where(e => e.Negative).ToList();
            foreach (var evidence in costly.Take(MaxEvidence))
            {
                var where = evidence.Path is { } path ? MarkdownText.Code(evidence.Line > 0 ? $"{path}:{evidence.Line}" : path) + " " : evidence.Commit is { } commit ? MarkdownText.Code(commit[..Math.Min(12, commit.Length)]) + " " : "";
                writer.WriteLine($"- {where}{MarkdownText.Escape(evidence.Description)}");
            }

            if (costly.Count > MaxEvidence)
            {
                writer.WriteLine($"- … and {costly.Count - MaxEvidence} more (`--format json` lists all)");
            }

            writer.WriteLine();
            writer.WriteLine("</details>");
            writer.WriteLine();
        }

        var leftOut = report.Score.LeftOut.ToList();
        if (leftOut.Count > 0)
        {
            writer.WriteLine("**Not counted:**");
            writer.WriteLine();
            foreach (var check in leftOut)
            {
                writer.WriteLine($"- {check.Name} ({ScoreJsonRenderer.StatusName(check.Status)}): {MarkdownText.Escape(check.Reason)}");
            }
        }

        writer.Flush();
    }
}
