using System.Text.RegularExpressions;
using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// SBOM: releases come with a software bill of materials — made by a release workflow (cyclonedx-py, syft, cdxgen,
/// <c>kingsnake sbom</c>, <c>anchore/sbom-action</c>, <c>actions/attest-sbom</c>…) or shipped inside the wheels
/// (PEP 770 <c>.dist-info/sboms/</c>: Hatchling's <c>sbom-files</c>, maturin's <c>[tool.maturin.sbom]</c>, auditwheel
/// repair through cibuildwheel for bundled native libraries).
/// <para>
/// 10: made with releases or shipped in wheels. 5: only an SBOM file kept at the root (Scorecard's own SBOM check
/// stops there; a committed file goes stale between releases). 0: none. Not a package: not applicable.
/// </para>
/// </summary>
public sealed partial class SbomCheck : IPostureCheck
{
    private static readonly string[] SbomActions = ["anchore/sbom-action", "actions/attest-sbom", "cyclonedx/gh-python-generate-sbom", "advanced-security/sbom-generator-action", "pypa/cibuildwheel"];

    private static readonly string[] SbomPrograms = ["cyclonedx-py", "cyclonedx-bom", "syft", "cdxgen", "cibuildwheel", "trivy"];

    public string Name => "SBOM";

    public CheckRisk Risk => CheckRisk.Low;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "Releases are accompanied by an SBOM, made in CI or shipped in the wheels (PEP 770).";

    public CheckResult Run(PostureContext context)
    {
        var layout = PackageLayout.Of(context);
        if (!layout.IsPackage)
        {
            return CheckResult.NotApplicable(this, "no pyproject.toml, setup.py or setup.cfg package metadata at the root");
        }

        var evidence = new List<CheckEvidence>();
        foreach (var workflow in context.Workflows)
        {
            foreach (var job in workflow.File?.Jobs.OfType<Kingsnake.Workflows.Model.NormalJob>() ?? [])
            {
                foreach (var step in job.Steps)
                {
                    if (step.Uses is { } uses && SbomActions.Any(a => uses.Is(a)))
                    {
                        evidence.Add(new CheckEvidence($"job '{job.Id}' runs {uses.ActionName}") { Path = workflow.RelativePath, Line = step.Node.Start.Line });
                        continue;
                    }

                    foreach (var command in ReleaseWorkflows.Commands(step))
                    {
                        var words = ReleaseWorkflows.ProgramWords(command);
                        if (words.Count > 0 && (SbomPrograms.Contains(words[0], StringComparer.Ordinal) || (words.Count > 1 && words[0] == "kingsnake" && words[1] == "sbom")
                            || (words[0] == "pip-audit" && words.Any(w => w.Contains("cyclonedx", StringComparison.Ordinal)))))
                        {
                            evidence.Add(new CheckEvidence($"job '{job.Id}' runs `{string.Join(' ', words.Take(3))}`") { Path = workflow.RelativePath, Line = step.Node.Start.Line });
                            break;
                        }
                    }
                }
            }
        }

        if (layout.PyProject?.Path("tool", "hatch", "build", "targets", "wheel")?["sbom-files"] is { } hatch)
        {
            evidence.Add(new CheckEvidence("Hatchling ships sbom-files in the wheel (PEP 770)") { Path = "pyproject.toml", Line = hatch.Line });
        }

        if (layout.PyProject?.Path("tool", "maturin", "sbom") is { } maturin)
        {
            evidence.Add(new CheckEvidence("maturin writes an SBOM into the wheel (PEP 770)") { Path = "pyproject.toml", Line = maturin.Line });
        }

        if (evidence.Count > 0)
        {
            return CheckResult.Scored(this, 10, "an SBOM is made with releases or shipped in the wheels", null, evidence);
        }

        var committed = context.Project.Files.Where(f => !f.RelativePath.Contains('/') && SbomFileName().IsMatch(f.RelativePath)).ToList();
        const string NextStep = "make one with each release: add a step `kingsnake sbom --output dist/sbom.cdx.json` (or `cyclonedx-py environment`) to the release workflow and attach it, or ship it in the wheel with Hatchling's `sbom-files`";
        if (committed.Count > 0)
        {
            return CheckResult.Scored(this, 5, "only an SBOM file kept in the repository, not one made with each release", NextStep,
                [.. committed.Select(f => new CheckEvidence("SBOM file at the root") { Path = f.RelativePath })]);
        }

        return CheckResult.Scored(this, 0, "no SBOM made with releases, shipped in wheels or kept in the repository", NextStep);
    }

    [GeneratedRegex(@"(?i)(^|[._-])(sbom|bom|cdx|cyclonedx|spdx)([._-].*)?\.(json|xml|spdx|cdx)$")]
    private static partial Regex SbomFileName();
}
