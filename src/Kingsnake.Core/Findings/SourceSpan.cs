namespace Kingsnake.Core.Findings;

/// <summary>
/// A region of a file. <see cref="Path"/> is relative to the project root and uses '/' separators.
/// Lines and columns are 1-based; columns count UTF-16 characters (what editors and SARIF expect).
/// An end of 0 means "unknown": the span then covers the start position's whole line.
/// </summary>
public readonly record struct SourceSpan(string Path, int StartLine, int StartColumn = 1, int EndLine = 0, int EndColumn = 0)
{
    public static SourceSpan WholeFile(string path) => new(path, 0, 0);

    public static SourceSpan Line(string path, int line) => new(path, line, 1);

    /// <summary>True when the span points into the file rather than at the whole file.</summary>
    public bool HasLine => StartLine > 0;

    public override string ToString() => HasLine ? $"{Path}:{StartLine}:{StartColumn}" : Path;
}
