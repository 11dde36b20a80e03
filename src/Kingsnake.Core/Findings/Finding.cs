using System.Security.Cryptography;
using System.Text;
using Kingsnake.Core.Rules;

namespace Kingsnake.Core.Findings;

/// <summary>
/// One problem found: which rule, how severe, where, and what to do. Structured facts (package, version,
/// advisory ids...) go in <see cref="Data"/>, typed by the area that found it.
/// </summary>
public sealed record Finding
{
    public required Rule Rule { get; init; }

    public required string Message { get; init; }

    public required SourceSpan Location { get; init; }

    public Severity Severity { get; init; }

    public Confidence Confidence { get; init; }

    public IReadOnlyList<SourceSpan> Related { get; init; } = [];

    /// <summary>The area's structured facts about the finding; null when it has none.</summary>
    public FindingData? Data { get; init; }

    public Fix? Fix { get; init; }

    /// <summary>
    /// What identifies the finding across edits that move it: the rule, the path and a normalized
    /// snippet (for dependencies, the package and advisory), never line numbers.
    /// </summary>
    public required string FingerprintSource { get; init; }

    /// <summary>A stable hash of <see cref="FingerprintSource"/>, used by baselines and SARIF partial fingerprints.</summary>
    public string Fingerprint => ComputeFingerprint(Rule.Id, Location.Path, FingerprintSource);

    public static string ComputeFingerprint(string ruleId, string path, string snippet)
    {
        var normalized = string.Join(' ', snippet.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{path}\n{normalized}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }
}
