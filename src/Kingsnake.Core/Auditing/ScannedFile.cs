namespace Kingsnake.Core.Auditing;

/// <summary>
/// Per-file figures of a source scan, for report formats that carry them (Bandit's JSON <c>metrics</c>).
/// </summary>
/// <param name="Path">The file, relative to the project root, as findings name it.</param>
/// <param name="CodeLines">Lines that are neither blank nor comment-only.</param>
/// <param name="NosecSkips">Findings silenced by a bare <c># nosec</c>.</param>
/// <param name="SkippedTests">Findings silenced by a <c># nosec</c> that named their test (<c># nosec B602</c>).</param>
public sealed record ScannedFile(string Path, int CodeLines, int NosecSkips, int SkippedTests);
