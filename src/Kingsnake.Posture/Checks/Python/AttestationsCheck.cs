using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Audits;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Attestations: releases carry PEP 740 attestations, signed statements (Sigstore, bound to the workflow's identity)
/// that PyPI shows and installers can check, tying each file to the workflow run that built it.
/// <para>
/// <c>pypa/gh-action-pypi-publish</c> makes and uploads them when it publishes through Trusted Publishing: by default
/// from v1.11.0, on request (<c>attestations: true</c>) in v1.10. An upload step earns 10 when it does so (a version
/// that cannot be told offline, a SHA without a version comment or the <c>release/v1</c> branch, is taken as current),
/// 0 when attestations are turned off, its version is older, or it uploads with a token or with a tool that does not
/// upload attestations. Score = the share of upload steps that attest, rounded down. Whether PyPI holds them is not
/// visible offline. No upload step: not applicable.
/// </para>
/// </summary>
public sealed class AttestationsCheck : IPostureCheck
{
    public string Name => "Attestations";

    public CheckRisk Risk => CheckRisk.Medium;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "Releases are published with PEP 740 attestations.";

    public CheckResult Run(PostureContext context)
    {
        var sites = ReleaseWorkflows.Of(context).Sites;
        if (sites.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no workflow uploads to a package index");
        }

        var evidence = new List<CheckEvidence>();
        var attesting = 0;
        string? nextStep = null;
        foreach (var site in sites)
        {
            var (attests, why) = Judge(site);
            attesting += attests ? 1 : 0;
            evidence.Add(new CheckEvidence($"{site.Describe()}: {why}") { Path = site.Path, Line = site.Line, Negative = !attests });
            if (!attests)
            {
                nextStep ??= site.Tool == PublishTool.PypiPublishAction && site.IsTrusted
                    ? $"in {site.Path}:{site.Line} use pypa/gh-action-pypi-publish v1.11.0 or later (pinned by SHA) and leave `attestations` on"
                    : $"publish from {site.Path} with pypa/gh-action-pypi-publish v1.11.0+ through Trusted Publishing, which attests each file";
            }
        }

        var score = 10 * attesting / sites.Count;
        var reason = attesting == sites.Count
            ? $"{sites.Count} upload step{(sites.Count == 1 ? "" : "s")} publish{(sites.Count == 1 ? "es" : "")} PEP 740 attestations"
            : $"{sites.Count - attesting} of {sites.Count} upload steps publish no attestations";
        return CheckResult.Scored(this, score, reason, nextStep, evidence);
    }

    private static (bool Attests, string Why) Judge(PublishSite site)
    {
        if (site.Tool != PublishTool.PypiPublishAction)
        {
            return (false, $"{PublishSite.ToolName(site.Tool)} uploads no attestations");
        }

        if (!site.IsTrusted)
        {
            return (false, "attestations need Trusted Publishing; this step uploads with a token");
        }

        var setting = site.Step.Input("attestations")?.AsBoolean();
        if (setting == false)
        {
            return (false, "`attestations: false` turns them off");
        }

        var version = site.Step.UsesNode is { } node && site.Workflow.File is { } file && site.Step.Uses is { } uses
            ? ActionVersion.Text(uses, node, file.Source)
            : null;
        if (version is null || site.Step.Uses?.Ref is "release/v1")
        {
            return (true, "attestations on by default (version taken as current)");
        }

        var parts = version.TrimStart('v').Split('.');
        var major = parts.Length > 0 && int.TryParse(parts[0], out var m) ? m : 0;
        var minor = parts.Length > 1 && int.TryParse(parts[1], out var n) ? n : 0;
        if (major > 1 || (major == 1 && minor >= 11) || (major == 1 && parts.Length == 1))
        {
            return (true, $"{version} attests by default");
        }

        if (major == 1 && minor == 10 && setting == true)
        {
            return (true, $"{version} with `attestations: true`");
        }

        return (false, $"{version} is older than v1.11.0, which made attestations the default");
    }
}
