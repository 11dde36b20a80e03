using Kingsnake.Core.Findings;
using Kingsnake.Core.Inventory;

namespace Kingsnake.Core.Auditing;

/// <summary>What an auditor found.</summary>
public sealed class AuditResult
{
    public List<Finding> Findings { get; } = [];

    /// <summary>
    /// Findings the area itself left out, with the reason (the code audit's <c># nosec</c> comments, which it reads
    /// with the tokenizer); the report counts them with the filter's.
    /// </summary>
    public List<Suppression.SuppressedFinding> Suppressed { get; } = [];

    public List<InputError> Errors { get; } = [];

    public List<InputNote> Notes { get; } = [];

    public List<Component> Inventory { get; } = [];

    public List<Timing> Timings { get; } = [];

    /// <summary>The source files a scan read (code audit), with their code lines.</summary>
    public List<ScannedFile> ScannedFiles { get; } = [];

    /// <summary>Facts about the database the auditor used (the advisory database's source, content hash, age); null when it used none.</summary>
    public DatabaseInfo? Database { get; set; }
}

/// <summary>How long one stage took.</summary>
public sealed record Timing(string Stage, TimeSpan Elapsed, string Detail = "");
