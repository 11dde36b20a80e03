using System.CommandLine;
using System.Globalization;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Posture;
using Kingsnake.Posture.Reports;
using Kingsnake.Posture.Scoring;
using Kingsnake.Project;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// <c>kingsnake score [PATH]</c>: the project's security posture from its checkout and git history — OpenSSF
/// Scorecard's checks computed offline and the Python publishing checks Scorecard lacks, each 0–10 with its evidence,
/// reason and next step, and their risk-weighted aggregate. The time reference is HEAD's commit date, so a commit
/// always scores alike; <c>--now</c> judges at another time.
/// </summary>
internal static class ScoreCommand
{
    public static IReadOnlyList<IScoreRenderer> Renderers(bool color) =>
        [new ScoreTerminalRenderer(color), new ScoreJsonRenderer(), new ScoreMarkdownRenderer(), new ScoreSarifRenderer(), new ScoreHtmlRenderer()];

    public static Command Create(CliConsole console)
    {
        var path = new Argument<string>("PATH") { Description = "The project to score (default: the current directory).", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: terminal, json (schema docs/schema/score-v1.json), markdown, sarif (the checks below 10), html.",
            DefaultValueFactory = _ => "terminal",
        };
        format.AcceptOnlyFromAmong("terminal", "json", "markdown", "sarif", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failUnder = new Option<double?>("--fail-under") { Description = "Exit 1 when the aggregate score is below this (0–10), or when no check could be scored." };
        var now = new Option<string?>("--now")
        {
            Description = "Judge at this time (RFC 3339 or YYYY-MM-DD; without a value: the clock) instead of HEAD's commit date.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var database = new Option<string?>("--db") { Description = "Advisory database for the Vulnerabilities check (OSV directory or zip; default: KINGSNAKE_DB, the configuration, the cache)." };
        var checks = new Option<string[]>("--checks") { Description = "Run only these checks (comma-separated names, as listed by the terminal report).", AllowMultipleArgumentsPerToken = false };
        var config = new Option<string?>("--config") { Description = "Read settings from this file instead of kingsnake.toml / pyproject.toml." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every piece of evidence that cost points (terminal)." };
        var noColor = new Option<bool>("--no-color") { Description = "Never use colour (also: NO_COLOR)." };
        var command = new Command("score", "Score the project's security posture (OpenSSF Scorecard's checks offline, plus Python publishing checks).")
        {
            path, format, output, failUnder, now, database, checks, config, verbose, noColor,
        };
        command.SetAction(parse =>
        {
            var root = Path.GetFullPath(parse.GetValue(path) ?? ".", console.CurrentDirectory);
            if (!Directory.Exists(root))
            {
                throw new UsageException($"not a directory: {parse.GetValue(path)}");
            }

            if (parse.GetValue(failUnder) is { } threshold && threshold is < 0 or > 10)
            {
                throw new UsageException($"--fail-under must be between 0 and 10, not {threshold.ToString(CultureInfo.InvariantCulture)}");
            }

            var notes = new List<InputNote>();
            var reader = new ProjectReader(root);
            var settings = AuditSetup.LoadConfig(reader, parse.GetValue(config), console, notes);
            var databasePath = DatabaseLocator.Resolve(parse.GetValue(database), settings, console, root);
            var report = PostureScan.Run(new PostureScanOptions
            {
                ProjectPath = root,
                Now = TimeReference(parse, now),
                Config = settings,
                ToolVersion = AuditRun.ToolVersion,
                Checks = SelectChecks(parse.GetValue(checks)),
                DependencyAudit = (project, at) => AuditDependencies(project, at, settings, databasePath, console),
            });

            var toTerminal = parse.GetValue(output) is null && console.OutputIsTerminal;
            var color = toTerminal && !parse.GetValue(noColor) && string.IsNullOrEmpty(console.GetEnvironmentVariable("NO_COLOR"));
            var chosen = parse.GetValue(format) ?? "terminal";
            IScoreRenderer renderer = chosen == "terminal" ? new ScoreTerminalRenderer(color, parse.GetValue(verbose)) : Renderers(false).First(r => r.Format == chosen);
            if (parse.GetValue(output) is { } file)
            {
                ReportOutput.WriteFile(file, "--output", console, stream => renderer.Render(report, stream));
            }
            else
            {
                using var buffer = new MemoryStream();
                renderer.Render(report, buffer);
                console.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                console.Out.Flush();
            }

            return parse.GetValue(failUnder) is { } bar && (report.Score.Aggregate is not { } aggregate || aggregate < bar) ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }

    private static DateTimeOffset? TimeReference(ParseResult parse, Option<string?> now)
    {
        if (parse.GetResult(now) is null)
        {
            return null;
        }

        var text = parse.GetValue(now);
        if (string.IsNullOrEmpty(text))
        {
            return DateTimeOffset.UtcNow;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw new UsageException($"--now: not a date or time: {text} (use RFC 3339, e.g. 2026-12-01T00:00:00Z, or YYYY-MM-DD)");
    }

    private static IReadOnlyList<IPostureCheck>? SelectChecks(string[]? names)
    {
        if (names is null || names.Length == 0)
        {
            return null;
        }

        var selected = new List<IPostureCheck>();
        foreach (var name in names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            selected.Add(PostureChecks.Find(name) ?? throw new UsageException($"--checks: no check is named '{name}' (known: {string.Join(", ", PostureChecks.All.Select(c => c.Name))})"));
        }

        return selected;
    }

    /// <summary>The dependency audit for the Vulnerabilities check; null when no advisory database can be had (the check then says so).</summary>
    private static AuditResult? AuditDependencies(ProjectTree project, DateTimeOffset now, Kingsnake.Core.Configuration.KingsnakeConfig config, string? databasePath, CliConsole console)
    {
        try
        {
            return DependencyAuditRun.Audit(project, config, now, databasePath, console);
        }
        catch (DatabaseUnavailableException)
        {
            return null;
        }
    }
}
