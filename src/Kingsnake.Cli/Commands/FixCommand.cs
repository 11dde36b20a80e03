using System.CommandLine;
using System.Diagnostics;
using Kingsnake.Cli.Fixing;
using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// <c>kingsnake fix [PATH]</c>: runs the audit exactly as <c>kingsnake audit</c> would (configuration, suppressions,
/// baseline, <c>--only</c>), applies the fixes of the findings that remain, writes each changed file atomically, audits
/// again and says what is left. <c>--diff</c> prints a unified diff instead and writes nothing.
/// </summary>
internal static class FixCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var setup = new AuditSetup();
        var diff = new Option<bool>("--diff") { Description = "Print the fixes as a unified diff and change nothing; exit 1 when there is something to fix." };
        var command = new Command("fix", "Apply the automatic fixes of an audit's findings (workflows: pins, permissions, injections, credentials...; dependencies: safe pins and bounds, relock commands), then audit again.")
        {
            diff,
        };
        setup.AddTo(command);
        common.AddFilteringTo(command);
        command.SetAction(parse =>
        {
            var stopwatch = Stopwatch.StartNew();
            var prepared = setup.Prepare(parse, common, console, DefaultAreas(setup, parse, console));
            var quiet = parse.GetValue(common.Quiet);
            var strict = parse.GetValue(common.Strict);
            var report = prepared.Run(stopwatch);

            // input errors, and files whose fixes could not be made or written, are reported; they decide the exit
            // code only with --strict (a file left unfixed still has its findings, which count as usual)
            var inputErrors = ReportOutput.WriteErrors(report.Errors, console, quiet);

            var session = new FixSession(prepared);
            var files = session.Plan(report);
            foreach (var file in files.Where(f => f.Error is not null))
            {
                console.Error.WriteLine($"error: {file.Path}: {file.Error}");
                inputErrors = true;
            }

            var changed = files.Where(f => f.Changed).ToList();
            var applied = changed.Sum(f => f.Applied.Count);
            if (parse.GetValue(diff))
            {
                foreach (var file in changed)
                {
                    UnifiedDiff.Write(console.Out, file.Path, file.OriginalText, file.FixedText);
                }

                console.Out.Flush();
                if (!quiet)
                {
                    ReportSkipped(files, console.Error);
                    console.Error.WriteLine(applied == 0 ? "Nothing to fix." : $"Would apply {Plural(applied, "fix", "fixes")} in {Plural(changed.Count, "file", "files")}.");
                    ReportCommands(report.Findings, console.Error);

                    // what would be left: the fixed files as audited in memory, the others as reported
                    var fixedPaths = changed.Where(f => f.Remaining is not null).ToDictionary(f => f.Path, StringComparer.Ordinal);
                    var left = report.Findings.Where(f => !fixedPaths.ContainsKey(f.Location.Path)).Concat(fixedPaths.Values.SelectMany(f => f.Remaining!)).ToList();
                    ReportUnfixable(left, console.Error);
                }

                // a file whose fixes could not be worked out still has something to fix
                // so does an upgrade only a relock can make
                var commands = report.Findings.Any(f => f.Data is DependencyFindingData { Command: not null });
                return strict && inputErrors ? ExitCodes.Error
                    : applied > 0 || commands || files.Any(f => f.Error is not null) ? ExitCodes.Findings
                    : ExitCodes.Clean;
            }

            var written = 0;
            foreach (var file in changed)
            {
                if (FixedFileWriter.Write(file) is { } problem)
                {
                    console.Error.WriteLine($"error: {file.Path}: {problem}");
                    inputErrors = true;
                    continue;
                }

                written++;

                // the audit after the fixes reads what was written, through the same project (which read each file once)
                prepared.Context.Project.Overlay(file.Path, file.FixedBytes());
                if (!quiet)
                {
                    foreach (var (finding, fix) in file.Applied)
                    {
                        console.Out.WriteLine($"fixed {finding.Location} {finding.Rule.Id} {finding.Rule.Name}: {fix.Description}");
                    }
                }
            }

            // the audit again, from the files as written: what is left is what the user sees next time
            var after = written > 0 ? prepared.Run(Stopwatch.StartNew()) : report;
            if (!quiet)
            {
                ReportSkipped(files, console.Out);
                var appliedWritten = changed.Where(f => f.Error is null).Sum(f => f.Applied.Count);
                var passes = changed.Count == 0 ? 0 : changed.Max(f => f.Passes);
                console.Out.WriteLine(written == 0
                    ? "Nothing fixed."
                    : $"Applied {Plural(appliedWritten, "fix", "fixes")} in {Plural(written, "file", "files")}{(passes > 1 ? $" ({passes} passes)" : "")}.");
                var left = after.Findings.Count;
                var fixableLeft = after.Findings.Count(f => f.Fix is not null);
                console.Out.WriteLine(left == 0
                    ? "No findings left."
                    : $"{Plural(left, "finding", "findings")} left{(fixableLeft > 0 ? $" ({fixableLeft} with a fix that could not be applied)" : "")}; run kingsnake audit to see them.");
                ReportUnfixable(after.Findings, console.Out);
                ReportCommands(after.Findings, console.Out);
            }

            if (parse.GetValue(common.Timings))
            {
                console.Error.WriteLine($"timing: {"fix: total",-28} {stopwatch.Elapsed.TotalMilliseconds,9:F1} ms  {applied} fixes in {changed.Count} files");
            }

            if (written > 0 && ReportOutput.WriteErrors(after.Errors.Except(report.Errors), console, quiet))
            {
                inputErrors = true;
            }

            if (strict && inputErrors)
            {
                return ExitCodes.Error;
            }

            return after.CountAtOrAbove(prepared.Config.FailOn) > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>
    /// The areas fixed without <c>--only</c>: those fixed by default, and the dependencies when an advisory database is
    /// at hand (a run without one would stop with exit 2, where a fix of the other areas can still be made).
    /// </summary>
    private static List<string> DefaultAreas(AuditSetup setup, ParseResult parse, CliConsole console)
    {
        var areas = setup.FixedByDefault.ToList();
        var dependencies = setup.Areas.OfType<Areas.DependencyArea>().FirstOrDefault();
        if (dependencies is not null && !areas.Contains(dependencies.Area.Name)
            && (dependencies.NamedDatabase(parse) is not null || Areas.DependencyArea.HasDatabase(console, configured: null)))
        {
            areas.Add(dependencies.Area.Name);
        }

        return areas;
    }

    /// <summary>
    /// The commands that make the upgrades Kingsnake does not edit itself (a lockfile's relock, a hashed requirements
    /// file's recompile), each once, in the order of the findings.
    /// </summary>
    private static void ReportCommands(IEnumerable<Finding> findings, TextWriter writer)
    {
        var commands = findings.Select(f => (f.Data as DependencyFindingData)?.Command).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (commands.Count == 0)
        {
            return;
        }

        writer.WriteLine("Lockfiles and hashed requirements are not edited; to upgrade what they pin, run:");
        foreach (var command in commands)
        {
            writer.WriteLine($"  {command}");
        }
    }

    private static void ReportSkipped(List<FileFix> files, TextWriter writer)
    {
        foreach (var file in files.Where(f => f.Error is null))
        {
            foreach (var (finding, _, reason) in file.Skipped)
            {
                writer.WriteLine($"skipped {finding.Location} {finding.Rule.Id} {finding.Rule.Name}: {reason}");
            }
        }
    }

    /// <summary>The rules of the findings that have no automatic fix, with their counts.</summary>
    private static void ReportUnfixable(IReadOnlyList<Finding> findings, TextWriter writer)
    {
        var unfixable = findings.Where(f => f.Fix is null)
            .GroupBy(f => f.Rule)
            .OrderBy(g => g.Key.Id, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Id} {g.Key.Name} ({g.Count()})")
            .ToList();
        if (unfixable.Count > 0)
        {
            writer.WriteLine($"No automatic fix for: {string.Join(", ", unfixable)}.");
        }
    }

    private static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}
