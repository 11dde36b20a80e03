using System.Globalization;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Contributors, from the clone: <c>min(10, floor(10·n/3))</c> where Scorecard's n counts the GitHub
/// organisations and profile companies of contributors with at least 5 contributions. A clone knows no organisation,
/// so n here is the number of distinct organisation e-mail domains among the authors with at least 5 commits in the
/// bounded history (10,000 commits from HEAD). An author is an e-mail address; domains of public mail providers
/// (gmail.com, GitHub's noreply addresses, outlook.com, …) and placeholders name no organisation and are left out, as
/// are bots. A domain is cut to its registrable part (<c>cs.example.edu</c> → <c>example.edu</c>,
/// <c>dept.example.co.uk</c> → <c>example.co.uk</c>), so one organisation's subdomains count once.
/// </summary>
public sealed class ContributorsCheck : IPostureCheck
{
    /// <summary>Scorecard's threshold: contributors with at least this many contributions count.</summary>
    public const int MinCommits = 5;

    /// <summary>Organisations for full marks.</summary>
    public const int FullMarks = 3;

    private static readonly HashSet<string> PublicDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "users.noreply.github.com", "noreply.github.com", "github.com", "outlook.com",
        "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "protonmail.com", "protonmail.ch", "proton.me", "pm.me", "gmx.de", "gmx.net", "gmx.com", "web.de", "mail.ru",
        "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com", "foxmail.com", "zoho.com", "fastmail.com",
        "fastmail.fm", "hey.com", "tutanota.com", "posteo.de", "mailbox.org", "riseup.net", "free.fr", "orange.fr",
        "laposte.net", "t-online.de", "users.sourceforge.net", "example.com", "example.org", "example.net", "localhost",
        "localdomain", "(none)", "none",
    };

    /// <summary>Providers that have a domain in many countries (<c>yahoo.co.jp</c>, <c>hotmail.fr</c>).</summary>
    private static readonly string[] PublicProviderNames = ["gmail", "yahoo", "hotmail", "outlook", "live", "gmx", "yandex", "protonmail"];

    private static readonly HashSet<string> SecondLevelLabels = new(StringComparer.OrdinalIgnoreCase) { "co", "com", "ac", "edu", "gov", "org", "net", "ne", "or", "go", "gob", "gv" };

    public string Name => "Contributors";

    public CheckRisk Risk => CheckRisk.Low;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "Regular contributors come from several organisations.";

    public CheckResult Run(PostureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Repository is null)
        {
            return CheckResult.NotApplicable(this, "not a git repository");
        }

        if (PostureHistory.ShallowCut(context, wholeHistory: true) is { } cut)
        {
            return CheckResult.NotComputed(this, cut);
        }

        var history = PostureHistory.Bounded(context);
        if (history.Error is not null)
        {
            return CheckResult.Failed(this, "the history could not be read: " + history.Error);
        }

        if (history.Commits.Count == 0)
        {
            return CheckResult.NotApplicable(this, "the repository has no commits yet");
        }

        var authors = history.Commits
            .Where(commit => !PostureHistory.IsBot(commit.Author))
            .GroupBy(commit => commit.Author.Email.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .Where(group => group.Count() >= MinCommits)
            .Select(group => (Email: group.Key, Commits: group.Count(), Newest: group.First()))
            .ToList();
        var organisations = authors
            .Select(author => (author.Email, author.Commits, author.Newest, Domain: Organisation(author.Email)))
            .Where(author => author.Domain is not null)
            .GroupBy(author => author.Domain!, StringComparer.Ordinal)
            .OrderByDescending(group => group.Sum(author => author.Commits))
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .ToList();
        var evidence = organisations.Select(group => new CheckEvidence(
            $"{group.Key}: {string.Join(", ", group.OrderByDescending(author => author.Commits).ThenBy(author => author.Email, StringComparer.Ordinal).Select(author => $"{author.Email} ({author.Commits} commits)"))}")
        { Commit = group.First().Newest.Id }).ToList();
        var unaffiliated = authors.Count - organisations.Sum(group => group.Count());
        if (unaffiliated > 0)
        {
            evidence.Add(new CheckEvidence($"{unaffiliated} authors with ≥ {MinCommits} commits use a public mail provider or no domain: no organisation counted for them"));
        }

        var n = organisations.Count;
        var score = Math.Min(10, 10 * n / FullMarks);
        var scope = history.Truncated ? $"the last {history.Commits.Count:N0} commits" : $"all {history.Commits.Count:N0} commits";
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{n} organisation{(n == 1 ? "" : "s")} among the {authors.Count} author{(authors.Count == 1 ? "" : "s")} with ≥ {MinCommits} commits in {scope}: min(10, floor(10·{n}/{FullMarks})) = {score}; organisations are e-mail domains here, not GitHub organisations as on Scorecard");
        return CheckResult.Scored(
            this,
            score,
            reason,
            $"have maintainers from at least {FullMarks} organisations contribute regularly (≥ {MinCommits} commits each, with their organisation's e-mail)",
            evidence);
    }

    /// <summary>The organisation an e-mail address names: its registrable domain, or null for a public provider or none.</summary>
    public static string? Organisation(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.LastIndexOf('@');
        var domain = at < 0 ? "" : email[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        var labels = domain.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length < 2 || PublicDomains.Contains(domain))
        {
            return null;
        }

        var take = labels.Length >= 3 && labels[^1].Length == 2 && SecondLevelLabels.Contains(labels[^2]) ? 3 : 2;
        var registrable = string.Join('.', labels[^take..]);
        return PublicDomains.Contains(registrable) || PublicProviderNames.Contains(labels[^take]) ? null : registrable;
    }
}
