using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;

namespace Kingsnake.Project.Git;

/// <summary>
/// What a git repository says about itself, read without running git and through the bounded reader (a repository is
/// as hostile as its work tree: <c>packed-refs</c> can be a FIFO, a loose ref a link to <c>/dev/zero</c>): HEAD, the
/// remotes of its configuration, its tags with the commit each names, and its history through <see cref="GitObjectStore"/>
/// (loose and packed objects). Anything that cannot be told offline this way is left out rather than guessed.
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
        foreach (var (section, key, value) in ConfigEntries())
        {
            if (section.StartsWith("remote \"", StringComparison.Ordinal) && section.EndsWith('"') && section.Length > 9 && key.Equals("url", StringComparison.OrdinalIgnoreCase))
            {
                remotes.TryAdd(section[8..^1], value);
            }
        }

        return remotes;
    }

    /// <summary>
    /// The repository's object format: <c>sha1</c>, or what <c>extensions.objectformat</c> names (<c>sha256</c>).
    /// Only SHA-1 objects are read; <see cref="OpenObjects"/> refuses the others rather than misreading them.
    /// </summary>
    public string ObjectFormat()
    {
        var format = "sha1";
        foreach (var (section, key, value) in ConfigEntries())
        {
            if (section.Equals("extensions", StringComparison.OrdinalIgnoreCase) && key.Equals("objectformat", StringComparison.OrdinalIgnoreCase))
            {
                format = value.Trim('"').ToLowerInvariant();
            }
        }

        return format;
    }

    /// <summary>
    /// The commits a shallow clone's <c>shallow</c> file names: their parents were not fetched. Empty for a full clone.
    /// </summary>
    public IReadOnlyList<string> ShallowCommits() =>
        [.. (ReadSmall(Path.Combine(CommonDirectory, "shallow"), MaxPackedRefsBytes) ?? "").Split('\n')
            .Select(line => line.Trim()).Where(IsObjectId).Select(line => line.ToLowerInvariant())];

    /// <summary>
    /// Opens the repository's objects for reading (the caller disposes the store). Throws <see cref="InputFormatException"/>
    /// when the repository uses SHA-256 ids, has no sound object directory, or a pack is damaged.
    /// </summary>
    public GitObjectStore OpenObjects()
    {
        var format = ObjectFormat();
        if (format != "sha1")
        {
            throw new InputFormatException($"the repository uses {(format.Length > 16 ? format[..16] : format)} object ids; only SHA-1 repositories are read");
        }

        return GitObjectStore.Open(Path.Combine(CommonDirectory, "objects"), ShallowCommits());
    }

    /// <summary>
    /// The history from HEAD (or from <paramref name="fromId"/>, a commit or annotated tag), newest first, at most
    /// <paramref name="maxCount"/> commits and none committed before <paramref name="since"/>; see <see cref="GitHistory"/>
    /// for the order. Empty when HEAD names nothing (a repository with no commits yet).
    /// </summary>
    public IReadOnlyList<GitCommit> History(int maxCount, DateTimeOffset? since = null, string? fromId = null)
    {
        // the store is opened first so that a SHA-256 repository, whose HEAD no SHA-1 reader can name, is refused, not empty
        using var objects = OpenObjects();
        var start = fromId ?? HeadCommit();
        return start is null ? [] : GitHistory.Walk(objects, start, maxCount, since);
    }

    /// <summary>
    /// The tags and the commit each names: <c>packed-refs</c> (with its <c>^</c> peeled lines for annotated tags) and loose
    /// <c>refs/tags/*</c>. An annotated tag without a peeled line is peeled through the object store, loose or packed; a
    /// packed-refs tag whose object the store does not hold keeps the id it names, a loose one is left out (its type is
    /// unknown). The store is opened only when a tag needs it (a <c>packed-refs</c> whose header says it is peeled
    /// needs none), and when it cannot be opened (a damaged pack) tags are peeled only as far as the refs tell. At most
    /// 100,000 tags.
    /// </summary>
    public IReadOnlyDictionary<string, string> Tags()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var unpeeled = new HashSet<string>(StringComparer.Ordinal);
        var peeledByHeader = false;
        string? lastTag = null;
        foreach (var line in ReadSmall(Path.Combine(CommonDirectory, "packed-refs"), MaxPackedRefsBytes)?.Split('\n') ?? [])
        {
            if (line.StartsWith("# pack-refs with:", StringComparison.Ordinal))
            {
                // "peeled" (git 1.7 on) and "fully-peeled": every annotated tag under refs/tags has its ^ line
                peeledByHeader = line.Split(' ').Any(trait => trait is "peeled" or "fully-peeled");
                continue;
            }

            if (line.StartsWith('^') && lastTag is not null && IsObjectId(line[1..].Trim()))
            {
                tags[lastTag] = line[1..].Trim().ToLowerInvariant(); // the commit an annotated tag points at
                unpeeled.Remove(lastTag);
                continue;
            }

            lastTag = null;
            if (line.Length > 41 && line[40] == ' ' && IsObjectId(line[..40]) && line.AsSpan(41).StartsWith("refs/tags/") && tags.Count < MaxTags)
            {
                lastTag = line[(41 + "refs/tags/".Length)..].Trim();
                tags[lastTag] = line[..40].ToLowerInvariant();
                unpeeled.Add(lastTag);
            }
        }

        if (peeledByHeader)
        {
            unpeeled.Clear();
        }

        var looseRoot = Path.Combine(CommonDirectory, "refs", "tags");
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, MaxRecursionDepth = 16 };
        var looseTags = NativeFiles.KindOf(looseRoot) == EntryKind.Directory ? Directory.EnumerateFiles(looseRoot, "*", options).Take(MaxTags).ToList() : [];
        if (unpeeled.Count == 0 && looseTags.Count == 0)
        {
            return tags;
        }

        GitObjectStore? objects;
        try
        {
            objects = OpenObjects();
        }
        catch (InputFormatException)
        {
            return tags; // packed-refs as it stands; loose tags cannot be told from other refs without their objects
        }

        using (objects)
        {
            foreach (var tag in unpeeled)
            {
                if (Peel(objects, tags[tag]) is { } commit)
                {
                    tags[tag] = commit;
                }
            }

            foreach (var file in looseTags)
            {
                if (ReadSmall(file)?.Trim() is { } sha && IsObjectId(sha) && Peel(objects, sha) is { } commit)
                {
                    tags[Path.GetRelativePath(looseRoot, file).Replace('\\', '/')] = commit;
                }
            }
        }

        return tags;
    }

    /// <summary>
    /// The object each tag ref names before peeling (the annotated tag object, or the commit of a lightweight tag):
    /// <c>packed-refs</c>, then loose <c>refs/tags/*</c> over it, as git resolves refs. Read with the same bounds as
    /// <see cref="Tags"/>, which gives only the peeled commit.
    /// </summary>
    public IReadOnlyDictionary<string, string> TagTargets()
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in ReadSmall(Path.Combine(CommonDirectory, "packed-refs"), MaxPackedRefsBytes)?.Split('\n') ?? [])
        {
            if (refs.Count < MaxTags && line.Length > 41 && line[40] == ' ' && IsObjectId(line[..40]) && line.AsSpan(41).StartsWith("refs/tags/"))
            {
                refs[line[(41 + "refs/tags/".Length)..].Trim()] = line[..40].ToLowerInvariant();
            }
        }

        var looseRoot = Path.Combine(CommonDirectory, "refs", "tags");
        if (NativeFiles.KindOf(looseRoot) != EntryKind.Directory)
        {
            return refs;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, MaxRecursionDepth = 16 };
        foreach (var file in Directory.EnumerateFiles(looseRoot, "*", options).Take(MaxTags))
        {
            if (ReadSmall(file, MaxRefFileBytes)?.Trim() is { } id && IsObjectId(id))
            {
                refs[Path.GetRelativePath(looseRoot, file).Replace('\\', '/')] = id.ToLowerInvariant();
            }
        }

        return refs;
    }

    /// <summary>True for a full 40-digit hexadecimal object id.</summary>
    public static bool IsObjectId(string text) => GitObjectIds.IsValid(text);

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

    /// <summary>The commit <paramref name="sha"/> names, through annotated tags; null when it is missing, damaged or names no commit.</summary>
    private static string? Peel(GitObjectStore objects, string sha)
    {
        try
        {
            return objects.PeelToCommit(sha);
        }
        catch (InputFormatException)
        {
            return null; // a damaged object: its tag is left out
        }
    }

    /// <summary>The <c>(section, key, value)</c> lines of the repository's own configuration; includes are not followed (they can lead anywhere).</summary>
    private IEnumerable<(string Section, string Key, string Value)> ConfigEntries()
    {
        var config = ReadSmall(Path.Combine(CommonDirectory, "config"), 1024 * 1024);
        if (config is null)
        {
            yield break;
        }

        var section = "";
        foreach (var raw in config.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                section = line.EndsWith(']') ? line[1..^1].Trim() : "";
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals > 0)
            {
                yield return (section, line[..equals].Trim(), line[(equals + 1)..].Trim());
            }
        }
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
