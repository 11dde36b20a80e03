namespace Kingsnake.Project.Git;

/// <summary>One object as the store holds it: its type and its inflated body (without git's <c>type size\0</c> header).</summary>
public sealed class GitObject
{
    public GitObject(string id, GitObjectType type, ReadOnlyMemory<byte> data)
    {
        Id = id;
        Type = type;
        Data = data;
    }

    /// <summary>The object's 40-digit lowercase SHA-1.</summary>
    public string Id { get; }

    public GitObjectType Type { get; }

    /// <summary>The inflated body, at most <see cref="GitObjectStore.MaxObjectBytes"/> long; read-only, as the store may keep it to rebuild other objects.</summary>
    public ReadOnlyMemory<byte> Data { get; }
}
