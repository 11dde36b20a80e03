using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B107: a password-like parameter with a string literal default.</summary>
public sealed class HardcodedPasswordDefault : CodeRule
{
    private static readonly NodeKind[] Kinds = [NodeKind.FunctionDef, NodeKind.AsyncFunctionDef];

    public override Rule Descriptor { get; } = Describe(
        "PY107", "hardcoded-password-default", "Secret as a parameter's literal default", Severity.Low, Confidence.Medium, 259, "B107", "S107", """
        A parameter whose name suggests a secret has a string literal default (`def connect(password="admin")`):
        callers that omit it silently use a secret everyone can read.

        **Fix:** default to `None` and fail (or read the environment) when no secret is given.

        **Differs from Bandit:** Bandit pairs defaults with the plain positional parameters only, which misaligns them
        when there are positional-only parameters and skips keyword-only ones; Kingsnake pairs them as Python does
        and checks keyword-only parameters too. Names follow the PY105 rule (the secret word ends the name).
        """);

    public override string BanditId => "B107";

    public override string BanditName => "hardcoded_password_default";

    public override IReadOnlyList<NodeKind> NodeKinds => Kinds;

    public override void Check(Node node, FileContext context)
    {
        var arguments = node switch
        {
            FunctionDef function => function.Args,
            AsyncFunctionDef function => function.Args,
            _ => null,
        };
        if (arguments is null)
        {
            return;
        }

        var compatible = context.BanditCompatible;
        var pairs = new List<(Arg Parameter, ExprNode? Default)>();
        if (compatible)
        {
            // Bandit: defaults right-aligned against args only.
            var padding = arguments.Args.Count - arguments.Defaults.Count;
            for (var i = 0; i < arguments.Args.Count; i++)
            {
                var index = i - padding;
                pairs.Add((arguments.Args[i], index >= 0 && index < arguments.Defaults.Count ? arguments.Defaults[index] : null));
            }
        }
        else
        {
            var positional = arguments.Posonlyargs.Concat(arguments.Args).ToList();
            var padding = positional.Count - arguments.Defaults.Count;
            for (var i = 0; i < positional.Count; i++)
            {
                pairs.Add((positional[i], i - padding >= 0 ? arguments.Defaults[i - padding] : null));
            }

            for (var i = 0; i < arguments.Kwonlyargs.Count; i++)
            {
                pairs.Add((arguments.Kwonlyargs[i], i < arguments.KwDefaults.Count ? arguments.KwDefaults[i] : null));
            }
        }

        foreach (var (parameter, value) in pairs)
        {
            if (Literals.Text(value) is { } text && PasswordNames.Matches(parameter.Name, compatible) && PasswordNames.IsReportableValue(text, compatible, parameter.Name))
            {
                var function = node is FunctionDef named ? named.Name : ((AsyncFunctionDef)node).Name;
                context.Report(this, node, $"parameter '{parameter.Name}' of {function}() defaults to the literal '{PasswordNames.Shown(text)}'");
                return;
            }
        }
    }
}
