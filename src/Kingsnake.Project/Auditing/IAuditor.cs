using Kingsnake.Core.Auditing;
using Kingsnake.Core.Configuration;
using Kingsnake.Core.Rules;

namespace Kingsnake.Project.Auditing;

/// <summary>
/// An auditor turns the models of one area into findings. It never prints and never reads the console or
/// the environment: all it needs arrives in the <see cref="AuditContext"/>.
/// </summary>
public interface IAuditor
{
    /// <summary>The area name used by <c>--only</c>: deps, workflows, code, packaging.</summary>
    string Area { get; }

    IReadOnlyList<Rule> Rules { get; }

    AuditResult Audit(AuditContext context, CancellationToken cancellationToken);
}

/// <summary>What an auditor is asked to look at.</summary>
public sealed record AuditContext
{
    private ProjectTree? _project;

    /// <summary>
    /// The project every area reads through (files, their contents, confinement). When none is given, the tree at
    /// <see cref="RootPath"/> is walked on first use, with the configuration's excludes.
    /// </summary>
    public ProjectTree Project
    {
        get => _project ??= ProjectTree.Open(RootPath, new ProjectOptions { Exclude = Config.Exclude });
        init => _project = value;
    }

    /// <summary>True when the caller gave the project (the command line always does), false when it would be walked on first use.</summary>
    public bool HasProject => _project is not null;

    /// <summary>The project root; finding paths are relative to it.</summary>
    public required string RootPath { get; init; }

    public required KingsnakeConfig Config { get; init; }

    /// <summary>
    /// The Python versions the project declares it supports. It judges dependency markers when no Python version is
    /// given (<c>--python-version</c>, <c>[tool.kingsnake.target]</c>), and its lowest version is the grammar the code
    /// must parse under.
    /// </summary>
    public SupportedPython SupportedPython { get; init; } = SupportedPython.Undeclared;

    /// <summary>Where auditors count the files they finish, for a progress display (nothing reads it by default).</summary>
    public AuditProgress Progress { get; init; } = new();

    /// <summary>The moment the run started; expiring ignores are judged against it.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}
