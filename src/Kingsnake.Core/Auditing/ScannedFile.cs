namespace Kingsnake.Core.Auditing;

/// <summary>A source file a scan read, with its size in code lines, for any format that shows what was covered.</summary>
/// <param name="Path">The file, relative to the project root, as findings name it.</param>
/// <param name="CodeLines">Lines that are neither blank nor comment-only.</param>
public sealed record ScannedFile(string Path, int CodeLines);
