using System.IO.Compression;
using System.Text;
using Kingsnake.Core.Findings;
using Kingsnake.Project.Files;

namespace Kingsnake.Project.Git;

/// <summary>
/// The objects of a SHA-1 repository — loose (<c>objects/xx/…</c>, zlib) and packed (<c>objects/pack/*.idx</c> v2
/// with <c>*.pack</c>, offset and reference deltas) — read without running git.
/// <para>
/// A scanned repository is hostile, so every read is bounded by the bytes actually read: an object inflates to at
/// most <see cref="MaxObjectBytes"/> and to exactly the size it declares, a delta's result to exactly its declared
/// size, a delta chain to at most <see cref="MaxDeltaDepth"/> links, and every offset and instruction is checked before
/// it is used. A damaged or hostile object is an <see cref="InputFormatException"/> (an <see cref="EntryRefusedException"/>
/// when a file is a FIFO, device or link), never a hang or a read outside <c>objects/</c>; an object that is simply not
/// there is null. Not thread-safe: one reader at a time.
/// </para>
/// <para>
/// No library does this for us on purpose: LibGit2Sharp would follow <c>objects/info/alternates</c> and configuration
/// includes out of the project, reads with no byte bounds we control, and ships a native library that the NativeAOT
/// single binary cannot embed.
/// </para>
/// </summary>
public sealed class GitObjectStore : IDisposable
{
    /// <summary>The largest object read, inflated; a larger one (or a delta claiming a larger result) is an error.</summary>
    public const int MaxObjectBytes = 32 * 1024 * 1024;

    /// <summary>
    /// The longest delta chain followed. git writes chains of at most 50 (<c>pack.depth</c>, and <c>gc --aggressive</c>
    /// since 2.18; 250 before), so 250 reads every pack git makes, and bounds the work a hostile chain can ask for.
    /// </summary>
    public const int MaxDeltaDepth = 250;

    /// <summary>More packs than this is no repository git would leave behind (it repacks long before), so it is refused.</summary>
    public const int MaxPacks = 1024;

    // zlib's worst case on incompressible data is a few bytes per 16 KiB block; 1/64 more is ample room
    private const long MaxLooseFileBytes = MaxObjectBytes + MaxObjectBytes / 64;
    private const int MaxLooseHeaderBytes = 32;
    private const int MaxTreeDepth = 128;

    // recently rebuilt delta bases, as git's delta_base_cache: consecutive trees and blobs share most of a chain, and
    // without it every read would inflate and apply the whole chain again
    private const long MaxCachedBytes = 16L * 1024 * 1024;
    private const int MaxCachedObjectBytes = 1024 * 1024;

    private readonly string _objectsDirectory;
    private readonly List<PackFile> _packs;
    private readonly HashSet<string> _shallow;
    private readonly Dictionary<(PackFile Pack, long Offset), LinkedListNode<CachedBase>> _cache = [];
    private readonly LinkedList<CachedBase> _leastRecentFirst = new();
    private long _cachedBytes;

    private GitObjectStore(string objectsDirectory, List<PackFile> packs, HashSet<string> shallow, bool hasAlternates)
    {
        _objectsDirectory = objectsDirectory;
        _packs = packs;
        _shallow = shallow;
        HasAlternates = hasAlternates;
    }

    /// <summary>
    /// True when <c>objects/info/alternates</c> exists. It is never followed: it names other object directories by
    /// absolute or relative path, so a scanned repository could make us read any directory on the machine (and
    /// present another repository's history as its own). Objects that live only there are missing to this store.
    /// </summary>
    public bool HasAlternates { get; }

    /// <summary>The packs' file names, for notes.</summary>
    public IEnumerable<string> PackNames => _packs.Select(pack => pack.Name);

