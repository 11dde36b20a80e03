using Kingsnake.Core.Findings;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's Vulnerabilities (<c>checks/evaluation/vulnerabilities.go</c>, <c>clients/osv.go</c>): <c>10 − n</c>, at
/// least 0, where n counts the known vulnerabilities of the checkout's pinned dependencies, records that name each
/// other through their aliases counted once (the same flaw in two packages or two lock files is one). Like
/// osv-scanner, unpinned requirements are not resolved: only findings for a fixed version count. What the project's
/// configuration accepts (suppressed findings) is left out, as osv-scanner's own ignore file would. Without an
/// advisory database nothing can be said.
/// </summary>
public sealed class VulnerabilitiesCheck : IPostureCheck
{
    public string Name => "Vulnerabilities";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "No pinned dependency has a known vulnerability.";

    public CheckResult Run(PostureContext context)
    {
        if (context.DependencyAudit is not { } audit)
        {
            return CheckResult.NotComputed(this, "no advisory database: run `kingsnake db update`");
        }

        var findings = audit.Findings
            .Where(f => f.Data is DependencyFindingData { Unpinned: false })
            .OrderBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.StartLine)
            .ToList();

        var groups = new AliasGroups();
        var evidence = new List<CheckEvidence>();
        foreach (var finding in findings)
        {
            var data = (DependencyFindingData)finding.Data!;
            var advisories = data.Vulnerabilities.Count > 0
                ? data.Vulnerabilities.Select(v => (IReadOnlyList<string>)[v.Id, .. v.Aliases])
                : data.Advisories.Select(a => (IReadOnlyList<string>)[a, .. data.Aliases]);
            foreach (var ids in advisories)
            {
                groups.Add(ids);
            }

            var listed = data.Vulnerabilities.Count > 0 ? string.Join(", ", data.Vulnerabilities.Select(v => v.Id)) : string.Join(", ", data.Advisories);
            evidence.Add(new CheckEvidence($"{data.Package} {data.Version}: {listed}")
            {
                Path = finding.Location.Path,
                Line = finding.Location.StartLine,
                Negative = true,
            });
        }

        var n = groups.Count;
        if (n == 0)
        {
            return CheckResult.Scored(this, 10, "no known vulnerability in the pinned dependencies", null);
        }

        var packages = findings.Select(f => ((DependencyFindingData)f.Data!).Package).Distinct(StringComparer.Ordinal).Count();
        var first = findings[0];
        var firstData = (DependencyFindingData)first.Data!;
        var next = firstData.FixedIn is { } fixedIn
            ? $"upgrade {firstData.Package} to {fixedIn} or later in {first.Location.Path}{(first.Location.HasLine ? $":{first.Location.StartLine}" : "")} (`kingsnake fix` can), then the other {packages - 1} package(s)"
            : $"replace or patch {firstData.Package} ({first.Location.Path}): no release fixes every advisory";
        return CheckResult.Scored(this, 10 - n, $"{n} known vulnerabilit{(n == 1 ? "y" : "ies")} (grouped by alias) in {packages} pinned package(s): 10 − {n}", next, evidence);
    }

    /// <summary>Vulnerability ids joined through shared aliases (union–find); <see cref="Count"/> is the number of distinct flaws.</summary>
    private sealed class AliasGroups
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public int Count => _parent.Keys.ToList().Select(Find).Distinct(StringComparer.Ordinal).Count();

        public void Add(IReadOnlyList<string> ids)
        {
            if (ids.Count == 0)
            {
                return;
            }

            var root = Find(ids[0]);
            foreach (var id in ids.Skip(1))
            {
                var other = Find(id);
                if (other != root)
                {
                    _parent[other] = root;
                }
            }
        }

        private string Find(string id)
        {
            if (!_parent.ContainsKey(id))
            {
                _parent[id] = id;
                return id;
            }

            var root = id;
            while (_parent[root] != root)
            {
                root = _parent[root];
            }

            while (_parent[id] != root)
            {
                var next = _parent[id];
                _parent[id] = root;
                id = next;
            }

            return root;
        }
    }
}
