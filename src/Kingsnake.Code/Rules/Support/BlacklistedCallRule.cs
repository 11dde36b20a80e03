using System.Collections.Frozen;
using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Support;

/// <summary>
/// A Bandit blacklisted-call check (B3xx): the call's resolved qualified name must equal one of a fixed list. Each
/// rule supplies the list, its message, and (for Kingsnake mode only) the calls it knows to be harmless.
/// </summary>
public abstract class BlacklistedCallRule : CallRule
{
    /// <summary>The fully qualified callables this rule reports.</summary>
    protected abstract FrozenSet<string> Functions { get; }

    /// <summary>The finding message for a call of <paramref name="name"/>.</summary>
    protected abstract string Message(string name, Call call, FileContext context);

    /// <summary>True when Kingsnake mode can tell the call is harmless; Bandit mode reports every match.</summary>
    protected virtual bool IsHarmless(string name, Call call, FileContext context) => false;

    protected sealed override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        // `telnetlib = import_deprecated("telnetlib")` still reads as the module in Bandit mode.
        qualifiedName = JudgedName(call, qualifiedName, context);

        if (qualifiedName is not null && Functions.Contains(qualifiedName) && (context.BanditCompatible || !IsHarmless(qualifiedName, call, context)))
        {
            context.Report(this, call, Message(qualifiedName, call, context));
        }
    }

    /// <summary>The first positional argument as a message phrase (<c> on 'data'</c>), or empty.</summary>
    protected static string FirstArgument(Call call) =>
        call.Args.Count > 0 ? " on " + MessageText.Origin(call.Args[0]) : "";

    protected static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
