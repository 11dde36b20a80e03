using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B106: a string literal passed as a password-like keyword argument.</summary>
public sealed class HardcodedPasswordArgument : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY106", "hardcoded-password-argument", "Secret passed as a string literal argument", Severity.Low, Confidence.Medium, 259, "B106", "S106", """
        A string literal is passed as a keyword argument whose name suggests a secret (`connect(password="hunter2")`).

        **Fix:** pass a value read at run time from the environment or a secret store.

        **Differs from Bandit:** the secret word must end the keyword (`token_type="bearer"` is not reported) and
        empty strings are not reported. One finding per call, as in Bandit.
        """);

    public override string BanditId => "B106";

    public override string BanditName => "hardcoded_password_funcarg";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        foreach (var keyword in call.Keywords)
        {
            if (keyword.Arg is { } name && Literals.Text(keyword.Value) is { } value
                && PasswordNames.Matches(name, context.BanditCompatible) && PasswordNames.IsReportableValue(value, context.BanditCompatible, name))
            {
                context.Report(this, call, $"{MessageText.Callee(call)} is passed {name}= as the literal '{PasswordNames.Shown(value)}'");
                return;
            }
        }
    }
}
