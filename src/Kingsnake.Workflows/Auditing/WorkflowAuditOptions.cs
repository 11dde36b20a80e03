using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Audits;
using Kingsnake.Workflows.Knowledge;
using Kingsnake.Workflows.RepositoryData;

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

    /// <summary><c># zizmor: ignore[...]</c> comments hide findings (the project's triage with zizmor); off with <c>--no-peer-triage</c>.</summary>
    public bool HonourZizmorComments { get; init; } = true;

    public UnpinnedPolicy UnpinnedPolicy { get; init; } = UnpinnedPolicy.HashPinThirdParty;

    public YamlLimits Limits { get; init; } = YamlLimits.Default;

    /// <summary>forbidden-uses: an allow list or a deny list of <c>uses:</c> patterns (off when both are empty).</summary>
    public UsesPolicy ForbiddenUses { get; init; } = UsesPolicy.None;

    /// <summary>
    /// The tag → commit facts that the unpinned-uses fix pins with and that ref-version-mismatch checks version comments
    /// against. When null, a run over a project reads its lock file (<see cref="ActionPins.Load"/>, errors become input
    /// errors of the run) on top of the built-in list, and <see cref="WorkflowAuditor.AuditText"/> uses the built-in list.
    /// </summary>
    public ActionPins? ActionPins { get; init; }

    /// <summary>dependabot-cooldown: the least number of days an update must wait.</summary>
    public int DependabotCooldownDays { get; init; } = 7;

    /// <summary>Explicit files to audit instead of discovering them (paths absolute or relative to the root).</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>
    /// Repository facts (tags, branches, reachable commits, advisories) for impostor-commit, known-vulnerable-actions,
    /// ref-confusion and stale-action-refs, which run only when this or <see cref="ActionDataPath"/> is set. Takes
    /// precedence over <see cref="ActionDataPath"/>.
    /// </summary>
    public IActionRepositoryData? ActionData { get; init; }

    /// <summary>
    /// The <c>--action-data FILE</c> snapshot (<see cref="ActionDataSnapshot"/> format), loaded when the audit runs;
    /// absolute or relative to the project root. A file that cannot be read becomes an input error and the four
    /// audits that need it are skipped; the others still run.
    /// </summary>
    public string? ActionDataPath { get; init; }

    /// <summary>Worker threads; 0 = one per processor.</summary>
    public int MaxParallelism { get; init; }
}

/// <summary>
/// Which repository actions may be used: when <see cref="Allow"/> is non-empty only matching actions are allowed;
/// otherwise matching <see cref="Deny"/> patterns are forbidden. Patterns are <c>owner/*</c>, <c>owner/repo</c> (any
/// path inside it) or <c>owner/repo/path</c>, case-insensitive, with <c>*</c> matching within one segment.
/// </summary>
public sealed record UsesPolicy(IReadOnlyList<string> Allow, IReadOnlyList<string> Deny)
{
    public static UsesPolicy None { get; } = new([], []);

    public bool IsActive => Allow.Count > 0 || Deny.Count > 0;

    /// <summary>The reason <paramref name="actionName"/> (<c>owner/repo[/path]</c>) is forbidden, or null when it is allowed.</summary>
    public string? Forbids(string actionName)
    {
        if (Allow.Count > 0)
        {
            return Allow.Any(p => Matches(p, actionName)) ? null : "it is not on the allow list";
        }

        return Deny.FirstOrDefault(p => Matches(p, actionName)) is { } pattern ? $"it matches the deny pattern '{pattern}'" : null;
    }

    internal static bool Matches(string pattern, string actionName)
    {
        var want = pattern.Trim().ToLowerInvariant().Split('/');
        var have = actionName.ToLowerInvariant().Split('/');
        if (want.Length > have.Length || want.Length == 1)
        {
            return false;
        }

        for (var i = 0; i < want.Length; i++)
        {
            if (!SegmentMatches(want[i], have[i]))
            {
                return false;
            }
        }

        // owner/* covers every repo and path; owner/repo covers its sub-paths
        return true;
    }

    /// <summary>Glob match of one path segment, '*' matching any run of characters (iterative, no backtracking blow-up).</summary>
    private static bool SegmentMatches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
