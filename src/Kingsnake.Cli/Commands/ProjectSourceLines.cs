using System.Collections.Concurrent;
using System.Text;
using Kingsnake.Core.Suppression;
using Kingsnake.Project;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// The project's files, line by line, for suppression comments and peers' configuration: read through the project
/// (bounded, confined, each file opened once for the whole run and shared with the areas that scanned it), split once
/// and kept. Bytes that are not UTF-8 are decoded with replacement characters (comments are ASCII); a file the project
/// cannot read counts as absent.
/// </summary>
internal sealed class ProjectSourceLines(ProjectTree project) : ISourceLines
{
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly ConcurrentDictionary<string, List<string>?> _files = new(StringComparer.Ordinal);

    public IReadOnlyList<string>? Lines(string relativePath) => _files.GetOrAdd(relativePath, Read);

    private List<string>? Read(string relativePath)
    {
        if (!project.TryRead(relativePath, out var content, out _))
        {
            return null;
        }

        var bytes = content.Bytes.AsSpan();
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        return SourceLines.Split(Lenient.GetString(bytes));
    }
}
