using System.CommandLine;
using Kingsnake.Core.Rules;
using Kingsnake.Project.Auditing;

namespace Kingsnake.Cli.Areas;

/// <summary>
/// An audit area on the command line: its descriptor, the options only it reads, the paths those options name (which
/// may be read wherever they are), and how its auditor is built. <see cref="AuditAreas"/> lists them; the audit, fix and
/// rules commands, the generated rules page and the reports loop over that list.
/// </summary>
internal abstract class AreaBinding
{
    public abstract AuditArea Area { get; }

    /// <summary>Run by <c>kingsnake fix</c> when <c>--only</c> is not given.</summary>
    public virtual bool FixedByDefault => true;

    /// <summary>
    /// True when the area audits the project's files; false when it can also run on inputs named apart alone (the
    /// dependency area with <c>--env</c>).
    /// </summary>
    public virtual bool ReadsOnlyProjectFiles => true;

    /// <summary>The options of this area, in the order help lists them.</summary>
    public abstract IReadOnlyList<Option> Options { get; }

    /// <summary>The files and directories this area's options name on the command line, as given.</summary>
    public virtual IEnumerable<string> NamedPaths(ParseResult parse) => [];

    /// <summary>True when the options name inputs of their own (<c>-r</c>, <c>--lockfile</c>, <c>--env</c>).</summary>
    public virtual bool NamesInputs(ParseResult parse) => false;

    /// <summary>The auditor for this run.</summary>
    public abstract IAuditor Create(AreaSetup setup);
}
