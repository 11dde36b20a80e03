namespace Kingsnake.Core.Findings;

/// <summary>A replacement of the text covered by <paramref name="Span"/> with <paramref name="NewText"/>.</summary>
public sealed record TextEdit(SourceSpan Span, string NewText);

/// <summary>A fix a finding proposes: a description and the edits that make it.</summary>
public sealed record Fix(string Description, IReadOnlyList<TextEdit> Edits);
