using Kingsnake.Packaging.Metadata;
using Kingsnake.Reporting.Sbom;

namespace Kingsnake.Posture.Sbom;

/// <summary>
/// External references from core metadata links: <c>Home-page</c> (website), <c>Download-URL</c> (distribution) and
/// each <c>Project-URL: Label, URL</c>, typed by its label as PEP 753 normalizes it (lowercase, punctuation and
/// spaces removed): homepage → website, source/repository → vcs, issues/bug tracker → issue-tracker,
/// documentation → documentation, changelog/release notes → release-notes, and so on; an unknown label is
/// <c>other</c> with the label as comment. Only absolute http(s) URLs without spaces are kept; each URL once.
/// </summary>
public static class ProjectUrlReferences
{
    public static IReadOnlyList<BomExternalReference> From(CoreMetadata metadata)
    {
        var references = new List<BomExternalReference>();

        void Add(string type, string? url, string? comment)
        {
            url = url?.Trim();
            if (url is null || !IsUsableUrl(url) || references.Any(r => r.Url == url && r.Type == type))
            {
                return;
            }

            references.Add(new BomExternalReference(type, url) { Comment = comment });
        }

        Add("website", metadata.Get("Home-page"), "Home-page");
        Add("distribution", metadata.Get("Download-URL"), "Download-URL");
        foreach (var projectUrl in metadata.GetAll("Project-URL"))
        {
            var comma = projectUrl.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                continue;
            }

            var label = projectUrl[..comma].Trim();
            Add(TypeOfLabel(label), projectUrl[(comma + 1)..], label);
        }

        return references;
    }

    /// <summary>The CycloneDX external reference type for a Project-URL label.</summary>
    public static string TypeOfLabel(string label) => Normalize(label) switch
    {
        "homepage" or "home" or "website" or "web" => "website",
        "source" or "sourcecode" or "repository" or "repo" or "code" or "github" or "gitlab" or "git" or "vcs" => "vcs",
        "issues" or "issue" or "issuetracker" or "bugtracker" or "bugs" or "bugreports" or "tracker" => "issue-tracker",
        "documentation" or "docs" or "doc" => "documentation",
        "changelog" or "changes" or "releasenotes" or "whatsnew" or "history" or "news" => "release-notes",
        "download" or "downloads" => "distribution",
        "chat" or "discord" or "gitter" or "slack" or "zulip" or "matrix" => "chat",
        "mailinglist" or "mailinglists" => "mailing-list",
        "support" or "forum" or "discussions" or "qa" => "support",
        "security" or "securitypolicy" => "security-contact",
        "twitter" or "mastodon" or "social" => "social",
        _ => "other",
    };

    /// <summary>PEP 753 label normalization: lowercase, with punctuation and whitespace removed.</summary>
    private static string Normalize(string label) => new(label.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    private static bool IsUsableUrl(string url) =>
        url.Length > 0 && !url.Any(char.IsWhiteSpace) && !url.Contains('"', StringComparison.Ordinal)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;
}
