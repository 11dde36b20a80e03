using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using Kingsnake.Core.Suppression;
using Kingsnake.Project;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// The project's files, line by line, for suppression comments and peers' configuration: read through the project
/// (bounded, confined, each file opened once for the whole run and shared with the areas that scanned it). A file's
/// lines are found once and each is decoded only when asked for: the filter reads a few lines around each finding, and
/// decoding and splitting whole files made it the slowest stage of a large code audit. Bytes that are not UTF-8 are
/// decoded with replacement characters (comments are ASCII); a file the project cannot read counts as absent.
/// </summary>
internal sealed class ProjectSourceLines(ProjectTree project) : ISourceLines
{
    private readonly ConcurrentDictionary<string, IndexedLines?> _files = new(StringComparer.Ordinal);

    public IReadOnlyList<string>? Lines(string relativePath) => _files.GetOrAdd(relativePath, Read);

    public bool MayContain(string relativePath, string asciiText) => _files.GetOrAdd(relativePath, Read)?.MayContain(asciiText) ?? false;

    private IndexedLines? Read(string relativePath) =>
        project.TryRead(relativePath, out var content, out _) ? new IndexedLines(content.Bytes) : null;

    /// <summary>A file's lines (split as <see cref="SourceLines.Split"/> splits them), each decoded on first use.</summary>
    private sealed class IndexedLines : IReadOnlyList<string>
    {
        private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        private readonly byte[] _bytes;
        private readonly List<(int Start, int End)> _lines = [];
        private readonly string?[] _decoded;

        public IndexedLines(byte[] bytes)
        {
            _bytes = bytes;
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            for (var i = start; i < bytes.Length; i++)
            {
                if (bytes[i] is (byte)'\n' or (byte)'\r')
                {
                    _lines.Add((start, i));
                    if (bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')
                    {
                        i++;
                    }

                    start = i + 1;
                }
            }

            if (start < bytes.Length)
            {
                _lines.Add((start, bytes.Length));
            }

            _decoded = new string?[_lines.Count];
        }

        public int Count => _lines.Count;

        public string this[int index]
        {
            get
            {
                // a benign race: two threads may decode the same line, to equal strings
                var (start, end) = _lines[index];
                return _decoded[index] ??= Lenient.GetString(_bytes, start, end - start);
            }
        }

        public bool MayContain(string asciiText)
        {
            Span<byte> lower = stackalloc byte[asciiText.Length];
            Span<byte> upper = stackalloc byte[asciiText.Length];
            for (var i = 0; i < asciiText.Length; i++)
            {
                lower[i] = (byte)char.ToLowerInvariant(asciiText[i]);
                upper[i] = (byte)char.ToUpperInvariant(asciiText[i]);
            }

            // any case: look for the first letter in either case, then compare the rest without case
            var bytes = _bytes.AsSpan();
            for (var at = bytes.IndexOfAny(lower[0], upper[0]); at >= 0; at = NextFrom(bytes, at + 1, lower[0], upper[0]))
            {
                if (at + lower.Length <= bytes.Length && System.Text.Ascii.EqualsIgnoreCase(bytes.Slice(at, lower.Length), lower))
                {
                    return true;
                }
            }

            return false;
        }

        private static int NextFrom(ReadOnlySpan<byte> bytes, int from, byte lower, byte upper)
        {
            var next = bytes[from..].IndexOfAny(lower, upper);
            return next < 0 ? -1 : from + next;
        }

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