    /// <summary>
    /// Opens the object directory <paramref name="objectsDirectory"/>, reading every pack's index. <paramref name="shallowCommits"/>
    /// are the commits of a shallow clone's <c>shallow</c> file, whose parents the history does not follow. Throws
    /// <see cref="InputFormatException"/> when the directory or a pack is not sound.
    /// </summary>
    public static GitObjectStore Open(string objectsDirectory, IEnumerable<string>? shallowCommits = null)
    {
        var kind = NativeFiles.KindOf(objectsDirectory);
        if (kind != EntryKind.Directory)
        {
            throw kind == EntryKind.Missing
                ? new InputFormatException("the repository has no objects directory")
                : new EntryRefusedException($"the repository's objects directory is {kind.Describe()}; not read");
        }

        var packs = new List<PackFile>();
        try
        {
            var packDirectory = Path.Combine(objectsDirectory, "pack");
            var packKind = NativeFiles.KindOf(packDirectory);
            if (packKind is not (EntryKind.Directory or EntryKind.Missing))
            {
                throw new EntryRefusedException($"the repository's objects/pack is {packKind.Describe()}; not read");
            }

            if (packKind == EntryKind.Directory)
            {
                var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
                foreach (var index in Directory.EnumerateFiles(packDirectory, "pack-*.idx", options).Order(StringComparer.Ordinal))
                {
                    var pack = Path.ChangeExtension(index, ".pack");
                    if (NativeFiles.KindOf(pack) == EntryKind.Missing)
                    {
                        continue; // git too ignores an index whose pack is gone (a repack in progress leaves one)
                    }

                    if (packs.Count == MaxPacks)
                    {
                        throw new InputFormatException($"the repository has more than {MaxPacks:N0} packs; not read");
                    }

                    packs.Add(PackFile.Open(pack, index));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            packs.ForEach(pack => pack.Dispose());
            throw new InputFormatException($"the repository's packs cannot be listed: {ex.Message}", ex);
        }
        catch
        {
            packs.ForEach(pack => pack.Dispose());
            throw;
        }

        var shallow = new HashSet<string>(shallowCommits ?? [], StringComparer.Ordinal);
        var hasAlternates = NativeFiles.KindOf(Path.Combine(objectsDirectory, "info", "alternates")) != EntryKind.Missing;
        return new GitObjectStore(objectsDirectory, packs, shallow, hasAlternates);
    }

    /// <summary>True for a commit the <c>shallow</c> file names: its parents were cut off by a shallow clone.</summary>
    public bool IsShallowBoundary(string commitId) => _shallow.Contains(commitId);

    /// <summary>The object <paramref name="id"/> (40 hexadecimal digits), or null when neither a pack nor a loose file holds it.</summary>
    public GitObject? Read(string id)
    {
        Span<byte> raw = stackalloc byte[GitObjectIds.RawLength];
        if (!GitObjectIds.TryParse(id, raw))
        {
            throw new ArgumentException($"'{id}' is not a SHA-1 object id", nameof(id));
        }

        return Read(raw, id.ToLowerInvariant(), depth: 0);
    }

    /// <summary>The commit <paramref name="id"/>, or null when the store does not hold it; an error when it is another type.</summary>
    public GitCommit? ReadCommit(string id) => Read(id) is { } found ? GitCommit.Parse(found.Id, Expect(found, GitObjectType.Commit)) : null;

    /// <summary>The annotated tag <paramref name="id"/>, or null when the store does not hold it; an error when it is another type.</summary>
    public GitTag? ReadTag(string id) => Read(id) is { } found ? GitTag.Parse(found.Id, Expect(found, GitObjectType.Tag)) : null;

    /// <summary>The entries of tree <paramref name="id"/> in their stored order, or null when the store does not hold it.</summary>
    public IReadOnlyList<GitTreeEntry>? ReadTree(string id) => Read(id) is { } found ? ParseTree(found.Id, Expect(found, GitObjectType.Tree)) : null;

    /// <summary>The bytes of blob <paramref name="id"/>, or null when the store does not hold it; an error when it is over <paramref name="maxBytes"/>.</summary>
    public byte[]? ReadBlob(string id, int maxBytes = MaxObjectBytes)
    {
        if (Read(id) is not { } found)
        {
            return null;
        }

        var data = Expect(found, GitObjectType.Blob);
        return data.Length <= maxBytes ? data.ToArray() : throw new InputFormatException($"blob {found.Id} is {data.Length:N0} bytes, over the {maxBytes:N0}-byte limit");
    }

    /// <summary>The commit <paramref name="id"/> names, through annotated tags (at most 8 deep); null when it names no commit the store holds.</summary>
    public string? PeelToCommit(string id)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            switch (Read(id))
            {
                case { Type: GitObjectType.Commit } commit:
                    return commit.Id;
                case { Type: GitObjectType.Tag } tag:
                    id = GitTag.Parse(tag.Id, tag.Data.Span).TargetId;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Every entry under the tree of commit (or tree) <paramref name="id"/>, each named by its path from the root with
    /// <c>/</c>: files, links, submodules and the trees themselves, in <c>git ls-tree -r -t</c>'s order (a tree, then
    /// what it holds). Submodules are not entered. At most <paramref name="maxEntries"/> entries and 128 levels, else
    /// an error; null when the store does not hold <paramref name="id"/>.
    /// </summary>
    public IReadOnlyList<GitTreeEntry>? ListFiles(string id, int maxEntries = 1_000_000)
    {
        if (Read(id) is not { } root)
        {
            return null;
        }

        var treeId = root.Type == GitObjectType.Commit ? GitCommit.Parse(root.Id, root.Data.Span).TreeId : root.Id;
        var entries = new List<GitTreeEntry>();
        var open = new Stack<(string Prefix, IReadOnlyList<GitTreeEntry> Entries, int Next)>();
        open.Push(("", ReadTree(treeId) ?? throw new InputFormatException($"tree {treeId} is not in the repository"), 0));
        while (open.TryPop(out var level))
        {
            if (level.Next == level.Entries.Count)
            {
                continue;
            }

            open.Push(level with { Next = level.Next + 1 });
            var child = level.Entries[level.Next];
            if (entries.Count == maxEntries)
            {
                throw new InputFormatException($"tree {treeId} holds more than {maxEntries:N0} entries");
            }

            var path = level.Prefix + child.Name;
            entries.Add(child with { Name = path });
            if (child.IsTree)
            {
                if (open.Count >= MaxTreeDepth)
                {
                    throw new InputFormatException($"tree {treeId} nests more than {MaxTreeDepth} levels deep");
                }

                open.Push((path + "/", ReadTree(child.Id) ?? throw new InputFormatException($"tree {child.Id} (at '{path}') is not in the repository"), 0));
            }
        }

        return entries;
    }

    public void Dispose() => _packs.ForEach(pack => pack.Dispose());

    private static ReadOnlySpan<byte> Expect(GitObject found, GitObjectType type) =>
        found.Type == type ? found.Data.Span : throw new InputFormatException($"object {found.Id} is a {found.Type.ToString().ToLowerInvariant()}, not a {type.ToString().ToLowerInvariant()}");

    private static List<GitTreeEntry> ParseTree(string id, ReadOnlySpan<byte> data)
    {
        var entries = new List<GitTreeEntry>();
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            var end = data.IndexOf((byte)0);
            if (space is <= 0 or > 7 || end <= space + 1 || data.Length < end + 1 + GitObjectIds.RawLength)
            {
                throw new InputFormatException($"tree {id} is damaged");
            }

            var mode = 0;
            foreach (var digit in data[..space])
            {
                mode = digit is >= (byte)'0' and <= (byte)'7' ? mode * 8 + (digit - '0') : throw new InputFormatException($"tree {id} has a mode that is not octal");
            }

            var name = Encoding.UTF8.GetString(data[(space + 1)..end]);
            if (name is "." or ".." || name.Contains('/'))
            {
                throw new InputFormatException($"tree {id} has an entry named '{name}'");
            }

            entries.Add(new GitTreeEntry(name, mode, GitObjectIds.ToText(data.Slice(end + 1, GitObjectIds.RawLength))));
            data = data[(end + 1 + GitObjectIds.RawLength)..];
        }

        return entries;
    }

    private GitObject? Read(ReadOnlySpan<byte> id, string text, int depth)
    {
        foreach (var pack in _packs)
        {
            var offset = pack.Index.Find(id);
            if (offset >= 0)
            {
                var data = ReadPacked(pack, offset, depth, out var type);
                return new GitObject(text, type, data);
            }
        }

        return ReadLoose(text);
    }

    /// <summary>
    /// The object at <paramref name="offset"/>: first down the delta chain to a whole object, keeping only where each
    /// delta lies, then back up applying them, so memory holds one base, one delta and one result whatever the depth.
    /// </summary>
    private ReadOnlyMemory<byte> ReadPacked(PackFile pack, long offset, int depth, out GitObjectType type)
    {
        List<(long EntryOffset, PackEntry Entry)>? deltas = null;
        Span<byte> baseId = stackalloc byte[GitObjectIds.RawLength];
        ReadOnlyMemory<byte> data;
        var baseOffset = -1L; // where the whole object at the bottom of the chain lies in this pack, when it does
        while (true)
        {
            if (_cache.TryGetValue((pack, offset), out var cached))
            {
                _leastRecentFirst.Remove(cached);
                _leastRecentFirst.AddLast(cached);
                type = cached.Value.Type;
                data = cached.Value.Data;
                break;
            }

            var entry = pack.ReadEntry(offset, baseId);
            if (entry.TypeCode is not (PackFile.TypeOffsetDelta or PackFile.TypeReferenceDelta))
            {
                type = (GitObjectType)entry.TypeCode;
                data = pack.Inflate(offset, entry.DataOffset, entry.Size);
                baseOffset = offset;
                break;
            }

            deltas ??= [];
            deltas.Add((offset, entry));
            if (depth + deltas.Count > MaxDeltaDepth)
            {
                throw new InputFormatException($"{pack.Name}: entry at offset {offset:N0}: its delta chain is longer than {MaxDeltaDepth} (or loops)");
            }

            if (entry.TypeCode == PackFile.TypeOffsetDelta)
            {
                offset = entry.BaseOffset;
                continue;
            }

            var inPack = pack.Index.Find(baseId);
            if (inPack >= 0)
            {
                offset = inPack; // a reference can loop back on itself: the depth limit above ends it
                continue;
            }

            // a base in another pack or loose (a thin pack fixed up by git); the depth so far travels with it
            var baseText = GitObjectIds.ToText(baseId);
            var other = Read(baseId, baseText, depth + deltas.Count)
                ?? throw new InputFormatException($"{pack.Name}: entry at offset {offset:N0}: its delta base {baseText} is not in the repository");
            type = other.Type;
            data = other.Data;
            break;
        }

        if (deltas is null)
        {
            return data; // a whole object: nothing rebuilt, nothing worth keeping
        }

        if (baseOffset >= 0)
        {
            Remember(pack, baseOffset, type, data);
        }

        for (var i = deltas.Count - 1; i >= 0; i--)
        {
            var (entryOffset, entry) = deltas[i];
            var delta = pack.Inflate(entryOffset, entry.DataOffset, entry.Size);
            try
            {
                data = GitDelta.Apply(data.Span, delta);
            }
            catch (InputFormatException ex)
            {
                throw new InputFormatException($"{pack.Name}: entry at offset {entryOffset:N0}: {ex.Message}", ex);
            }

            Remember(pack, entryOffset, type, data);
        }

        return data;
    }

    private void Remember(PackFile pack, long offset, GitObjectType type, ReadOnlyMemory<byte> data)
    {
        if (data.Length > MaxCachedObjectBytes || _cache.ContainsKey((pack, offset)))
        {
            return;
        }

        while (_cachedBytes + data.Length > MaxCachedBytes && _leastRecentFirst.First is { } oldest)
        {
            _leastRecentFirst.RemoveFirst();
            _cache.Remove((oldest.Value.Pack, oldest.Value.Offset));
            _cachedBytes -= oldest.Value.Data.Length;
        }

        _cache[(pack, offset)] = _leastRecentFirst.AddLast(new CachedBase(pack, offset, type, data));
        _cachedBytes += data.Length;
    }

    private GitObject? ReadLoose(string id)
    {
        var directory = Path.Combine(_objectsDirectory, id[..2]);
        var directoryKind = NativeFiles.KindOf(directory);
        if (directoryKind == EntryKind.Missing)
        {
            return null;
        }

        if (directoryKind != EntryKind.Directory)
        {
            throw new EntryRefusedException($"loose object {id}: objects/{id[..2]} is {directoryKind.Describe()}, not a directory; not read");
        }

        var path = Path.Combine(directory, id[2..]);
        if (NativeFiles.KindOf(path) == EntryKind.Missing)
        {
            return null;
        }

        byte[] compressed;
        try
        {
            compressed = BoundedFileReader.Read(path, MaxLooseFileBytes);
        }
        catch (EntryRefusedException ex)
        {
            throw new EntryRefusedException($"loose object {id}: {ex.Message}", ex);
        }
        catch (InputFormatException ex)
        {
            throw new InputFormatException($"loose object {id}: {ex.Message}", ex);
        }

        try
        {
            using var inflater = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            Span<byte> header = stackalloc byte[MaxLooseHeaderBytes];
            var got = inflater.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            var end = header[..got].IndexOf((byte)0);
            var space = header[..Math.Max(end, 0)].IndexOf((byte)' ');
            if (end < 0 || space < 0)
            {
                throw new InputFormatException($"loose object {id} has no 'type size' header");
            }

            GitObjectType type = header[..space] switch
            {
                var word when word.SequenceEqual("commit"u8) => GitObjectType.Commit,
                var word when word.SequenceEqual("tree"u8) => GitObjectType.Tree,
                var word when word.SequenceEqual("blob"u8) => GitObjectType.Blob,
                var word when word.SequenceEqual("tag"u8) => GitObjectType.Tag,
                _ => throw new InputFormatException($"loose object {id} has an unknown type"),
            };

            var sizeText = header[(space + 1)..end];
            long size = 0;
            foreach (var digit in sizeText)
            {
                size = digit is >= (byte)'0' and <= (byte)'9' && size <= MaxObjectBytes ? size * 10 + (digit - '0')
                    : throw new InputFormatException($"loose object {id} has a malformed or oversized size");
            }

            if (sizeText.IsEmpty || size > MaxObjectBytes)
            {
                throw new InputFormatException($"loose object {id} declares {size:N0} bytes, over the {MaxObjectBytes:N0}-byte limit");
            }

            var data = new byte[size];
            var early = header[(end + 1)..got];
            if (early.Length > data.Length)
            {
                throw new InputFormatException($"loose object {id} inflates to more than the {size:N0} bytes it declares");
            }

            early.CopyTo(data);
            inflater.ReadExactly(data.AsSpan(early.Length));
            Span<byte> probe = stackalloc byte[1];
            return inflater.Read(probe) == 0
                ? new GitObject(id, type, data)
                : throw new InputFormatException($"loose object {id} inflates to more than the {size:N0} bytes it declares");
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            throw new InputFormatException($"loose object {id} is damaged ({(ex is EndOfStreamException ? "shorter than it declares" : "not zlib data")})", ex);
        }
    }

    private sealed record CachedBase(PackFile Pack, long Offset, GitObjectType Type, ReadOnlyMemory<byte> Data);
}
