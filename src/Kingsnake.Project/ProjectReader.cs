using System.Collections.Concurrent;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;
using Kingsnake.Project.Walking;

namespace Kingsnake.Project;

/// <summary>
/// Reads the files of one project for the whole run: each at most once (contents are shared by every area), through
/// the bounded reader, and only inside the project root or what the user named on the command line. Created before
/// the walk, so the configuration that decides the walk is read through it too.
/// </summary>
public sealed class ProjectReader
{
    private readonly ConcurrentDictionary<string, Lazy<ReadOutcome>> _reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _overlay = new(StringComparer.Ordinal);
    private readonly long _maxFileBytes;

    public ProjectReader(string rootPath, IReadOnlyList<string>? userNamedPaths = null, long maxFileBytes = BoundedFileReader.DefaultMaxBytes)
    {
        RootPath = Path.GetFullPath(rootPath);
        UserNamedPaths = userNamedPaths ?? [];
        Confinement = new PathConfinement(RootPath, UserNamedPaths);
        _maxFileBytes = maxFileBytes;
    }

    /// <summary>The project root (a full path, as the user gave it; findings are relative to it).</summary>
    public string RootPath { get; }

    /// <summary>Files and directories named on the command line (full paths), readable wherever they are.</summary>
    public IReadOnlyList<string> UserNamedPaths { get; }

    internal PathConfinement Confinement { get; }

    /// <summary>How many files were actually opened so far (each at most once).</summary>
    public int OpenedFiles => _reads.Count;

    /// <summary>The relative path findings use for a full path (under the root), '/'-separated.</summary>
    public string Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(RootPath, fullPath).Replace('\\', '/');
        return relative == "." ? Path.GetFileName(fullPath) : relative;
    }

    /// <summary>
    /// The content of <paramref name="fullPath"/> (inside the project or what the user named), read once for the
    /// whole run; <paramref name="relative"/> is the name it is reported under. Throws <see cref="InputFormatException"/>
    /// without any of the file's contents when it cannot be read.
    /// </summary>
    public FileContent Read(string fullPath, string relative)
    {
        if (_overlay.TryGetValue(relative, out var edited))
        {
            return new FileContent(relative, edited);
        }

        var read = _reads.GetOrAdd(fullPath, key => new Lazy<ReadOutcome>(() => ReadOnce(key, relative), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

        // a fresh exception each time: the cached one's stack belongs to the first reader
        return read.Content ?? throw (read.Error is EntryRefusedException
            ? new EntryRefusedException(read.Error.Message)
            : new InputFormatException(read.Error!.Message, read.Error.Line, read.Error.Column));
    }

    /// <summary>The text of a file at <paramref name="fullPath"/>, or null when there is no such entry (configuration lookups).</summary>
    public string? ReadTextIfPresent(string fullPath) =>
        NativeFiles.KindOf(fullPath) == EntryKind.Missing ? null : Read(fullPath, Relative(fullPath)).Text;

    /// <summary>
    /// Resolves a path that the file <paramref name="referringFile"/> names on line <paramref name="line"/> (an include,
    /// a baseline, an <c>extend</c>): relative to that file's directory, links resolved. Null, with an error naming the
    /// referring file and line — never anything of the target — when it leads outside the project and outside what the
    /// user named.
    /// </summary>
    public string? ResolveReference(string referringFile, int line, string namedPath, out InputError? error)
    {
        var referringFull = Path.IsPathRooted(referringFile) ? referringFile : Path.Combine(RootPath, referringFile);
        var baseDirectory = Path.GetDirectoryName(referringFull) ?? RootPath;
        var candidate = Path.GetFullPath(namedPath, baseDirectory);
        var referringRelative = Path.IsPathRooted(referringFile) ? Relative(referringFile) : referringFile;
        if (!Confinement.IsInside(candidate))
        {
            error = new InputError(line > 0 ? SourceSpan.Line(referringRelative, line) : SourceSpan.WholeFile(referringRelative), $"'{namedPath}' leads outside the project; not read");
            return null;
        }

        error = null;
        return candidate;
    }

    /// <summary>Replaces a file's text for the rest of the run (<c>kingsnake fix</c> re-auditing its edits), without writing it.</summary>
    public void Overlay(string relativePath, byte[] bytes) => _overlay[relativePath.Replace('\\', '/')] = bytes;

    private ReadOutcome ReadOnce(string fullPath, string relative)
    {
        try
        {
            var target = fullPath;
            if (NativeFiles.KindOf(fullPath) == EntryKind.SymbolicLink)
            {
                // a link is read as its target when the target stays inside; the reader itself never follows one
                target = PathConfinement.RealPath(fullPath) ?? fullPath;
            }

            if (!Confinement.IsInside(target))
            {
                return new ReadOutcome(null, new EntryRefusedException("the path leads outside the project; not read"));
            }

            return new ReadOutcome(new FileContent(relative, BoundedFileReader.Read(target, _maxFileBytes)), null);
        }
        catch (InputFormatException ex)
        {
            return new ReadOutcome(null, ex);
        }
    }

    private sealed record ReadOutcome(FileContent? Content, InputFormatException? Error);
}
