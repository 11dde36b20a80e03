namespace Kingsnake.Workflows.Knowledge;

/// <summary>One fact: the tag <see cref="Tag"/> of repository <see cref="Repository"/> points at <see cref="Commit"/>; <see cref="Source"/> says who said so.</summary>
public sealed record ActionTagCommit(string Repository, string Tag, string Commit, string Source)
{
    /// <summary><c>owner/repo</c> of an action name (<c>github/codeql-action/init</c> → <c>github/codeql-action</c>), lower-cased.</summary>
    public static string RepositoryOf(string action)
    {
        var first = action.IndexOf('/');
        var second = first < 0 ? -1 : action.IndexOf('/', first + 1);
        return (second < 0 ? action : action[..second]).ToLowerInvariant();
    }

    /// <summary>True for a full commit id: 40 (SHA-1) or 64 (SHA-256) hex digits.</summary>
    public static bool IsCommit(string? text) => text is { Length: 40 or 64 } && text.All(char.IsAsciiHexDigit);
}
