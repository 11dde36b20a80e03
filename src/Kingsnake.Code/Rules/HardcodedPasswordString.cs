using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules;

/// <summary>B105: a string literal stored under, or compared with, a password-like name.</summary>
public sealed class HardcodedPasswordString : CodeRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY105", "hardcoded-password-string", "Secret written as a string literal", Severity.Low, Confidence.Medium, 259, "B105", "S105", """
        A string literal is assigned to, stored under or compared with a name that suggests a secret (`password`,
        `token`, `secret` …). Secrets in source code leak through every copy of the repository.

        **Fix:** read secrets from the environment or a secret store at run time.

        **Differs from Bandit:** the secret word must end the name (`db_password`, `api_token`), so names about a
        secret rather than holding one (`token_type`, `password_field`) are not reported, and empty strings are
        not reported. Messages show at most the first two characters of the value.
        """);

    public override string BanditId => "B105";

    public override string BanditName => "hardcoded_password_string";

    public override IReadOnlyList<NodeKind> NodeKinds => StringConstants.Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (StringConstants.Candidate(node, context) is not { } text)
        {
            return;
        }

        var compatible = context.BanditCompatible;
        var parent = context.Parent;
        switch (parent)
        {
            case Assign assign when ReferenceEquals(assign.Value, node):
                foreach (var target in assign.Targets)
                {
                    if (TargetName(target) is { } name && PasswordNames.Matches(name, compatible) && PasswordNames.IsReportableValue(text, compatible, name))
                    {
                        Report(node, $"'{name}' is assigned the literal '{PasswordNames.Shown(text)}'", context, parent);
                        return;
                    }
                }

                break;
            case Subscript subscript when ReferenceEquals(subscript.Slice, node) && PasswordNames.Matches(text, compatible)
                && context.Ancestor(2) is Assign { Value: var value } && Literals.Text(value) is { } assigned
                && PasswordNames.IsReportableValue(assigned, compatible, text):
                Report(node, $"the item '{text}' is assigned the literal '{PasswordNames.Shown(assigned)}'", context, context.Ancestor(2));
                break;
            case Dict dict:
                for (var i = 0; i < dict.Keys.Count; i++)
                {
                    if (ReferenceEquals(dict.Keys[i], node) && PasswordNames.Matches(text, compatible)
                        && Literals.Text(dict.Values[i]) is { } stored && PasswordNames.IsReportableValue(stored, compatible, text))
                    {
                        Report(dict.Values[i], $"the dict key '{text}' holds the literal '{PasswordNames.Shown(stored)}'", context, parent);
                        return;
                    }
                }

                break;
            case Compare compare when compare.Comparators.Count > 0 && ReferenceEquals(compare.Comparators[0], node):
                if (TargetName(compare.Left) is { } compared && PasswordNames.Matches(compared, compatible) && PasswordNames.IsReportableValue(text, compatible, compared, comparison: true))
                {
                    Report(node, $"'{compared}' is compared with the literal '{PasswordNames.Shown(text)}'", context, parent);
                }

                break;
        }
    }

    private static string? TargetName(ExprNode target) => target switch
    {
        Name name => name.Id,
        PyAttribute attribute => attribute.Attr,
        _ => null,
    };

    private void Report(Node node, string message, FileContext context, Node? range) =>
        context.Report(this, node, message, suppressionRange: range);
}
