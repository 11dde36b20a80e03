using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B104: the address <c>0.0.0.0</c> in code: a server listening on every interface.</summary>
public sealed class BindAllInterfaces : CodeRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY104", "bind-all-interfaces", "Server bound to every network interface", Severity.Medium, Confidence.Medium, 605, "B104", "S104", """
        `0.0.0.0` makes a server listen on every interface, including public ones, which is often more exposure than
        intended (a debug server, an admin port).

        **Fix:** bind to `127.0.0.1` or a configured address; make wide exposure an explicit deployment choice.

        **Differs from Bandit:** a comparison (`if host == "0.0.0.0":`) does not bind anything and is not reported.
        """);

    public override string BanditId => "B104";

    public override string BanditName => "hardcoded_bind_all_interfaces";

    public override IReadOnlyList<NodeKind> NodeKinds => StringConstants.Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (StringConstants.Candidate(node, context) is "0.0.0.0" && (context.BanditCompatible || context.Parent is not Compare))
        {
            context.Report(this, node, $"'0.0.0.0'{MessageText.Placement(context)} means listening on every network interface, public ones included", suppressionRange: context.Parent);
        }
    }
}
