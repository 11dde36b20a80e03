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

    /// <summary>Per-file figures of the files a source scan read (code audit).</summary>
    public List<ScannedFile> ScannedFiles { get; } = [];

    /// <summary>Facts about the data the auditor used (the advisory database's source, content hash, age).</summary>
    public Dictionary<string, string> Database { get; } = [];
}

/// <summary>How long one stage took.</summary>
public sealed record Timing(string Stage, TimeSpan Elapsed, string Detail = "");
