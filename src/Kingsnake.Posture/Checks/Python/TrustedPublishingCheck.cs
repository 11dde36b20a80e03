using Kingsnake.Posture.Scoring;

namespace Kingsnake.Posture.Checks.Python;

/// <summary>
/// Trusted-Publishing: releases reach PyPI through OpenID Connect (PyPI Trusted Publishing) rather than a long-lived
/// API token stored in the repository's secrets, which anyone who can run code in the workflow can steal and reuse.
/// <para>
/// Every upload step of the project's workflows is judged: trusted when the tool makes the OIDC exchange itself
/// (<c>pypa/gh-action-pypi-publish</c>, <c>uv publish</c>, <c>pdm publish</c>, <c>maturin upload</c>), it is given
/// no credential (<c>password:</c>, <c>TWINE_PASSWORD</c>, <c>UV_PUBLISH_TOKEN</c>, <c>POETRY_PYPI_TOKEN_*</c>,
/// <c>--token</c>…) and the job has <c>id-token: write</c>. A trusted upload earns 10, less 2 when its job names no
/// <c>environment:</c> (PyPI can bind a trusted publisher to one, so that only that environment's protection rules
/// let a release through); a token upload earns 0. Score = the mean, rounded down. No upload step: not applicable.
/// </para>
/// </summary>
public sealed class TrustedPublishingCheck : IPostureCheck
{
    public string Name => "Trusted-Publishing";

    public CheckRisk Risk => CheckRisk.High;

    public CheckOrigin Origin => CheckOrigin.Python;

    public string Description => "Releases are uploaded to PyPI through Trusted Publishing (OIDC), with no long-lived token.";

    public CheckResult Run(PostureContext context)
    {
        var sites = ReleaseWorkflows.Of(context).Sites;
        if (sites.Count == 0)
        {
            return CheckResult.NotApplicable(this, "no workflow uploads to a package index");
        }

        var evidence = new List<CheckEvidence>();
        var points = 0;
        string? nextStep = null;
        var trusted = 0;
        foreach (var site in sites)
        {
            if (site.IsTrusted)
            {
                trusted++;
                var bound = site.Job.Environment is not null;
                points += bound ? 10 : 8;
                evidence.Add(new CheckEvidence($"{site.Describe()} uses Trusted Publishing{(bound ? " from an environment" : " but its job names no environment")}")
                { Path = site.Path, Line = site.Line, Negative = !bound });
                nextStep ??= bound ? null : $"add `environment: pypi` to job '{site.Job.Id}' in {site.Path} and bind the trusted publisher on PyPI to that environment";
            }
            else
            {
                var why = site.TokenEvidence ?? "the job lacks `id-token: write`";
                evidence.Add(new CheckEvidence($"{site.Describe()} uploads with a token ({why})") { Path = site.Path, Line = site.Line, Negative = true });
            }
        }

        var firstToken = sites.FirstOrDefault(s => !s.IsTrusted);
        if (firstToken is not null)
        {
            nextStep = firstToken.TokenEvidence is null
                ? $"grant `permissions: id-token: write` to job '{firstToken.Job.Id}' in {firstToken.Path} and configure a trusted publisher on PyPI"
                : $"replace the token in {firstToken.Path}:{firstToken.Line} with Trusted Publishing: add a trusted publisher on PyPI, grant `id-token: write` and upload with pypa/gh-action-pypi-publish (no password), then delete the token";
        }

        var score = points / sites.Count;
        var reason = trusted == sites.Count
            ? $"{sites.Count} upload step{(sites.Count == 1 ? "" : "s")} use{(sites.Count == 1 ? "s" : "")} Trusted Publishing" + (score < 10 ? ", not bound to an environment" : "")
            : $"{sites.Count - trusted} of {sites.Count} upload steps use a long-lived token";
        return CheckResult.Scored(this, score, reason, nextStep, evidence);
    }
}
