using Kingsnake.Core.Findings;

namespace Kingsnake.Project.Git;

/// <summary>
/// An annotated tag: the object it names and that object's type, the tag's name, its tagger (absent in some tags
/// from before git 0.99.9), its message without the signature, and the kind of signature appended to the message,
/// found as git finds it: the last line that starts an armored block it knows.
/// </summary>
public sealed class GitTag
{
    private GitTag(string id, string targetId, GitObjectType targetType, string name, GitPerson? tagger, string message, GitSignatureKind signature)
    {
        Id = id;
        TargetId = targetId;
        TargetType = targetType;
        Name = name;
        Tagger = tagger;
        Message = message;
        Signature = signature;
    }

    public string Id { get; }

    public string TargetId { get; }

    public GitObjectType TargetType { get; }

    /// <summary>The name in the tag object (<c>v1.2.0</c>); a ref can be renamed, this cannot.</summary>
    public string Name { get; }

    public GitPerson? Tagger { get; }

    /// <summary>The message without the trailing signature block, at most 64 KiB, decoded as UTF-8.</summary>
    public string Message { get; }

    public GitSignatureKind Signature { get; }

    /// <summary>Reads the body of tag <paramref name="id"/>; throws <see cref="InputFormatException"/> when it names no object, type or name.</summary>
    public static GitTag Parse(string id, ReadOnlySpan<byte> body)
    {
        string? target = null;
        GitObjectType? type = null;
        string? name = null;
        GitPerson? tagger = null;
        var headers = GitObjectText.Split(body, out var messageBytes);
        foreach (var (key, value) in headers)
        {
            switch (key)
            {
                case "object" when target is null && GitObjectIds.IsValid(value):
                    target = value.ToLowerInvariant();
                    break;
                case "type" when type is null:
                    type = value switch
                    {
                        "commit" => GitObjectType.Commit,
                        "tree" => GitObjectType.Tree,
                        "blob" => GitObjectType.Blob,
                        "tag" => GitObjectType.Tag,
                        _ => throw new InputFormatException($"tag {id}: unknown target type '{(value.Length > 16 ? value[..16] : value)}'"),
                    };
                    break;
                case "tag" when name is null:
                    name = value;
                    break;
                case "tagger" when tagger is null:
                    tagger = GitPerson.Parse(value);
                    break;
            }
        }

        if (target is null || type is null || name is null)
        {
            throw new InputFormatException($"tag {id}: no {(target is null ? "object" : type is null ? "type" : "tag")} line");
        }

        // the whole message is searched before it is cut, so a long message cannot hide its signature
        var signature = GitSignatureKind.None;
        var signatureAt = -1;
        for (var lineStart = 0; lineStart < messageBytes.Length;)
        {
            if (GitObjectText.KindOfArmor(messageBytes[lineStart..]) is var kind and not GitSignatureKind.None)
            {
                signature = kind;
                signatureAt = lineStart;
            }

            var newline = messageBytes[lineStart..].IndexOf((byte)'\n');
            lineStart = newline < 0 ? messageBytes.Length : lineStart + newline + 1;
        }

        return new GitTag(id, target, type.Value, name, tagger, GitObjectText.Message(signatureAt < 0 ? messageBytes : messageBytes[..signatureAt]), signature);
    }
}
