using Kingsnake.Code.Engine;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Cli.Tests;

/// <summary>The live progress line: when it is drawn, what it says, and that the auditors' counts it shows are right.</summary>
public sealed class ProgressDisplayTests
{
    private static CliConsole Console(StringWriter error, bool errorIsTerminal, params (string Name, string Value)[] environment) => new()
    {
        Out = new StringWriter(),
        Error = error,
        ErrorIsTerminal = errorIsTerminal,
        Environment = environment.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal),
    };

    [Fact]
    public void Drawn_only_on_a_terminal_without_quiet_NO_COLOR_or_a_dumb_terminal()
    {
        Assert.True(ProgressDisplay.Wanted(Console(new StringWriter(), errorIsTerminal: true), quiet: false));
        Assert.False(ProgressDisplay.Wanted(Console(new StringWriter(), errorIsTerminal: false), quiet: false));
        Assert.False(ProgressDisplay.Wanted(Console(new StringWriter(), errorIsTerminal: true), quiet: true));
        Assert.False(ProgressDisplay.Wanted(Console(new StringWriter(), errorIsTerminal: true, ("NO_COLOR", "1")), quiet: false));
        Assert.False(ProgressDisplay.Wanted(Console(new StringWriter(), errorIsTerminal: true, ("TERM", "dumb")), quiet: false));
    }

    [Fact]
    public void A_run_longer_than_the_delay_shows_the_area_and_its_files_then_returns_the_result()
    {
        var error = new StringWriter();
        var progress = new AuditProgress();
        var result = ProgressDisplay.Run(Console(error, errorIsTerminal: true), show: true, progress, areaCount: 2, () =>
        {
            progress.StartArea("code");
            progress.PlanFiles(40);
            for (var i = 0; i < 40; i++)
            {
                progress.FileDone();
                Thread.Sleep(10);
            }

            progress.AreaDone();
            return 42;
        }, delay: TimeSpan.Zero);

        Assert.Equal(42, result);
        Assert.Contains("code: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(" of 40 files (", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_quick_run_draws_nothing_and_a_failure_surfaces_as_it_is()
    {
        var error = new StringWriter();
        Assert.Equal(7, ProgressDisplay.Run(Console(error, errorIsTerminal: true), show: true, new AuditProgress(), 1, () => 7));
        Assert.Equal("", error.ToString());
        Assert.Throws<InvalidOperationException>(() =>
            ProgressDisplay.Run<int>(Console(error, errorIsTerminal: true), show: true, new AuditProgress(), 1, () => throw new InvalidOperationException("boom"), delay: TimeSpan.Zero));
    }

    [Fact]
    public void Quiet_keeps_standard_error_empty_even_on_a_terminal()
    {
        using var project = new TempProject().With("app.py", "import os\nos.system('ls ' + input())\n");
        var error = new StringWriter();
        var console = new CliConsole { Out = new StringWriter(), Error = error, ErrorIsTerminal = true, CurrentDirectory = project.Root, Environment = new Dictionary<string, string>(StringComparer.Ordinal) };
        Assert.Equal(1, Program.Run(["audit", "--only", "code", "--quiet", project.Root], console));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void The_code_audit_counts_every_file_it_scans()
    {
        var root = Path.Combine(TestPaths.Python311SitePackages, "pip", "_internal", "commands");
        var progress = new AuditProgress();
        progress.StartArea("code");
        var auditor = new CodeAuditor();
        var result = auditor.Audit(new AuditContext { RootPath = root, Config = Kingsnake.Core.Configuration.KingsnakeConfig.Default, Progress = progress }, CancellationToken.None);

        Assert.True(result.ScannedFiles.Count > 10, $"{result.ScannedFiles.Count} files");
        Assert.Equal(result.ScannedFiles.Count, progress.FilesPlanned);
        Assert.Equal(result.ScannedFiles.Count, progress.FilesDone);
        Assert.Equal("code", progress.Stage);
    }
}
