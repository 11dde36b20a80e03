using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Dependencies.Auditing;

/// <summary>The dependency audit's rule descriptors.</summary>
public static class DependencyRules
{
    public const string Area = "deps";

    public static Rule VulnerableDependency { get; } = new()
    {
        Id = "DEP001",
        Name = "vulnerable-dependency",
        Title = "Dependency with a known vulnerability",
        Area = Area,
        DefaultSeverity = Severity.High,
        DefaultConfidence = Confidence.High,
        Cwe = [1395],
        Help = """
            The installed, locked or pinned version of this package is affected by published advisories
            (OSV records). Anyone who can reach the vulnerable code path can exploit it. The package is reported
            once per place (a requirements line, a lockfile entry), listing every advisory that affects it, with
            the highest of their severities; the JSON report and SARIF carry each advisory's own facts.

            **Fix:** upgrade to the version the finding names: the lowest known release that no advisory of the
            package affects at all (an upgrade can land in a range that starts above the version you have, so
            the lowest fix of the advisories that hit you is not always safe). `kingsnake fix` moves plain pins
            and raises `pyproject.toml` lower bounds to it; a lockfile or a requirements file with hashes is
            left to its tool, and the command to run is printed (`uv lock --upgrade-package NAME`,
            `poetry update NAME`, `pdm update NAME`, the file's `pip-compile` command with
            `--upgrade-package NAME==VERSION`). If the advisory does not apply to how you use the package,
            accept it explicitly with a reason and an expiry date:

            ```toml
            [[tool.kingsnake.ignore-vulnerabilities]]
            id = "PYSEC-2023-0000"
            reason = "we never parse untrusted archives"
            until = 2026-12-31
            ```

            The severity is the advisory's (computed from its CVSS v3 vector when it has one); advisories
            without a severity are reported as high.
            """,
    };

    public static Rule VulnerableRange { get; } = new()
    {
        Id = "DEP002",
        Name = "unpinned-vulnerable-range",
        Title = "Version range admits vulnerable releases",
        Area = Area,
        DefaultSeverity = Severity.Info,
        DefaultConfidence = Confidence.Medium,
        Cwe = [1395, 1104],
        Help = """
            The requirement does not pin one version, and the versions it allows include releases affected
            by a published advisory. Which version gets installed depends on the resolver and the day, so
            Kingsnake does not guess: it reports the advisories the range can still reach.

            The requirement is reported once, with every advisory the range can reach and the one lower bound
            that clears them all. When the range also allows fixed releases (a resolver picks the newest), the
            finding is informational and does not fail a build by default. When no allowed release is fixed
            (for example `django<3`), every install is vulnerable and the finding carries the worst advisory
            severity. A package that a lockfile, an installed environment or a pinned requirement of the same
            run fixes to one version (the output of `pip-compile` or `uv pip compile` pins every package of its
            `.in` inputs) is audited at that version instead (DEP001), and its ranges are not reported.

            **Fix:** raise the lower bound to the fixed version the finding names (`pkg>=FIXED`), or pin
            exact versions with a lockfile (`uv lock`, `poetry lock`, `pip-compile`).
            """,
    };

    public static IReadOnlyList<Rule> All { get; } = [VulnerableDependency, VulnerableRange];

    // after All: static properties are initialized in the order they are written
    /// <summary>The dependency area: known-vulnerable packages in requirements, lockfiles, pyproject.toml and environments.</summary>
    public static AuditArea AuditArea { get; } = new(Area, "Dependencies", All) { Aliases = ["dependencies"] };
}
