using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>
/// One check over the Python tree. A rule names the node kinds it wants; the engine walks each file once and
/// hands every node of those kinds to every rule that asked for it (one walk, many rules).
/// </summary>
public abstract class CodeRule
{
    /// <summary>The descriptor (id, grading, help, aliases).</summary>
    public abstract Rule Descriptor { get; }

    /// <summary>
    /// Bandit's test id (<c>B602</c>), which <c># nosec</c> comments and Bandit configs name. A rule beyond Bandit
    /// answers with its own id (<c>PY801</c>), so <c># nosec PY801</c> and a Bandit config's <c>skips</c> still name it.
    /// </summary>
    public virtual string BanditId => Descriptor.Id;

    /// <summary>Bandit's test name (<c>subprocess_popen_with_shell_equals_true</c>), also accepted in <c># nosec</c>; a rule beyond Bandit gives its own name.</summary>
    public virtual string BanditName => Descriptor.Name;

    /// <summary>
    /// False for Kingsnake's own rules, which Bandit has no test for: they do not run under <c>--compat bandit</c>,
    /// whose point is to give Bandit's answers and nothing else.
    /// </summary>
    public bool IsBanditTest => RuleCatalog.BanditNames.ContainsKey(BanditId);

    /// <summary>
    /// Whether the rule applies to test code. Most do not: a dummy password, an assert, a subprocess call or a fixed
    /// <c>/tmp</c> path in a test is how tests are written, and reporting them buries the findings that matter. A rule
    /// about the text itself (hidden characters) or about what runs on a developer's machine says yes.
    /// </summary>
    public virtual bool AppliesToTests => false;

    /// <summary>The node kinds this rule inspects.</summary>
    public abstract IReadOnlyList<NodeKind> NodeKinds { get; }

    /// <summary>Inspects one node of a kind from <see cref="NodeKinds"/>; reports through <paramref name="context"/>.</summary>
    public abstract void Check(Node node, FileContext context);

    /// <summary>Builds a descriptor with the code area and the Bandit and ruff ids as aliases.</summary>
    protected static Rule Describe(string id, string name, string title, Severity severity, Confidence confidence, int cwe, string bandit, string? ruff, string help) => new()
    {
        Id = id,
        Name = name,
        Title = title,
        Area = CodeAuditor.AreaName,
        DefaultSeverity = severity,
        DefaultConfidence = confidence,
        Cwe = [cwe],
        Aliases = ruff is null ? [bandit] : [bandit, ruff],
        Help = help,
    };

    /// <summary>
    /// Builds the descriptor of a rule beyond Bandit (no Bandit test id; the ruff code when ruff has the same check).
    /// Its help names the CVE or advisory that motivates it.
    /// </summary>
    protected static Rule DescribeOwn(string id, string name, string title, Severity severity, Confidence confidence, int cwe, string? ruff, string help) => new()
    {
        Id = id,
        Name = name,
        Title = title,
        Area = CodeAuditor.AreaName,
        DefaultSeverity = severity,
        DefaultConfidence = confidence,
        Cwe = [cwe],
        Aliases = ruff is null ? [] : [ruff],
        Help = help,
    };
}

/// <summary>A rule that inspects calls; the call's qualified name is resolved once per call and shared.</summary>
public abstract class CallRule : CodeRule
{
    private static readonly NodeKind[] CallKinds = [NodeKind.Call];

    public override IReadOnlyList<NodeKind> NodeKinds => CallKinds;

    public sealed override void Check(Node node, FileContext context)
    {
        var call = (Call)node;
        CheckCall(call, context.CallName(call), context);
    }

    /// <summary>
    /// The name a call is judged by: the resolved qualified name, or in Bandit mode the name Bandit's scope-free,
    /// visit-order alias map gives (<c>ssl = import_module("ssl")</c> leaves <c>ssl.wrap_socket</c> reading as
    /// <c>ssl.wrap_socket</c>; see <see cref="FileContext.BanditCallName"/>).
    /// </summary>
    protected static string? JudgedName(Call call, string? qualifiedName, FileContext context) =>
        context.BanditCompatible ? context.BanditCallName(call) : qualifiedName;

    /// <summary>Inspects a call; <paramref name="qualifiedName"/> is null when the callee is not a resolvable name.</summary>
    protected abstract void CheckCall(Call call, string? qualifiedName, FileContext context);
}
