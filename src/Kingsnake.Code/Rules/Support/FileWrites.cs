using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Support;

/// <summary>Recognises calls that create or write a file at a path, and gives that path.</summary>
internal static class FileWrites
{
    /// <summary>
    /// The path written by <paramref name="call"/>: <c>open(p, "w"|"a"|"x"|"+"…)</c> (builtin, <c>io.open</c>,
    /// <c>codecs.open</c>), <c>os.open(p, flags)</c> with a write flag, or <c>pathlib.Path(p).write_text/write_bytes</c>
    /// and <c>Path(p).open("w")</c>. Null when the call writes nothing, or reads.
    /// </summary>
    public static ExprNode? WrittenPath(Call call, string? qualifiedName, FileContext context)
    {
        switch (qualifiedName)
        {
            case "open" or "io.open" or "codecs.open" when call.Args.Count > 0:
                return IsWriteMode(call, 1) ? call.Args[0] : null;
            case "os.open" when call.Args.Count > 1:
                var flags = context.TextOf(call.Args[1]);
                return flags.Contains("O_WRONLY", StringComparison.Ordinal) || flags.Contains("O_RDWR", StringComparison.Ordinal) || flags.Contains("O_CREAT", StringComparison.Ordinal) ? call.Args[0] : null;
        }

        if (call.Func is PyAttribute { Attr: var method, Value: Call { Args.Count: > 0 } constructor }
            && context.QualifiedName(constructor.Func) is "pathlib.Path" or "pathlib.PosixPath" or "pathlib.PurePath")
        {
            return method switch
            {
                "write_text" or "write_bytes" => constructor.Args[0],
                "open" when IsWriteMode(call, 0) => constructor.Args[0],
                _ => null,
            };
        }

        return null;
    }

    /// <summary>True when the literal mode (positional at <paramref name="position"/> or <c>mode=</c>) writes; false when absent (read) or not a literal.</summary>
    private static bool IsWriteMode(Call call, int position)
    {
        var mode = Literals.Text(Literals.KeywordArgument(call, "mode")?.Value ?? (call.Args.Count > position ? call.Args[position] : null));
        return mode is not null && mode.AsSpan().IndexOfAny("wax+") >= 0;
    }

    /// <summary>The literal mode passed to an <c>open</c>-like call, or null.</summary>
    public static string? Mode(Call call, int position) =>
        Literals.Text(Literals.KeywordArgument(call, "mode")?.Value ?? (call.Args.Count > position ? call.Args[position] : null));
}
