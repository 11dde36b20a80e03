using Kingsnake.Core.Findings;

namespace Kingsnake.Project.Git;

/// <summary>
/// A commit as its object says: tree, parents in order, author and committer, message (cut at 64 KiB) and the kind of
/// signature its <c>gpgsig</c> (or <c>gpgsig-sha256</c>) header carries. A <c>mergetag</c> header (the signed tag a
/// merge took in) says nothing about this commit's own signature and is ignored.
/// </summary>
public sealed class GitCommit
{
    private GitCommit(string id, string treeId, IReadOnlyList<string> parentIds, GitPerson author, GitPerson committer, string message, GitSignatureKind signature)
    {
        Id = id;
        TreeId = treeId;
        ParentIds = parentIds;
        Author = author;
        Committer = committer;
        Message = message;
        Signature = signature;
    }

    public string Id { get; }

    public string TreeId { get; }

    /// <summary>The parents as the object lists them (first parent first); a shallow clone's boundary commit still lists parents it does not hold.</summary>
    public IReadOnlyList<string> ParentIds { get; }

    public GitPerson Author { get; }

    public GitPerson Committer { get; }

    /// <summary>The message, at most 64 KiB of it, decoded as UTF-8 (an <c>encoding</c> header is not honoured).</summary>
    public string Message { get; }

    /// <summary>The message's first line.</summary>
    public string Subject => Message.AsSpan().IndexOf('\n') is var end and >= 0 ? Message[..end] : Message;

    public GitSignatureKind Signature { get; }

    /// <summary>Reads the body of commit <paramref name="id"/>; throws <see cref="InputFormatException"/> when it lacks a tree or a committer.</summary>
    public static GitCommit Parse(string id, ReadOnlySpan<byte> body)
    {
        string? tree = null;
        var parents = new List<string>(2);
        GitPerson? author = null;
        GitPerson? committer = null;
        var signature = GitSignatureKind.None;
        var headers = GitObjectText.Split(body, out var message);
        foreach (var (key, value) in headers)
        {
            switch (key)
            {
                case "tree" when tree is null && GitObjectIds.IsValid(value):
                    tree = value.ToLowerInvariant();
                    break;
                case "parent":
                    parents.Add(GitObjectIds.IsValid(value) ? value.ToLowerInvariant() : throw new InputFormatException($"commit {id}: a parent line names no object id"));
                    break;
                case "author" when author is null:
                    author = GitPerson.Parse(value);
                    break;
                case "committer" when committer is null:
                    committer = GitPerson.Parse(value);
                    break;
                case "gpgsig" or "gpgsig-sha256" when signature == GitSignatureKind.None:
                    signature = GitObjectText.KindOfArmor(value) is var kind and not GitSignatureKind.None ? kind : GitSignatureKind.Other;
                    break;
            }
        }

        if (tree is null || author is null || committer is null)
        {
            throw new InputFormatException($"commit {id}: no {(tree is null ? "tree" : author is null ? "author" : "committer")} line");
        }

        return new GitCommit(id, tree, parents, author, committer, GitObjectText.Message(message), signature);
    }
}
