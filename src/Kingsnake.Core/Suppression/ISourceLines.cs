namespace Kingsnake.Core.Suppression;

/// <summary>
/// The text of a project's files, line by line, for everything that reads suppression comments and peers'
/// configuration files. The filter and the triage readers never touch the disk themselves: the caller decides how
/// files are read (bounded, confined to the project, or from text edited in memory by <c>fix</c>).
/// </summary>
public interface ISourceLines
{
    /// <summary>
    /// The lines of the file at <paramref name="relativePath"/> (relative to the project root, '/' separators), without
    /// their line endings; null when the project has no such readable text file.
    /// </summary>
    IReadOnlyList<string>? Lines(string relativePath);

    /// <summary>
    /// False when no line of the file can contain <paramref name="asciiText"/> (ASCII, any case): a quick test before
    /// reading every line of a file for a comment that is rarely there. True when it may.
    /// </summary>
    bool MayContain(string relativePath, string asciiText) =>
        Lines(relativePath)?.Any(l => l.Contains(asciiText, StringComparison.OrdinalIgnoreCase)) ?? false;
}

/// <summary>Sources of lines that need no disk.</summary>
public static class SourceLines
{
    /// <summary>No file at all: comments and peers' configuration are never found.</summary>
    public static ISourceLines None { get; } = new InMemory(new Dictionary<string, string>());

    /// <summary>Files given as text, by relative path (tests, and text edited in memory).</summary>
    public static ISourceLines FromText(IReadOnlyDictionary<string, string> files) => new InMemory(files);

    /// <summary>
    /// <paramref name="files"/> given as text in front of <paramref name="underneath"/>: what <c>fix</c> has edited in
    /// memory is judged by its edited lines, every other file (a peer's configuration) as it is in the project.
    /// </summary>
    public static ISourceLines Over(this ISourceLines underneath, IReadOnlyDictionary<string, string> files) => new Layered(new InMemory(files), underneath);

    /// <summary>Splits text into lines as Python and TOML readers do: at <c>\r\n</c>, <c>\n</c> or a lone <c>\r</c>.</summary>
    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>The file's lines joined with <c>\n</c> (line numbers are kept), or null when there is no such file.</summary>
    public static string? Text(this ISourceLines source, string relativePath) =>
        source.Lines(relativePath) is { } lines ? string.Join('\n', lines) : null;

    private sealed class Layered(ISourceLines top, ISourceLines underneath) : ISourceLines
    {
        public IReadOnlyList<string>? Lines(string relativePath) => top.Lines(relativePath) ?? underneath.Lines(relativePath);

        public bool MayContain(string relativePath, string asciiText) =>
            top.Lines(relativePath) is not null ? top.MayContain(relativePath, asciiText) : underneath.MayContain(relativePath, asciiText);
    }

    private sealed class InMemory(IReadOnlyDictionary<string, string> files) : ISourceLines
    {
        private readonly Dictionary<string, List<string>> _split = new(StringComparer.Ordinal);

        public IReadOnlyList<string>? Lines(string relativePath)
        {
            if (!files.TryGetValue(relativePath, out var text))
            {
                return null;
            }

            lock (_split)
            {
                if (!_split.TryGetValue(relativePath, out var lines))
                {
                    lines = Split(text);
                    _split[relativePath] = lines;
                }

                return lines;
            }
        }
    }
}
