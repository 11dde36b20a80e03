using System.CommandLine;
using Kingsnake.Core.Rules;
using Kingsnake.Project.Auditing;
using Kingsnake.Workflows.Auditing;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Knowledge;

namespace Kingsnake.Cli.Areas;

/// <summary>The workflow area: GitHub Actions workflows, actions and Dependabot settings of the project.</summary>
internal sealed class WorkflowArea : AreaBinding
{
    private readonly Option<string?> _persona = new("--persona") { Description = "Workflow audit strictness: regular (default), pedantic, auditor." };

    private readonly Option<string?> _pins = new("--pins") { Description = $"Action pins file: tag → commit facts for the unpinned-uses fix and ref-version-mismatch (default: {ActionPins.LockFileName} when it exists)." };

    private readonly Option<string?> _actionData = new("--action-data") { Description = "Workflow audit: a snapshot of action repositories' tags, branches, commits and advisories (kingsnake-action-data/1 JSON); turns on impostor-commit, known-vulnerable-actions, ref-confusion and stale-action-refs." };

    public override AuditArea Area => WorkflowRules.AuditArea;

    public override IReadOnlyList<Option> Options => [_persona, _pins, _actionData];

    public override IEnumerable<string> NamedPaths(ParseResult parse) => parse.GetValue(_pins) is { } pins ? [pins] : [];

    public override IAuditor Create(AreaSetup setup)
    {
        var settings = setup.Config.Workflows;
        var pinsFile = setup.Parse.GetValue(_pins) is { } pins ? setup.Named(pins, "--pins") : null;
        return new WorkflowAuditor(new WorkflowAuditOptions
        {
            Persona = ParsePersona(setup.Parse.GetValue(_persona) ?? settings.Persona),
            HonourZizmorComments = setup.PeerTriage,
            UnpinnedPolicy = settings.UnpinnedPolicy switch
            {
                "hash-pin" => UnpinnedPolicy.HashPinAll,
                "ref-pin" => UnpinnedPolicy.RefPin,
                _ => UnpinnedPolicy.HashPinThirdParty,
            },
            ForbiddenUses = new UsesPolicy(settings.AllowUses, settings.DenyUses),
            DependabotCooldownDays = settings.DependabotCooldownDays ?? WorkflowAuditOptions.Default.DependabotCooldownDays,
            ActionPins = ActionPins.Load(setup.Project, pinsFile, setup.Errors),
            ActionDataPath = setup.Parse.GetValue(_actionData) is { } dataPath ? setup.Named(dataPath, "--action-data") : null,
        });
    }

    private static Persona ParsePersona(string? text) => text?.ToLowerInvariant() switch
    {
        null or "regular" => Persona.Regular,
        "pedantic" => Persona.Pedantic,
        "auditor" => Persona.Auditor,
        _ => throw new UsageException($"--persona must be regular, pedantic or auditor (got '{text}')"),
    };
}
