using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Support;

internal static class ExceptHandlers
{
    public static readonly NodeKind[] Kinds = [NodeKind.ExceptHandler];

    /// <summary>True when the handler's whole body is one <typeparamref name="T"/> and it catches everything (or any type when asked).</summary>
    public static bool OnlyStatementIs<T>(ExceptHandler handler, bool checkTypedException)
        where T : StmtNode =>
        handler.Body is [T] && (checkTypedException || handler.Type is null or Name { Id: "Exception" });

    /// <summary>
    /// Kingsnake's test for a silent handler: the <c>try</c> body it belongs to calls something security depends on
    /// (a verification, an authorization, a permission or privilege change, a decryption). Cleanup, capability probes
    /// and optional imports fail harmlessly, which is why the code discards their errors.
    /// </summary>
    public static bool GuardsSecurity(FileContext context)
    {
        var body = context.Parent switch
        {
            Try t => t.Body,
            TryStar t => t.Body,
            _ => null,
        };
        return body is not null && body.Any(statement => SecurityWords.Identifiers(statement).Any(SecurityWords.NamesGuard));
    }

    /// <summary>The handler as a message names it: <c>a bare 'except:'</c> or <c>'except ValueError:'</c>.</summary>
    public static string Describe(ExceptHandler handler, FileContext context) =>
        handler.Type is null ? "a bare 'except:'" : $"'except {MessageText.Excerpt(context, handler.Type, 50)}:'";
}
