using System.Globalization;
using System.Text;
using Kingsnake.Posture.Scoring;
using Kingsnake.Reporting.Html;

namespace Kingsnake.Posture.Reports;

/// <summary>
/// The score as one self-contained HTML page (inline style and SVG, no script, a Content-Security-Policy that allows
/// nothing else): the aggregate with a bar per check, a table of checks worst first, and for each check that lost
/// points its next step and evidence in a folded section; the checks left out with why. Every piece of text from
/// the project is escaped.
/// </summary>
public sealed class ScoreHtmlRenderer : IScoreRenderer
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}
        h1{font-size:1.5rem}.aggregate{font-size:3rem;font-weight:700}.muted{color:#59636e}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d1d9e0;vertical-align:top}
        td.score{text-align:right;font-weight:700;width:3rem}.good{color:#1a7f37}.fair{color:#9a6700}.poor{color:#cf222e}
        details{margin:.5rem 0;padding:.5rem;border:1px solid #d1d9e0;border-radius:6px}summary{cursor:pointer;font-weight:600}
        code{font-family:ui-monospace,monospace;font-size:.9em;background:#f6f8fa;padding:0 .2em}pre{white-space:pre-wrap}
        """;

    public string Format => "html";

    public string FileExtension => ".html";

    public void Render(PostureReport report, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        var aggregate = report.Score.Aggregate;
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine($"<title>Kingsnake score: {Text(report.ProjectName)}</title>");
        w.WriteLine($"<style>{Style}</style></head><body>");
        w.WriteLine($"<h1>Kingsnake score: {Text(report.ProjectName)}</h1>");
        w.Write("<p class=\"muted\">");
        if (report.Commit is { } commit)
        {
            w.Write($"commit <code>{Text(commit)}</code>{(report.Branch is { } branch ? $" on {Text(branch)}" : "")}; ");
        }

        w.WriteLine($"time reference {report.TimeReference.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({Text(report.TimeReferenceSource)}); kingsnake {Text(report.ToolVersion)}</p>");
        w.WriteLine($"<p><span class=\"aggregate {Class(aggregate ?? 0)}\">{(aggregate is { } a ? a.ToString("0.0", CultureInfo.InvariantCulture) : "?")}</span> / 10 "
            + "<span class=\"muted\">risk-weighted mean (critical 10, high 7.5, medium 5, low 2.5), as OpenSSF Scorecard computes it</span></p>");

        var scored = report.Score.Scored.OrderBy(c => c.Score).ThenByDescending(c => c.Risk).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        w.WriteLine("<table><thead><tr><th>Score</th><th></th><th>Check</th><th>Risk</th><th>Reason</th></tr></thead><tbody>");
        foreach (var check in scored)
        {
            w.WriteLine($"<tr><td class=\"score {Class(check.Score)}\">{check.Score}</td><td>{Bar(check.Score)}</td><td>{Text(check.Name)}</td><td>{check.Risk.Name()}</td><td>{Text(check.Reason)}</td></tr>");
        }

        w.WriteLine("</tbody></table>");
        foreach (var check in scored.Where(c => c.Score < 10))
        {
            w.WriteLine($"<details><summary>{Text(check.Name)}: {check.Score} / 10</summary>");
            if (check.NextStep is { } next)
            {
                w.WriteLine($"<p><b>Next step:</b></p><pre>{Text(next)}</pre>");
            }

            var costly = check.Evidence.Where(e => e.Negative).ToList();
            if (costly.Count > 0)
            {
                w.WriteLine("<ul>");
                foreach (var evidence in costly)
                {
                    var where = evidence.Path is { } path ? $"<code>{Text(evidence.Line > 0 ? $"{path}:{evidence.Line}" : path)}</code> "
                        : evidence.Commit is { } id ? $"<code>{Text(id[..Math.Min(12, id.Length)])}</code> " : "";
                    w.WriteLine($"<li>{where}{Text(evidence.Description)}</li>");
                }

                w.WriteLine("</ul>");
            }

            w.WriteLine("</details>");
        }

        var leftOut = report.Score.LeftOut.ToList();
        if (leftOut.Count > 0)
        {
            w.WriteLine("<h2>Not counted</h2><ul>");
            foreach (var check in leftOut)
            {
                w.WriteLine($"<li><b>{Text(check.Name)}</b> ({ScoreJsonRenderer.StatusName(check.Status)}): {Text(check.Reason)}</li>");
            }

            w.WriteLine("</ul>");
        }

        w.WriteLine("</body></html>");
        w.Flush();
    }

    private static string Text(string text) => HtmlText.Escape(text);

    private static string Class(double score) => score >= 8 ? "good" : score >= 5 ? "fair" : "poor";

    private static string Bar(int score) =>
        $"<svg width=\"100\" height=\"10\" role=\"img\" aria-label=\"{score} of 10\"><rect width=\"100\" height=\"10\" fill=\"#eaeef2\"/><rect width=\"{score * 10}\" height=\"10\" fill=\"{(score >= 8 ? "#1a7f37" : score >= 5 ? "#bf8700" : "#cf222e")}\"/></svg>";
}
