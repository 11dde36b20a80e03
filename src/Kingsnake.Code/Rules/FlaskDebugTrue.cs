using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B201: a Flask app run with the debugger on.</summary>
public sealed class FlaskDebugTrue : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY201", "flask-debug-true", "Flask app run with debug=True", Severity.High, Confidence.Medium, 94, "B201", "S201", """
        The Werkzeug debugger that `debug=True` enables lets anyone who can reach the app run Python code in it.

        **Fix:** never enable debug outside local development; read it from the environment
        (`app.run(debug=os.environ.get("FLASK_DEBUG") == "1")`) or use `flask run --debug` locally.

        **Differs from Bandit:** Bandit needs only some imported name containing `flask` (`import myflaskapp`);
        Kingsnake needs `flask` itself (or a submodule) imported.
        """);

    public override string BanditId => "B201";

    public override string BanditName => "flask_debug_true";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        if (call.Func is not Kingsnake.Python.Ast.Attribute { Attr: "run" })
        {
            return;
        }

        var flask = context.BanditCompatible ? context.ImportedNames.Any(n => n.Contains("flask", StringComparison.Ordinal)) : context.Imports("flask");
        if (flask && Literals.KeywordArgument(call, "debug")?.Value is Constant { Value.Kind: ConstantKind.True })
        {
            context.Report(this, call, $"{MessageText.Callee(call)}(debug=True) turns on the Werkzeug debugger, which lets anyone reaching the app run Python code");
        }
    }
}
