using Kingsnake.Core.Configuration;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;
using Kingsnake.Core.Rules;

namespace Kingsnake.Core.Auditing;

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
    /// <summary>The project root; finding paths are relative to it.</summary>
    public required string RootPath { get; init; }

    public required KingsnakeConfig Config { get; init; }

    /// <summary>
    /// The Python versions the project declares it supports. It judges dependency markers when no Python version is
    /// given (<c>--python-version</c>, <c>[tool.kingsnake.target]</c>), and its lowest version is the grammar the code
    /// must parse under.
    /// </summary>
    public SupportedPython SupportedPython { get; init; } = SupportedPython.Undeclared;

    /// <summary>The moment the run started; expiring ignores are judged against it.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>What an auditor found.</summary>
public sealed class AuditResult
{
    public List<Finding> Findings { get; } = [];

    public List<InputError> Errors { get; } = [];

    public List<InputNote> Notes { get; } = [];

    public List<Component> Inventory { get; } = [];

    public List<Timing> Timings { get; } = [];

    /// <summary>Per-file figures of the files a source scan read (code audit).</summary>
    public List<ScannedFile> ScannedFiles { get; } = [];

    /// <summary>Facts about the data the auditor used (the advisory database's source, content hash, age).</summary>
    public Dictionary<string, string> Database { get; } = [];
}

/// <summary>How long one stage took.</summary>
public sealed record Timing(string Stage, TimeSpan Elapsed, string Detail = "");
