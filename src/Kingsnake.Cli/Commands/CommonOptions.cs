using System.CommandLine;
using Kingsnake.Core.Findings;

namespace Kingsnake.Cli.Commands;

/// <summary>Options shared by the commands that produce a report.</summary>
internal sealed class CommonOptions
{
    public Option<string> Format { get; } = new("--format", "-f")
    {
        Description = "Output format: terminal, json, sarif, markdown, html (one self-contained page), bandit-json (the code findings in Bandit's JSON shape), github (GitHub Actions annotations, one per finding).",
        DefaultValueFactory = _ => "terminal",
    };

    public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the report to this file instead of standard output." };

    public Option<string?> FailOn { get; } = new("--fail-on") { Description = "Exit 1 when a finding is at or above this severity: info, low, medium, high, critical (default: low)." };

    public Option<string?> Config { get; } = new("--config") { Description = "Read settings from this file instead of kingsnake.toml / pyproject.toml." };

    public Option<string?> Baseline { get; } = new("--baseline") { Description = "Hide findings whose fingerprints are in this baseline file." };

    public Option<string?> WriteBaseline { get; } = new("--write-baseline") { Description = "Write the fingerprints of the findings to this baseline file." };

    public Option<bool> ShowSuppressed { get; } = new("--show-suppressed") { Description = "List the suppressed findings with what hid each (a comment, a configuration entry, the baseline); their counts by reason are always given." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing but the report (no progress, no summary on stderr)." };

    public Option<bool> Timings { get; } = new("--timings") { Description = "Print how long each stage took on standard error." };

    public Option<bool> NoColor { get; } = new("--no-color") { Description = "Never use colour (also: NO_COLOR)." };

    public Option<bool> Strict { get; } = new("--strict") { Description = "Exit 2 when an input could not be read (a file that does not parse, a missing include...); by default such errors are reported and the exit code follows the findings." };

    public void AddTo(Command command)
    {
        command.Add(Format);
        command.Add(Output);
        command.Add(FailOn);
        command.Add(Config);
        command.Add(Baseline);
        command.Add(WriteBaseline);
        command.Add(ShowSuppressed);
        command.Add(Quiet);
        command.Add(Timings);
        command.Add(NoColor);
        command.Add(Strict);
    }

    /// <summary>The options that choose which findings count (for commands that do not render a report, such as <c>fix</c>).</summary>
    public void AddFilteringTo(Command command)
    {
        command.Add(FailOn);
        command.Add(Config);
        command.Add(Baseline);
        command.Add(Quiet);
        command.Add(Timings);
        command.Add(Strict);
    }

    public static Severity ParseSeverity(string text) =>
        SeverityNames.TryParseSeverity(text, out var severity)
            ? severity
            : throw new UsageException($"--fail-on must be one of info, low, medium, high, critical (got '{text}')");
}
