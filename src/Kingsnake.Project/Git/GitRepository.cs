using System.IO.Compression;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;

namespace Kingsnake.Project.Git;

/// <summary>
/// What a git repository says about itself, read without running git and through the bounded reader (a repository is
/// as hostile as its work tree: <c>packed-refs</c> can be a FIFO, a loose ref a link to <c>/dev/zero</c>): HEAD, the
/// remotes of its configuration, and its tags with the commit each names. Anything that cannot be told offline this way
/// (a tag object inside a pack) is left out rather than guessed.
/// </summary>
public sealed class GitRepository
{
    private const long MaxRefFileBytes = 64 * 1024;
    private const long MaxPackedRefsBytes = 64L * 1024 * 1024;
    private const int MaxTags = 100_000;

    private GitRepository(string gitDirectory, string commonDirectory)
    {
        GitDirectory = gitDirectory;
        CommonDirectory = commonDirectory;
    }

    /// <summary>The repository's own directory (<c>.git</c>, or a worktree's directory under it).</summary>
    public string GitDirectory { get; }

    /// <summary>Where refs, objects and configuration are shared (<c>commondir</c> of a linked worktree, else <see cref="GitDirectory"/>).</summary>
    public string CommonDirectory { get; }

    /// <summary>
    /// The repository of the work tree or bare repository at <paramref name="path"/>: a <c>.git</c> directory, a
    /// <c>.git</c> file (<c>gitdir: …</c>, as worktrees and submodules have), or the path itself when bare. Null when none.
    /// </summary>
    public static GitRepository? Open(string path)
    {
        var dotGit = Path.Combine(path, ".git");
        string? gitDirectory = NativeFiles.KindOf(dotGit) switch
        {
            EntryKind.Directory => dotGit,
            EntryKind.Regular when ReadSmall(dotGit) is { } pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal) =>
                Path.GetFullPath(pointer["gitdir:".Length..].Trim(), path),
            _ => NativeFiles.KindOf(Path.Combine(path, "packed-refs")) == EntryKind.Regular || NativeFiles.KindOf(Path.Combine(path, "refs")) == EntryKind.Directory ? path : null,
        };
        if (gitDirectory is null || NativeFiles.KindOf(gitDirectory) != EntryKind.Directory)
        {
            return null;
        }

