using Kingsnake.Project.Auditing;
using Spectre.Console;

namespace Kingsnake.Cli;

/// <summary>
/// A live line on standard error while a run lasts: the area running, its files done out of those planned, the areas
/// finished. Shown only on a terminal, and only once the run has taken a second (a pre-commit hook's quick run stays
/// silent); never with <c>--quiet</c> or <c>NO_COLOR</c>, nor when standard error is a pipe or a CI log. It clears
/// itself when the run ends, so the report reads as it would without it.
/// </summary>
internal static class ProgressDisplay
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>True when a progress display may be drawn for this console.</summary>
    public static bool Wanted(CliConsole console, bool quiet) =>
        !quiet
        && console.ErrorIsTerminal
        && string.IsNullOrEmpty(console.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(console.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>
    /// Runs <paramref name="work"/>; when <paramref name="show"/> and it is still running after <paramref name="delay"/>,
    /// draws <paramref name="progress"/> until it ends. Exceptions of the work surface as they are.
    /// </summary>
    public static T Run<T>(CliConsole console, bool show, AuditProgress progress, int areaCount, Func<T> work, TimeSpan? delay = null)
    {
        if (!show)
        {
            return work();
        }

        var running = Task.Run(work);
        if (Finished(running, delay ?? DefaultDelay))
        {
            return running.GetAwaiter().GetResult();
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
        });
        terminal.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Describe(progress, areaCount));
                while (!Finished(running, RefreshEvery))
                {
                    var planned = progress.FilesPlanned;
                    task.IsIndeterminate = planned == 0;
                    task.MaxValue = Math.Max(planned, 1);
                    task.Value = Math.Min(progress.FilesDone, task.MaxValue);
                    task.Description = Describe(progress, areaCount);
                    context.Refresh();
                }
            });
        return running.GetAwaiter().GetResult();
    }

    /// <summary>"code: 1,204 of 4,310 files (1 of 3 areas done)" — escaped, as Spectre reads markup in descriptions.</summary>
    internal static string Describe(AuditProgress progress, int areaCount)
    {
        var stage = progress.Stage.Length == 0 ? "starting" : progress.Stage;
        var files = progress.FilesPlanned > 0 ? $": {progress.FilesDone:N0} of {progress.FilesPlanned:N0} files" : "";
        var areas = areaCount > 1 ? $" ({progress.AreasDone} of {areaCount} areas done)" : "";
        return Markup.Escape($"{stage}{files}{areas}");
    }

    private static bool Finished(Task task, TimeSpan wait) =>
        Task.WhenAny(task, Task.Delay(wait)).GetAwaiter().GetResult() == task;
}
