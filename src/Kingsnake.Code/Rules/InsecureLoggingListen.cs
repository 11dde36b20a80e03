using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B612: <c>logging.config.listen</c> without a <c>verify</c> function.</summary>
public sealed class InsecureLoggingListen : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY612", "logging-listen-without-verify", "logging.config.listen without verify", Severity.Medium, Confidence.High, 94, "B612", "S612", """
        `logging.config.listen()` opens a socket that accepts logging configurations; a configuration can name
        classes and callables to instantiate, so anyone who can connect can run code in the process.

        **Fix:** pass `verify=` a function that checks a signature (or decrypts) the received bytes and returns
        `None` for anything not from you, and bind the listener to localhost only.
        """);

    public override string BanditId => "B612";

    public override string BanditName => "logging_config_insecure_listen";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        qualifiedName = JudgedName(call, qualifiedName, context);
        if (qualifiedName == "logging.config.listen" && Literals.KeywordArgument(call, "verify") is null
            && (context.BanditCompatible || !Literals.HasDoubleStar(call)))
        {
            var port = call.Args.Count > 0 ? $" on port {context.TextOf(call.Args[0])}" : "";
            context.Report(this, call, $"logging.config.listen(){port} accepts logging configurations without verify=; anyone who can connect can make it run code");
        }
    }
}