        var common = ReadSmall(Path.Combine(gitDirectory, "commondir")) is { } relative ? Path.GetFullPath(relative.Trim(), gitDirectory) : gitDirectory;
        return new GitRepository(gitDirectory, common);
    }

    /// <summary>Searches <paramref name="start"/> and its parents for a work tree, as git does; returns the work tree's directory.</summary>
    public static string? FindWorkTree(string start)
    {
        for (var directory = Path.GetFullPath(start); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var kind = NativeFiles.KindOf(Path.Combine(directory, ".git"));
            if (kind is EntryKind.Directory or EntryKind.Regular)
            {
                return directory;
            }
        }

        return null;
    }

    /// <summary>The commit HEAD names (a symbolic ref followed through loose and packed refs), or null.</summary>
    public string? HeadCommit()
    {
        var head = ReadSmall(Path.Combine(GitDirectory, "HEAD"))?.Trim();
        for (var depth = 0; head is not null && depth < 8; depth++)
        {
            if (IsObjectId(head))
            {
                return head.ToLowerInvariant();
            }

            if (!head.StartsWith("ref:", StringComparison.Ordinal))
            {
                return null;
            }

            var name = head[4..].Trim();
            head = ReadSmall(Path.Combine(CommonDirectory, name))?.Trim() ?? PackedRefs().GetValueOrDefault(name);
        }

        return null;
    }

    /// <summary>The branch HEAD is on (<c>main</c>), or null when detached.</summary>
    public string? HeadBranch()
    {
        var head = ReadSmall(Path.Combine(GitDirectory, "HEAD"))?.Trim();
        return head is not null && head.StartsWith("ref: refs/heads/", StringComparison.Ordinal) ? head["ref: refs/heads/".Length..].Trim() : null;
    }

    /// <summary>The remotes of the repository's configuration: name → URL (<c>[remote "origin"] url = …</c>).</summary>
    public IReadOnlyDictionary<string, string> Remotes()
    {
        var remotes = new Dictionary<string, string>(StringComparer.Ordinal);
        var config = ReadSmall(Path.Combine(CommonDirectory, "config"), 1024 * 1024);
        if (config is null)
        {
            return remotes;
        }

        string? remote = null;
        foreach (var raw in config.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                remote = line.StartsWith("[remote \"", StringComparison.Ordinal) && line.EndsWith("\"]", StringComparison.Ordinal) ? line[9..^2] : null;
                continue;
            }

            var equals = line.IndexOf('=');
            if (remote is not null && equals > 0 && line[..equals].Trim().Equals("url", StringComparison.OrdinalIgnoreCase))
            {
                remotes.TryAdd(remote, line[(equals + 1)..].Trim());
            }
        }

        return remotes;
    }

    /// <summary>
    /// The tags and the commit each names: <c>packed-refs</c> (with its <c>^</c> peeled lines for annotated tags) and loose
    /// <c>refs/tags/*</c>; a loose annotated tag is peeled when its object is loose. At most 100,000 tags.
    /// </summary>
    public IReadOnlyDictionary<string, string> Tags()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? lastTag = null;
        foreach (var line in ReadSmall(Path.Combine(CommonDirectory, "packed-refs"), MaxPackedRefsBytes)?.Split('\n') ?? [])
        {
            if (line.StartsWith('^') && lastTag is not null && IsObjectId(line[1..].Trim()))
            {
                tags[lastTag] = line[1..].Trim().ToLowerInvariant(); // the commit an annotated tag points at
                continue;
            }

            lastTag = null;
            if (line.Length > 41 && line[40] == ' ' && IsObjectId(line[..40]) && line.AsSpan(41).StartsWith("refs/tags/") && tags.Count < MaxTags)
            {
                lastTag = line[(41 + "refs/tags/".Length)..].Trim();
                tags[lastTag] = line[..40].ToLowerInvariant();
            }
        }

        var looseRoot = Path.Combine(CommonDirectory, "refs", "tags");
        if (NativeFiles.KindOf(looseRoot) == EntryKind.Directory)
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, MaxRecursionDepth = 16 };
            foreach (var file in Directory.EnumerateFiles(looseRoot, "*", options).Take(MaxTags))
            {
                if (ReadSmall(file)?.Trim() is { } sha && IsObjectId(sha) && Peel(sha.ToLowerInvariant()) is { } commit)
                {
                    tags[Path.GetRelativePath(looseRoot, file).Replace('\\', '/')] = commit;
                }
            }
        }

        return tags;
    }

    /// <summary>True for a full 40-digit hexadecimal object id.</summary>
    public static bool IsObjectId(string text) => text.Length == 40 && text.All(char.IsAsciiHexDigit);

    private Dictionary<string, string> PackedRefs()
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in ReadSmall(Path.Combine(CommonDirectory, "packed-refs"), MaxPackedRefsBytes)?.Split('\n') ?? [])
        {
            if (line.Length > 41 && line[40] == ' ' && IsObjectId(line[..40]))
            {
                refs[line[41..].Trim()] = line[..40];
            }
        }

        return refs;
    }

    /// <summary>The commit a ref names: itself when it is a loose commit, the tagged object for a loose tag; null when packed.</summary>
    private string? Peel(string sha)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            byte[] compressed;
            try
            {
                compressed = BoundedFileReader.Read(Path.Combine(CommonDirectory, "objects", sha[..2], sha[2..]), 16 * 1024 * 1024);
            }
            catch (InputFormatException)
            {
                return null;
            }

            string header;
            try
            {
                using var stream = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
                var buffer = new byte[512];
                var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                header = Encoding.ASCII.GetString(buffer, 0, read);
            }
            catch (InvalidDataException)
            {
                return null; // a damaged object: its tag is left out
            }

            if (header.StartsWith("commit ", StringComparison.Ordinal))
            {
                return sha;
            }

            var body = header.IndexOf('\0');
            if (!header.StartsWith("tag ", StringComparison.Ordinal) || body < 0 || !header.AsSpan(body + 1).StartsWith("object ")
                || header.Length < body + 1 + "object ".Length + 40)
            {
                return null;
            }

            sha = header.Substring(body + 1 + "object ".Length, 40);
            if (!IsObjectId(sha))
            {
                return null;
            }
        }

        return null;
    }

    private static string? ReadSmall(string path, long maxBytes = MaxRefFileBytes)
    {
        try
        {
            return Encoding.UTF8.GetString(BoundedFileReader.Read(path, maxBytes));
        }
        catch (InputFormatException)
        {
            return null;
        }
    }
}
