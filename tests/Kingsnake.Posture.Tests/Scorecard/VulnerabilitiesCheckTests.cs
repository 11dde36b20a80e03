using Kingsnake.Core.Auditing;
using Kingsnake.Core.Findings;
using Kingsnake.Dependencies.Auditing;
using Kingsnake.Posture.Checks.Scorecard;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Tests.Scorecard;

public sealed class VulnerabilitiesCheckTests
{
    private static readonly VulnerabilitiesCheck Check = new();

    private static Finding Vulnerable(string package, string version, int line, bool unpinned, params DependencyAdvisory[] advisories) => new()
    {
        Rule = unpinned ? DependencyRules.VulnerableRange : DependencyRules.VulnerableDependency,
        Message = $"{package} {version} is affected",
        Location = SourceSpan.Line("requirements.txt", line),
        FingerprintSource = $"{package} {version}",
        Data = new DependencyFindingData
        {
            Package = package,
            Version = version,
            Unpinned = unpinned,
            Advisories = [.. advisories.Select(a => a.Id)],
            Vulnerabilities = advisories,
            FixedIn = "99.0",
        },
    };

    private static DependencyAdvisory Advisory(string id, params string[] aliases) => new() { Id = id, Aliases = aliases };

    [Fact]
    public void Without_an_advisory_database_it_is_not_computed()
    {
        using var tree = new TempTree();
        tree.Write("requirements.txt", "requests==2.19.0\n");
        var result = tree.Run(Check);
        Assert.Equal(CheckStatus.NotComputed, result.Status);
        Assert.Equal("no advisory database: run `kingsnake db update`", result.Reason);
    }

    [Fact]
    public void Vulnerabilities_are_counted_once_per_alias_group_over_pinned_findings()
    {
        using var tree = new TempTree();
        tree.Write("requirements.txt", "jinja2==2.10\nurllib3==1.24.1\nrequests==2.19.0\nflask>=0.12\n");
        var audit = new AuditResult();

        // jinja2: PYSEC-2019-217 and GHSA-462w-v97r-4m45 are one flaw (both alias CVE-2019-10906); a second flaw
        audit.Findings.Add(Vulnerable("jinja2", "2.10", 1, false,
            Advisory("PYSEC-2019-217", "CVE-2019-10906", "GHSA-462w-v97r-4m45"),
            Advisory("PYSEC-2019-220", "CVE-2016-10745")));

        // urllib3: one flaw, reached through the GHSA id alone; a second record of CVE-2019-10906 would join jinja2's group
        audit.Findings.Add(Vulnerable("urllib3", "1.24.1", 2, false, Advisory("GHSA-mh33-7rrq-662w", "CVE-2019-11324")));

        // requests: accepted in the project's configuration, so left out

        audit.Suppressed.Add(new Kingsnake.Core.Suppression.SuppressedFinding(
            Vulnerable("requests", "2.19.0", 3, false, Advisory("PYSEC-2018-28", "CVE-2018-18074", "GHSA-x84v-xcm2-53pg")),
            new Kingsnake.Core.Suppression.SuppressionReason(Kingsnake.Core.Suppression.SuppressionKind.Baseline, "baseline")));

        // flask: an unpinned range, which osv-scanner does not resolve
        audit.Findings.Add(Vulnerable("flask", ">=0.12", 4, true, Advisory("PYSEC-2019-179", "CVE-2019-1010083")));

        var result = Check.Run(new PostureContext(Kingsnake.Project.ProjectTree.Open(tree.Root), null, TempTree.FixedNow, () => audit));

        // groups: {PYSEC-2019-217, CVE-2019-10906, GHSA-462w…}, {PYSEC-2019-220, CVE-2016-10745}, {GHSA-mh33…, CVE-2019-11324} → 3
        Assert.Equal(7, result.Score);
        Assert.StartsWith("3 known vulnerabilities (grouped by alias) in 2 pinned package(s): 10 − 3", result.Reason, StringComparison.Ordinal);
        Assert.Equal([1, 2], result.Evidence.Select(e => e.Line));
        Assert.Equal("jinja2 2.10: PYSEC-2019-217, PYSEC-2019-220", result.Evidence[0].Description);
        Assert.StartsWith("upgrade jinja2 to 99.0 or later in requirements.txt:1", result.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_aliases_across_packages_join_and_the_score_floors_at_0()
    {
        using var tree = new TempTree();
        var audit = new AuditResult();
        audit.Findings.Add(Vulnerable("a", "1.0", 1, false, Advisory("PYSEC-1", "CVE-1")));
        audit.Findings.Add(Vulnerable("b", "1.0", 2, false, Advisory("GHSA-1", "CVE-1")));
        for (var i = 0; i < 11; i++)
        {
            audit.Findings.Add(Vulnerable($"c{i}", "1.0", 3 + i, false, Advisory($"PYSEC-X-{i}")));
        }

        var result = Check.Run(new PostureContext(Kingsnake.Project.ProjectTree.Open(tree.Root), null, TempTree.FixedNow, () => audit));
        Assert.Equal(0, result.Score); // 12 groups
        Assert.StartsWith("12 known vulnerabilities", result.Reason, StringComparison.Ordinal);

        var clean = Check.Run(new PostureContext(Kingsnake.Project.ProjectTree.Open(tree.Root), null, TempTree.FixedNow, () => new AuditResult()));
        Assert.Equal(10, clean.Score);
    }
}
