using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Yaml;

namespace Kingsnake.Workflows.Auditing;

/// <summary>How strictly <c>uses:</c> refs must be pinned.</summary>
public enum UnpinnedPolicy
{
    /// <summary>Kingsnake's default: SHA pins for third-party actions; version tags of GitHub's own actions are medium.</summary>
    HashPinThirdParty,

    /// <summary>zizmor's default since 1.20: every repository action needs a commit SHA.</summary>
    HashPinAll,

    /// <summary>Any ref except a branch-like or missing one (zizmor's <c>ref-pin</c>).</summary>
    RefPin,
}

/// <summary>Options of the workflow audit; the defaults suit a normal run.</summary>
public sealed record WorkflowAuditOptions
{
    public static WorkflowAuditOptions Default { get; } = new();

    /// <summary>Lowest persona whose findings are reported (zizmor's <c>--pedantic</c> / <c>--persona auditor</c>).</summary>
    public Persona Persona { get; init; } = Persona.Regular;

    public UnpinnedPolicy UnpinnedPolicy { get; init; } = UnpinnedPolicy.HashPinThirdParty;

    public YamlLimits Limits { get; init; } = YamlLimits.Default;

    /// <summary>Explicit files to audit instead of discovering them (paths absolute or relative to the root).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Worker threads; 0 = one per processor.</summary>
    public int MaxParallelism { get; init; }
}
