namespace Kingsnake.Core.Suppression.Ruff;

/// <summary>
/// The rule selection of one ruff configuration file: its <c>select</c> (null when the file does not set it),
/// <c>extend-select</c>, and <c>ignore</c> together with <c>extend-ignore</c> (ruff merges the two). An extend chain
/// gives one layer per file, the base first; ruff's defaults are the layer before them all.
/// </summary>
public sealed record RuffSelectionLayer(IReadOnlyList<RuffSelector>? Select, IReadOnlyList<RuffSelector> ExtendSelect, IReadOnlyList<RuffSelector> Ignore)
{
    /// <summary>ruff's default selection (<c>E4</c>, <c>E7</c>, <c>E9</c>, <c>F</c>): no <c>S</c> rule is on unless the project turns it on.</summary>
    public static RuffSelectionLayer Defaults { get; } = new(
        [.. ((string[])["E4", "E7", "E9", "F"]).Select(s => new RuffSelector(s, new Findings.SourceSpan("(ruff defaults)", 0, 0)))], [], []);
}
