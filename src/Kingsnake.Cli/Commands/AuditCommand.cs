using System.CommandLine;
using System.Diagnostics;
using Kingsnake.Core.Suppression;

namespace Kingsnake.Cli.Commands;

/// <summary><c>kingsnake audit [PATH]</c>: runs the auditors over a project and reports.</summary>
internal static class AuditCommand
{
    public static Command Create(CliConsole console)
    {
        var common = new CommonOptions();
        var setup = new AuditSetup();
        var command = new Command("audit", "Audit a project: known-vulnerable dependencies, GitHub Actions workflows and insecure Python code.");
        setup.AddTo(command);
        common.AddTo(command);
        command.SetAction(parse =>
        {
            var stopwatch = Stopwatch.StartNew();
            var format = parse.GetValue(common.Format) ?? "terminal";
            if (!Kingsnake.Reporting.ReportRenderers.TryGet(format, null, out _))
            {
                // Checked before the audit runs, so a typo costs nothing.
                throw new UsageException($"unknown --format '{format}' (known: {string.Join(", ", Kingsnake.Reporting.ReportRenderers.Formats)})");
            }

            var prepared = setup.Prepare(parse, common, console, setup.AllAreas);
            var showProgress = ProgressDisplay.Wanted(console, parse.GetValue(common.Quiet));
            var report = ProgressDisplay.Run(console, showProgress, prepared.Context.Progress, prepared.Auditors.Count, () => prepared.Run(stopwatch));
            if (parse.GetValue(common.WriteBaseline) is { } baselineOut)
            {
                ReportOutput.WriteFile(baselineOut, "--write-baseline", console, stream => Baseline.Write(stream, report.Findings));
            }

            ReportOutput.Write(report, format, parse.GetValue(common.Output), console, parse.GetValue(common.NoColor), parse.GetValue(common.ShowSuppressed), prepared.Sources);
            if (parse.GetValue(common.Timings))
            {
                foreach (var timing in report.Timings)
                {
                    console.Error.WriteLine($"timing: {timing.Stage,-28} {timing.Elapsed.TotalMilliseconds,9:F1} ms  {timing.Detail}");
                }
            }

            // input errors are in the report and on stderr; they decide the exit code only when asked to (--strict)
            if (ReportOutput.WriteErrors(report.Errors, console, parse.GetValue(common.Quiet), ReportOutput.ListsErrorsOnStandardOutput(format, parse.GetValue(common.Output))) && parse.GetValue(common.Strict))
            {
                return ExitCodes.Error;
            }

            return report.CountAtOrAbove(prepared.Config.FailOn) > 0 ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }
}
