using System.Text;
using System.Text.RegularExpressions;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Security-Policy (<c>checks/raw/security_policy.go</c>, <c>checks/evaluation/security_policy.go</c>):
/// 0 without a <c>SECURITY.{md,markdown,adoc,rst}</c> in the root, <c>.github/</c> or <c>docs/</c> (or
/// <c>doc/security.rst</c>), names compared ignoring case. With one, three independent parts: 6 when it holds a URL
/// or an e-mail address; 3 when its size in bytes exceeds the bytes of those hits plus 2 per hit (there is text
/// around the links); 1 when it has more than one hit of a 1–4 digit number or of <c>disclos</c>/<c>vuln</c>. Each
/// part counts once when several policy files exist.
/// </summary>
public sealed partial class SecurityPolicyCheck : IPostureCheck
{
    private static readonly string[] Candidates =
    [
        "security.md", ".github/security.md", "docs/security.md",
        "security.adoc", ".github/security.adoc", "docs/security.adoc",
        "security.rst", ".github/security.rst", "docs/security.rst", "doc/security.rst",
        "security.markdown", ".github/security.markdown", "docs/security.markdown",
    ];

    public string Name => "Security-Policy";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "The project publishes a security policy that says how to report a vulnerability privately.";

    // Go's regexp is byte-oriented with ASCII classes: \S is "not [\t\n\f\r ]" and \b an ASCII word boundary
    [GeneratedRegex(@"(http|https)://[a-zA-Z0-9./?=_%:-]*", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    // linear time like Go's engine: a hostile file of '@'s must not make the backtracking engine cubic
    [GeneratedRegex(@"[^\t\n\f\r ]+@[^\t\n\f\r ]+\.[a-zA-Z]{2,3}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[0-9]{1,4}\b|(Disclos|Vuln)", RegexOptions.ECMAScript | RegexOptions.IgnoreCase)]
    private static partial Regex DisclosurePattern();

    public CheckResult Run(PostureContext context)
    {
        var policies = ScorecardFiles.List(context)
            .Where(p => Candidates.Contains(p, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (policies.Count == 0)
        {
            return CheckResult.Scored(this, 0, "no security policy file (SECURITY.md in the root, .github/ or docs/)",
                "add SECURITY.md naming a private reporting channel (a GitHub security advisory link or an e-mail), what to include, and how long a fix takes");
        }

        var evidence = new List<CheckEvidence>();
        bool links = false, text = false, disclosure = false;
        var details = new List<string>();
        foreach (var path in policies)
        {
            // Scorecard works on the bytes: the size is the file's, a BOM included
            if (ScorecardFiles.Read(context, path, out var error) is not { } bytes)
            {
                evidence.Add(new CheckEvidence($"security policy not read: {error?.Message}") { Path = path, Negative = true });
                continue;
            }

            var content = Encoding.UTF8.GetString(bytes);
            var size = bytes.Length;
            var hits = UrlPattern().Matches(content).Concat(EmailPattern().Matches(content)).ToList();
            var linkedBytes = hits.Sum(m => Encoding.UTF8.GetByteCount(m.Value));
            var words = DisclosurePattern().Matches(content).Count;
            var hasLinks = hits.Count > 0;
            var hasText = size > 1 && size > linkedBytes + (hits.Count * 2);
            var hasDisclosure = words > 1;
            links |= hasLinks;
            text |= hasText;
            disclosure |= hasDisclosure;
            details.Add($"{path}: {hits.Count} URL/e-mail hit(s), {size} bytes, {words} number/disclosure word hit(s)");
            evidence.Add(new CheckEvidence("security policy") { Path = path });
            foreach (var hit in hits.OrderBy(m => m.Index))
            {
                evidence.Add(new CheckEvidence($"contact: {hit.Value}") { Path = path, Line = LineAt(content, hit.Index) });
            }
        }

        var score = (links ? 6 : 0) + (text ? 3 : 0) + (disclosure ? 1 : 0);
        var reason = $"security policy {string.Join(", ", policies)}: links/e-mail {(links ? 6 : 0)}/6, text {(text ? 3 : 0)}/3, disclosure words {(disclosure ? 1 : 0)}/1 ({string.Join("; ", details)})";
        var next = !links
            ? $"name a private reporting channel in {policies[0]}: a link to the repository's GitHub security advisory form (https://github.com/OWNER/REPO/security/advisories/new) or a security e-mail address"
            : !text
                ? $"explain in {policies[0]} how to report (what to include, what happens next), not only the link"
                : $"say in {policies[0]} how vulnerabilities are disclosed and within how many days you answer (e.g. \"we acknowledge reports within 7 days\")";
        return CheckResult.Scored(this, score, reason, next, evidence);
    }

    private static int LineAt(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
