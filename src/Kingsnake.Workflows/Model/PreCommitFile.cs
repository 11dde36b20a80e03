using Kingsnake.Core.Findings;
using Kingsnake.Core.Yaml;

namespace Kingsnake.Workflows.Model;

/// <summary>One entry of <c>repos:</c> in <c>.pre-commit-config.yaml</c>.</summary>
public sealed record PreCommitRepo(YamlMapping Node, YamlScalar Repo, YamlScalar? Rev)
{
    /// <summary>True for pre-commit's built-in pseudo repositories (<c>local</c>, <c>meta</c>), which fetch nothing.</summary>
    public bool IsPseudo => Repo.Value is "local" or "meta";

    /// <summary><c>owner/repo</c> (lower-case) for a GitHub URL, else null.</summary>
    public string? GitHubSlug
    {
        get
        {
            var url = Repo.Value.Trim();
            foreach (var prefix in (ReadOnlySpan<string>)["https://github.com/", "http://github.com/", "git://github.com/", "git@github.com:"])
            {
                if (url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    var parts = url[prefix.Length..].TrimEnd('/').Split('/');
                    if (parts.Length >= 2)
                    {
                        var repo = parts[1].EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? parts[1][..^4] : parts[1];
                        return $"{parts[0]}/{repo}".ToLowerInvariant();
                    }
                }
            }

            return null;
        }
    }
}

/// <summary>A parsed pre-commit configuration (<c>.pre-commit-config.yaml</c>).</summary>
public sealed class PreCommitFile
{
    private PreCommitFile(string path, YamlDocument document, YamlMapping root)
    {
        Path = path;
        Document = document;
        Root = root;
        var repos = YamlShape.OptionalSequence(root, "repos", "'repos:'");
        Repos = repos is null ? [] : [.. repos.Items.Select(Read)];
    }

    public string Path { get; }

    public YamlDocument Document { get; }

    public YamlMapping Root { get; }

    public IReadOnlyList<PreCommitRepo> Repos { get; }

    public static PreCommitFile Parse(string path, string text, YamlLimits? limits = null)
    {
        var document = YamlDocument.Parse(text, limits);
        return document.Root switch
        {
            YamlMapping root => new PreCommitFile(path, document, root),
            null => throw new InputFormatException("the pre-commit configuration is empty"),
            var other => throw YamlShape.Wrong(other, ".pre-commit-config.yaml must be a mapping at the top level"),
        };
    }

    private static PreCommitRepo Read(YamlNode item)
    {
        if (item is not YamlMapping mapping)
        {
            throw YamlShape.Wrong(item, "each entry of 'repos:' must be a mapping");
        }

        var repo = YamlShape.OptionalScalar(mapping, "repo", "'repo:'") ?? throw YamlShape.Wrong(mapping, "a pre-commit repository needs 'repo:'");
        return new PreCommitRepo(mapping, repo, YamlShape.OptionalScalar(mapping, "rev", "'rev:'"));
    }
}
