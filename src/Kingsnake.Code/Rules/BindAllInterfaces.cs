using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyTuple = Kingsnake.Python.Ast.Tuple;

namespace Kingsnake.Code.Rules;

/// <summary>B104: the address <c>0.0.0.0</c> in code: a server listening on every interface.</summary>
public sealed class BindAllInterfaces : CodeRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY104", "bind-all-interfaces", "Server bound to every network interface", Severity.Medium, Confidence.Medium, 605, "B104", "S104", """
        `0.0.0.0` makes a server listen on every interface, including public ones, which is often more exposure than
        intended (a debug server, an admin port).

        **Fix:** bind to `127.0.0.1` or a configured address; make wide exposure an explicit deployment choice.

        **Differs from Bandit:** Kingsnake reports the address only where something binds it: passed to a server or
        socket call (`bind`, `listen`, `run`, `serve`, `create_server`, `HTTPServer`…), as its `host=`/`bind=` keyword or
        in the address tuple it gets, or as the default of a `host`/`bind` parameter. A comparison, a set of addresses
        to recognise or a stored value does not bind anything and is not reported.
        """);

    public override string BanditId => "B104";

    public override string BanditName => "hardcoded_bind_all_interfaces";

    public override IReadOnlyList<NodeKind> NodeKinds => StringConstants.Kinds;

    public override void Check(Node node, FileContext context)
    {
        if (StringConstants.Candidate(node, context) is "0.0.0.0" && (context.BanditCompatible || Binds(context)))
        {
            context.Report(this, node, $"'0.0.0.0'{MessageText.Placement(context)} means listening on every network interface, public ones included", suppressionRange: context.Parent);
        }
    }

    private static readonly HashSet<string> BindingCalls = new(StringComparer.Ordinal)
    {
        "bind", "listen", "serve", "run", "run_simple", "run_app", "create_server", "start_server", "make_server",
        "HTTPServer", "ThreadingHTTPServer", "TCPServer", "UDPServer", "ThreadingTCPServer", "WSGIServer", "Server",
        "Config", "create_datagram_endpoint", "serve_forever", "socketio_run",
    };

    private static readonly HashSet<string> BindingKeywords = new(StringComparer.Ordinal)
    {
        "host", "bind", "address", "addr", "listen", "interface", "server_address", "bind_address", "listen_address",
    };

    /// <summary>Whether the literal at the current node is bound: passed to a server call, as its address keyword, or a host parameter's default.</summary>
    private static bool Binds(FileContext context)
    {
        var parent = context.Parent;
        var level = 1;
        if (parent is PyTuple)
        {
            parent = context.Ancestor(++level);
        }

        switch (parent)
        {
            case Keyword { Arg: { } keyword } when BindingKeywords.Contains(keyword.ToLowerInvariant()):
                return true;
            case Keyword { Arg: { } } when context.Ancestor(level + 1) is Call call:
                return IsBindingCall(call);
            case Call call:
                return IsBindingCall(call);
            case Arguments arguments:
                return DefaultedParameter(arguments, context.Current) is { } parameter && IsAddressName(parameter);
            default:
                return false;
        }
    }

    /// <summary>The parameter whose default is <paramref name="value"/>, paired as Python pairs defaults.</summary>
    private static string? DefaultedParameter(Arguments arguments, Node value)
    {
        var positional = arguments.Posonlyargs.Concat(arguments.Args).ToList();
        for (var i = 0; i < arguments.Defaults.Count; i++)
        {
            if (ReferenceEquals(arguments.Defaults[i], value))
            {
                return positional[positional.Count - arguments.Defaults.Count + i].Name;
            }
        }

        for (var i = 0; i < arguments.KwDefaults.Count && i < arguments.Kwonlyargs.Count; i++)
        {
            if (ReferenceEquals(arguments.KwDefaults[i], value))
            {
                return arguments.Kwonlyargs[i].Name;
            }
        }

        return null;
    }

    // A parameter that names where to listen: host, bind, listen_address, ip_address, interface…
    private static bool IsAddressName(string name) =>
        SecurityWords.Words(name).Any(w => w is "host" or "bind" or "address" or "addr" or "listen" or "interface" or "ip" or "iface");

    private static bool IsBindingCall(Call call) => Literals.LastName(call.Func) is { } name && BindingCalls.Contains(name);
}
