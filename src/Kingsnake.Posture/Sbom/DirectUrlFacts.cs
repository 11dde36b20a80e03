using System.Text.Json;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// What a PEP 610 <c>direct_url.json</c> tells a BOM: a VCS install gives the purl qualifier <c>vcs_url</c>
/// (<c>git+https://…@commit</c>) and a <c>vcs</c> reference; an archive gives <c>file_name</c>, <c>download_url</c>
/// (unless on files.pythonhosted.org or a local <c>file:</c> URL), a <c>distribution</c> reference and the archive's
/// hashes; a directory gives only whether it is editable.
/// </summary>
internal sealed record DirectUrlFacts
{
    public static DirectUrlFacts None { get; } = new();

    public IReadOnlyList<KeyValuePair<string, string?>> Qualifiers { get; init; } = [];

    public IReadOnlyList<BomHash> Hashes { get; init; } = [];

    public IReadOnlyList<BomExternalReference> References { get; init; } = [];

    public string? FileName { get; init; }

    public bool Editable { get; init; }

    public static DirectUrlFacts From(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("url", out var urlElement) || urlElement.ValueKind != JsonValueKind.String)
        {
            return None;
        }

        var url = urlElement.GetString()!;
        var isRemote = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        if (Object(root, "vcs_info") is { } vcs)
        {
            var vcsName = String(vcs, "vcs") ?? "git";
            var commit = String(vcs, "commit_id");
            var vcsUrl = $"{vcsName}+{url}" + (commit is null ? "" : "@" + commit);
            return new DirectUrlFacts
            {
                Qualifiers = [new(PypiPurl.VcsUrl, vcsUrl)],
                References = isRemote && !url.Any(char.IsWhiteSpace) ? [new BomExternalReference("vcs", url) { Comment = commit is null ? null : "commit " + commit }] : [],
            };
        }

        if (Object(root, "archive_info") is { } archive)
        {
            var hashes = new List<BomHash>();
            if (Object(archive, "hashes") is { } table)
            {
                foreach (var member in table.EnumerateObject())
                {
                    if (member.Value.ValueKind == JsonValueKind.String && BomHashes.From(member.Name, member.Value.GetString()!) is { } hash)
                    {
                        hashes.Add(hash);
                    }
                }
            }

            if (hashes.Count == 0 && String(archive, "hash") is { } legacy && BomHashes.Parse(legacy) is { } legacyHash)
            {
                hashes.Add(legacyHash);
            }

            var fileName = uri is null ? null : Uri.UnescapeDataString(uri.AbsolutePath.Split('/')[^1]);
            var onPypi = uri is not null && uri.Host.Equals("files.pythonhosted.org", StringComparison.OrdinalIgnoreCase);
            return new DirectUrlFacts
            {
                Qualifiers = [new(PypiPurl.FileName, fileName), new(PypiPurl.DownloadUrl, isRemote && !onPypi ? url : null)],
                Hashes = hashes,
                FileName = string.IsNullOrEmpty(fileName) ? null : fileName,
                References = isRemote && !url.Any(char.IsWhiteSpace) ? [new BomExternalReference("distribution", url) { Hashes = hashes }] : [],
            };
        }

        var editable = Object(root, "dir_info") is { } dir && dir.TryGetProperty("editable", out var e) && e.ValueKind == JsonValueKind.True;
        return new DirectUrlFacts { Editable = editable };
    }

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
