namespace Kingsnake.Workflows.Model;

/// <summary>What a <c>uses:</c> value points at.</summary>
public enum UsesKind
{
    /// <summary><c>owner/repo[/path]@ref</c>: an action or reusable workflow in a repository.</summary>
    Repository,

    /// <summary><c>./path</c>: an action or workflow in the same repository at the same commit.</summary>
    Local,

    /// <summary><c>docker://image[:tag][@sha256:…]</c>: a container image run as an action.</summary>
    Docker,
}

/// <summary>How firmly a repository ref pins the code it names.</summary>
public enum UsesRefKind
{
    /// <summary>No <c>@ref</c> at all (invalid for repository uses; GitHub rejects it).</summary>
    None,

    /// <summary>A full commit SHA (40 hex digits, or 64 for SHA-256 repositories): immutable.</summary>
    CommitSha,

    /// <summary>An abbreviated hex SHA: GitHub no longer resolves these, and they are ambiguous.</summary>
    ShortSha,

    /// <summary>A version tag such as <c>v4</c> or <c>v1.2.3</c>: mutable, moved by the owner.</summary>
    VersionTag,

    /// <summary>A well-known branch name (main, master, develop…) or a ref with a slash: moves on every push.</summary>
    Branch,

    /// <summary>Any other symbolic ref: a tag or a branch, which cannot be told apart offline.</summary>
    Symbolic,
}

/// <summary>
/// A parsed <c>uses:</c> value. Parsing never fails: text that fits no form is kept as a repository
/// reference with what could be read, and <see cref="IsWellFormed"/> says so.
/// </summary>
public sealed record UsesReference
{
    public required string Raw { get; init; }

    public required UsesKind Kind { get; init; }

    /// <summary>Repository owner (repository uses only), as written.</summary>
    public string Owner { get; init; } = "";

    /// <summary>Repository name (repository uses only), as written.</summary>
    public string Repo { get; init; } = "";

    /// <summary>Sub-path inside the repository (e.g. <c>.github/workflows/ci.yml</c>), or the local path for <see cref="UsesKind.Local"/>; empty when none.</summary>
    public string Path { get; init; } = "";

    /// <summary>The ref after '@'; null when there is none.</summary>
    public string? Ref { get; init; }

    /// <summary>0-based offset of <see cref="Ref"/> inside <see cref="Raw"/>; -1 when there is no ref.</summary>
    public int RefOffset { get; init; } = -1;

    public UsesRefKind RefKind { get; init; }

    /// <summary>Docker image name (without tag or digest).</summary>
    public string Image { get; init; } = "";

    public string? Tag { get; init; }

    /// <summary>Docker digest such as <c>sha256:…</c>.</summary>
    public string? Digest { get; init; }

    public bool IsWellFormed { get; init; } = true;

    /// <summary><c>owner/repo</c>, lower-cased (GitHub owner and repository names are case-insensitive).</summary>
    public string Slug => $"{Owner}/{Repo}".ToLowerInvariant();

    /// <summary><c>owner/repo[/path]</c> lower-cased, what action tables are keyed by.</summary>
    public string ActionName => Path.Length == 0 ? Slug : $"{Slug}/{Path.ToLowerInvariant()}";

    /// <summary>True for a reusable-workflow reference (a path to a YAML file under .github/workflows).</summary>
    public bool IsReusableWorkflow =>
        Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this names the action <paramref name="action"/> (<c>owner/repo</c> or <c>owner/repo/path</c>), any ref.</summary>
    public bool Is(string action) => Kind == UsesKind.Repository && ActionName.Equals(action, StringComparison.OrdinalIgnoreCase);

    public static UsesReference Parse(string text)
    {
        var raw = text.Trim();
        if (raw.StartsWith("docker://", StringComparison.Ordinal))
        {
            return ParseDocker(raw);
        }

        if (raw.StartsWith("./", StringComparison.Ordinal) || raw.StartsWith("../", StringComparison.Ordinal) || raw == ".")
        {
            return new UsesReference { Raw = raw, Kind = UsesKind.Local, Path = raw };
        }

        var at = raw.IndexOf('@');
        var location = at < 0 ? raw : raw[..at];
        var reference = at < 0 ? null : raw[(at + 1)..];
        var parts = location.Split('/');
        var wellFormed = parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0 && !string.IsNullOrEmpty(reference);
        return new UsesReference
        {
            Raw = raw,
            Kind = UsesKind.Repository,
            Owner = parts[0],
            Repo = parts.Length > 1 ? parts[1] : "",
            Path = parts.Length > 2 ? NormalizePath(parts[2..]) : "",
            Ref = reference,
            RefOffset = at < 0 ? -1 : at + 1,
            RefKind = ClassifyRef(reference),
            IsWellFormed = wellFormed,
        };
    }

    /// <summary>
    /// The action's path inside its repository with <c>.</c> and empty segments dropped and <c>..</c> resolved, so
    /// that <c>actions/checkout/./@v4</c> is still checkout to every audit (obfuscation reports the spelling itself).
    /// </summary>
    private static string NormalizePath(string[] segments)
    {
        var kept = new List<string>();
        foreach (var segment in segments)
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == ".." && kept.Count > 0 && kept[^1] != "..")
            {
                kept.RemoveAt(kept.Count - 1);
            }
            else
            {
                kept.Add(segment);
            }
        }

        return string.Join('/', kept);
    }

    /// <summary>Classifies a git ref offline, from its shape alone.</summary>
    public static UsesRefKind ClassifyRef(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return UsesRefKind.None;
        }

        if (IsHex(reference) && reference.Length is 40 or 64)
        {
            return UsesRefKind.CommitSha;
        }

        if (IsHex(reference) && reference.Length >= 7 && reference.Any(char.IsAsciiDigit) && reference.Any(char.IsAsciiLetter))
        {
            return UsesRefKind.ShortSha;
        }

        if (IsVersion(reference))
        {
            return UsesRefKind.VersionTag;
        }

        return reference.ToLowerInvariant() switch
        {
            "main" or "master" or "develop" or "development" or "dev" or "trunk" or "next" or "stable" or "canary" or "nightly" or "edge" or "head" => UsesRefKind.Branch,
            _ when reference.Contains('/', StringComparison.Ordinal) && !reference.StartsWith("refs/tags/", StringComparison.Ordinal) => UsesRefKind.Branch,
            _ => UsesRefKind.Symbolic,
        };
    }

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>v1</c>, <c>1.2</c>, <c>v1.2.3</c>, <c>v2.0.0-beta.1</c>, <c>release-1.4</c> is not.</summary>
    private static bool IsVersion(string text)
    {
        var i = text.Length > 1 && text[0] is 'v' or 'V' ? 1 : 0;
        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        return i == text.Length || text[i] is '-' or '+';
    }

    private static UsesReference ParseDocker(string raw)
    {
        var image = raw["docker://".Length..];
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }

        string? tag = null;
        var colon = image.LastIndexOf(':');
        if (colon > image.LastIndexOf('/'))
        {
            tag = image[(colon + 1)..];
            image = image[..colon];
        }

        return new UsesReference
        {
            Raw = raw,
            Kind = UsesKind.Docker,
            Image = image,
            Tag = tag,
            Digest = digest,
            IsWellFormed = image.Length > 0,
        };
    }
}
