using Kingsnake.Core.Toml;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Static-Metadata: the package's metadata is written in pyproject.toml's <c>[project]</c> table (PEP 621), not
/// computed by running code. Static metadata can be read, audited and resolved without executing setup.py; dynamic
/// dependencies are what a dependency audit of the source cannot see.
/// <para>
/// 10: <c>[project]</c> with at most <c>version</c>, <c>readme</c> and similar descriptive fields dynamic; 2 points
/// off for each of <c>dependencies</c>, <c>optional-dependencies</c>, <c>requires-python</c>, <c>entry-points</c>,
/// <c>scripts</c>, <c>gui-scripts</c> listed in <c>dynamic</c> (no lower than 3). 5: Poetry's own
/// <c>[tool.poetry]</c> (static, but not the standard table). 3: setup.cfg <c>[metadata]</c>. 0: setup.py only.
/// Not a package: not applicable.
/// </para>
/// </summary>
public sealed class StaticMetadataCheck : IPostureCheck
{
    private static readonly string[] CodeLikeFields = ["dependencies", "optional-dependencies", "requires-python", "entry-points", "scripts", "gui-scripts"];

    public string Name => "Static-Metadata";

    public CheckRisk Risk => CheckRisk.Low;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "Package metadata is static PEP 621 [project] data, not computed at build time.";

    public CheckResult Run(PostureContext context)
    {
        var layout = PackageLayout.Of(context);
        if (!layout.IsPackage)
        {
            return CheckResult.NotApplicable(this, "no pyproject.toml, setup.py or setup.cfg package metadata at the root");
        }

        const string NextStep = "declare name, version, dependencies and requires-python in a [project] table of pyproject.toml (PEP 621); `hatch new --init` or setuptools' pyproject support read the same fields";
        if (layout.ProjectTable is not { } project)
        {
            if (layout.PyProject?.Path("tool", "poetry") is { } poetry)
            {
                return CheckResult.Scored(this, 5, "metadata in [tool.poetry], static but not the standard [project] table", "move the metadata to [project] (Poetry 2 reads it)",
                    [new CheckEvidence("[tool.poetry]") { Path = "pyproject.toml", Line = poetry.Line, Negative = true }]);
            }

            return layout.SetupCfg is not null && layout.SetupCfg.Contains("[metadata]", StringComparison.Ordinal)
                ? CheckResult.Scored(this, 3, "metadata in setup.cfg, read by setuptools alone", NextStep, [new CheckEvidence("setup.cfg [metadata]") { Path = "setup.cfg", Negative = true }])
                : CheckResult.Scored(this, 0, "metadata is computed by setup.py", NextStep, [new CheckEvidence("setup.py computes the metadata") { Path = "setup.py", Negative = true }]);
        }

        var dynamic = project.Array("dynamic")?.Items.Select(i => i.Text ?? "").Where(t => t.Length > 0).ToList() ?? [];
        var codeLike = dynamic.Where(d => CodeLikeFields.Contains(d, StringComparer.Ordinal)).ToList();
        var evidence = new List<CheckEvidence> { new($"[project] with {(dynamic.Count == 0 ? "no dynamic fields" : "dynamic = [" + string.Join(", ", dynamic) + "]")}") { Path = "pyproject.toml", Line = project.Line, Negative = codeLike.Count > 0 } };
        if (codeLike.Count == 0)
        {
            return CheckResult.Scored(this, 10, dynamic.Count == 0 ? "all metadata is static in [project]" : $"static [project]; only {string.Join(", ", dynamic)} computed", null, evidence);
        }

        return CheckResult.Scored(this, Math.Max(3, 10 - 2 * codeLike.Count), $"[project] computes {string.Join(", ", codeLike)} at build time",
            $"write {string.Join(" and ", codeLike)} into [project] in pyproject.toml and drop {(codeLike.Count == 1 ? "it" : "them")} from `dynamic`", evidence);
    }
}
