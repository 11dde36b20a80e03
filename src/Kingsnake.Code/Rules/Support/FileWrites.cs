using Kingsnake.Code.Analysis;
using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules.Support;

/// <summary>Recognises calls that create or write a file at a path, and gives that path.</summary>
internal static class FileWrites
{
    private static readonly HashSet<string> FileCalls = new(StringComparer.Ordinal)
    {
        "open", "mkdir", "makedirs", "mkfifo", "mknod", "symlink", "link", "rename", "replace", "copy", "copyfile", "copy2",
        "copytree", "move", "touch", "write_text", "write_bytes", "FileHandler", "RotatingFileHandler",
        "TimedRotatingFileHandler", "WatchedFileHandler", "connect", "ZipFile", "TarFile", "mkstemp", "mkdtemp",
        "NamedTemporaryFile", "TemporaryFile", "TemporaryDirectory", "SpooledTemporaryFile", "chmod", "chown", "unlink",
        "remove", "rmtree", "socket_path", "UnixStreamServer", "bind",
    };

    // Calls a path passes through unchanged in kind: joined onto, wrapped as a Path, formatted.
    private static readonly HashSet<string> PathBuilders = new(StringComparer.Ordinal) { "join", "Path", "PosixPath", "PurePath", "abspath", "realpath", "expanduser", "format" };

    /// <summary>
    /// Whether the literal at the current node reaches a call that makes or opens a file: as an argument (possibly
    /// through <c>os.path.join</c>, <c>Path(...)</c>, an f-string or <c>+</c>), as a method's receiver
    /// (<c>Path("/tmp/x").write_text</c>), or through a name it is assigned to and that such a call gets in the same
    /// function or module.
    /// </summary>
    public static bool ReachesFileCall(FileContext context)
    {
        var ancestors = context.Ancestors;
        for (var i = ancestors.Length - 1; i >= 0; i--)
        {
            switch (ancestors[i])
            {
                case JoinedStr or FormattedValue or BinOp or Keyword or Starred or PyTuple:
                    continue;
                case Call call when Literals.LastName(call.Func) is { } name && PathBuilders.Contains(name):
                    if (i > 0 && ancestors[i - 1] is PyAttribute { Attr: var called } && FileCalls.Contains(called))
                    {
                        return true;
                    }

                    continue;
                case Call call:
                    return IsFileCall(call);
                case PyAttribute { Attr: var attribute }:
                    return FileCalls.Contains(attribute);
                case Assign { Targets: [Name target] }:
                    return NamePassedToFileCall(target.Id, context);
                case AnnAssign { Target: Name target }:
                    return NamePassedToFileCall(target.Id, context);
                default:
                    return false;
            }
        }

        return false;
    }

    private static bool IsFileCall(Call call) => Literals.LastName(call.Func) is { } name && FileCalls.Contains(name);

    private static bool NamePassedToFileCall(string name, FileContext context)
    {
        var scope = context.EnclosingScope();
        foreach (var candidate in new[] { scope, context.Parsed.Module }.Distinct())
        {
            var flow = context.Memo(candidate, () => LocalFlow.Of(candidate));
            foreach (var node in flow.Nodes)
            {
                if (node is Call call && IsFileCall(call) && call.Args.Concat(call.Keywords.Select(k => k.Value)).Any(a => Mentions(a, name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool Mentions(ExprNode expression, string name) => expression switch
    {
        Name n => n.Id == name,
        Call { Func: var func } inner when Literals.LastName(func) is { } builder && PathBuilders.Contains(builder) => inner.Args.Any(a => Mentions(a, name)),
        JoinedStr joined => joined.Values.Any(v => v is FormattedValue f && Mentions(f.Value, name)),
        BinOp binary => Mentions(binary.Left, name) || Mentions(binary.Right, name),
        _ => false,
    };

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
