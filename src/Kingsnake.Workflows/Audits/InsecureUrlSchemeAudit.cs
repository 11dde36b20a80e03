using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Workflows.Auditing;

namespace Kingsnake.Workflows.Audits;

/// <summary>
/// insecure-url-scheme (zizmor.md §2): a pre-commit <c>repo:</c> fetched over <c>http://</c> or <c>git://</c>, which
/// anyone on the network path can tamper with; the hook code then runs on every developer's machine and in CI.
/// </summary>
public sealed class InsecureUrlSchemeAudit : WorkflowAudit
{
    public override Rule Rule => WorkflowRules.InsecureUrlScheme;

    public override void Audit(AuditTarget target, FindingSink sink)
    {
        foreach (var repo in target.PreCommit?.Repos ?? [])
        {
            var url = repo.Repo.Value.Trim();
            foreach (var scheme in (ReadOnlySpan<string>)["http://", "git://"])
            {
                if (url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
                {
                    sink.Report(Rule, repo.Repo, $"hook repository {url} is fetched over {scheme[..^3]}, without TLS; use https://", Severity.High, Confidence.High, context: repo.Node);
                }
            }
        }
    }
}
