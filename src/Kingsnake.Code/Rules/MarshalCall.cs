using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B302: <c>marshal</c> is not safe against crafted input.</summary>
public sealed class MarshalCall : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY302", "marshal-load", "Data loaded with marshal", Severity.Medium, Confidence.High, 502, "B302", "S302", """
        The `marshal` format is an interpreter-internal format; the docs warn that it is not secure against
        erroneous or maliciously constructed data.

        **Fix:** use JSON or another data-only format for anything that crosses a trust boundary.
        """);

    public override string BanditId => "B302";

    public override string BanditName => "marshal";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (qualifiedName is "marshal.load" or "marshal.loads")
        {
            context.Report(this, call, $"{qualifiedName} reads the interpreter-internal marshal format, which is not safe against crafted input");
        }
    }
}
