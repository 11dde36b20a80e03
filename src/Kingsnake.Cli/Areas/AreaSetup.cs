using System.CommandLine;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Project;

namespace Kingsnake.Cli.Areas;

/// <summary>What every area's auditor is built from: the command line, the configuration and the project, read once.</summary>
/// <param name="OnlyNamedInputs">Only inputs named apart are audited (no path given, <c>--env</c> and the like).</param>
/// <param name="PeerTriage">The triage done with peer tools (Bandit's <c># nosec</c>, ruff, zizmor) is honoured.</param>
/// <param name="AreasNamed">The areas were chosen with <c>--only</c> (rather than every area by default).</param>
/// <param name="Errors">Where setup problems of an area go (a faulty pins file): they are reported with the others.</param>
internal sealed record AreaSetup(ParseResult Parse, CliConsole Console, KingsnakeConfig Config, ProjectTree Project, bool OnlyNamedInputs, bool PeerTriage, bool SkipDefaultExcludedDirectories, bool AreasNamed, List<InputError> Errors)
{
    /// <summary>
    /// The full path of a file or directory named on the command line. One that does not exist is a bad argument (a
    /// typo must not pass as "no findings"), unlike a file the run finds, or one a file names, which is an input error.
    /// </summary>
    public static string Named(string path, string option, CliConsole console)
    {
        var full = Path.GetFullPath(path, console.CurrentDirectory);
        return File.Exists(full) || Directory.Exists(full) ? full : throw new UsageException($"{option}: no such file or directory: {path}");
    }

    public string Named(string path, string option) => Named(path, option, Console);
}
