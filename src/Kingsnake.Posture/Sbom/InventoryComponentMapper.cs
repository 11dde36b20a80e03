using Kingsnake.Core.Inventory;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// One inventory <see cref="Component"/> (from a lock, requirements file or pyproject.toml) as a BOM component.
/// <list type="bullet">
/// <item>Version: the locked or pinned one; none when the input fixes none (then <see cref="BomComponent.VersionSpecifier"/>
/// holds what it allows and the purl has no version — nothing is guessed).</item>
/// <item>Hashes: a lock lists candidate files; each becomes a <c>distribution</c> external reference with its hashes and
/// URL (or its file name when the lock gives no URL). Only when there is exactly one candidate — the one an installer
/// will take — do its hashes go on the component itself. Hashes without files (requirements <c>--hash</c>, Pipfile.lock):
/// one hash is the component's; several are candidate files, put on one <c>distribution</c> reference to the PyPI release.</item>
/// <item>A direct URL: VCS → purl <c>vcs_url</c> and a <c>vcs</c> reference; http(s) archive → <c>download_url</c>
/// (not for files.pythonhosted.org) and a <c>distribution</c> reference; a local path → a property.</item>
/// <item>Properties: <c>kingsnake:source</c> (file and line), <c>kingsnake:group</c>, <c>kingsnake:marker</c>, <c>kingsnake:editable</c>.</item>
/// </list>
/// </summary>
internal static class InventoryComponentMapper
{
    public static BomComponent Map(Component item, BomScope scope, BomRefAllocator refs)
    {
        var qualifiers = new List<KeyValuePair<string, string?>>();
        var references = new List<BomExternalReference>();
        var properties = new List<BomProperty> { new("kingsnake:source", $"{item.Location.Path}:{item.Location.StartLine}") };
        if (item.Url is { } url)
        {
            if (IsVcs(url))
            {
                var vcsUrl = url.Split('#', 2)[0]; // pip's #egg=… / #subdirectory=… fragment is not part of the location
                qualifiers.Add(new(PypiPurl.VcsUrl, vcsUrl));
                var plain = vcsUrl[(vcsUrl.IndexOf('+', StringComparison.Ordinal) + 1)..];
                var at = plain.LastIndexOf('@');
                var repository = at > plain.IndexOf("://", StringComparison.Ordinal) + 3 ? plain[..at] : plain;
                if (IsHttp(repository))
                {
                    references.Add(new BomExternalReference("vcs", repository) { Comment = at > 0 ? "revision " + plain[(at + 1)..] : null });
                }
            }
            else if (IsHttp(url))
            {
                var onPypi = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Equals("files.pythonhosted.org", StringComparison.OrdinalIgnoreCase);
                qualifiers.Add(new(PypiPurl.DownloadUrl, onPypi ? null : url));
                references.Add(new BomExternalReference("distribution", url));
            }
            else
            {
                properties.Add(new BomProperty("kingsnake:local-path", url));
            }
        }

        IReadOnlyList<BomHash> hashes = [];
        string? fileName = null;
        if (item.Files.Count > 0)
        {
            foreach (var file in item.Files)
            {
                var fileHashes = BomHashes.ParseAll(file.Hashes);
                var target = file.Url is { } fileUrl && IsHttp(fileUrl) ? fileUrl : file.FileName is { } name ? Uri.EscapeDataString(name) : null;
                if (target is not null && !references.Any(r => r.Type == "distribution" && r.Url == target))
                {
                    references.Add(new BomExternalReference("distribution", target) { Hashes = fileHashes, Comment = file.FileName });
                }
            }

            if (item.Files.Count == 1)
            {
                hashes = BomHashes.ParseAll(item.Files[0].Hashes);
                fileName = item.Files[0].FileName;
            }
        }
        else if (item.Hashes.Count > 0)
        {
            var parsed = BomHashes.ParseAll(item.Hashes);
            if (parsed.Count == 1)
            {
                hashes = parsed;
            }
            else if (item.Version is { } version)
            {
                references.Add(new BomExternalReference("distribution", $"https://pypi.org/project/{PypiPurl.Name(item.Name)}/{Uri.EscapeDataString(version)}/#files")
                {
                    Hashes = parsed,
                    Comment = "hashes of candidate files (requirements --hash)",
                });
            }
        }

        if (item.Group.Length > 0)
        {
            properties.Add(new BomProperty("kingsnake:group", item.Group));
        }

        if (item.Marker.Length > 0)
        {
            properties.Add(new BomProperty("kingsnake:marker", item.Marker));
        }

        if (item.Editable)
        {
            properties.Add(new BomProperty("kingsnake:editable", "true"));
        }

        var purl = PypiPurl.Create(item.Name, item.Version, qualifiers);
        return new BomComponent
        {
            Ref = refs.Allocate(purl),
            Name = item.Name,
            Version = item.Version,
            VersionSpecifier = item.Version is null ? item.Specifier : "",
            Purl = purl,
            Scope = scope,
            Hashes = hashes,
            FileName = fileName,
            ExternalReferences = references,
            Properties = properties,
        };
    }

    private static bool IsVcs(string url) =>
        url.StartsWith("git+", StringComparison.OrdinalIgnoreCase) || url.StartsWith("hg+", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("svn+", StringComparison.OrdinalIgnoreCase) || url.StartsWith("bzr+", StringComparison.OrdinalIgnoreCase);

    private static bool IsHttp(string url) =>
        !url.Any(char.IsWhiteSpace) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
