using Kingsnake.Code.Engine;
using Kingsnake.Code.Names;
using Kingsnake.Python.Ast;
using PyAttribute = Kingsnake.Python.Ast.Attribute;

namespace Kingsnake.Code.Rules.Support;

/// <summary>The requests and httpx entry points Bandit's B113 and B501 look at, and the client objects they make.</summary>
internal static class HttpClients
{
    public static readonly string[] RequestsVerbs = ["get", "options", "head", "post", "put", "patch", "delete", "request"];

    public static readonly string[] HttpxAttributes = ["get", "options", "head", "post", "put", "patch", "delete", "request", "stream", "Client", "AsyncClient"];

    /// <summary>The methods of <c>httpx.Client</c>/<c>AsyncClient</c> that send a request and take <c>timeout=</c>.</summary>
    private static readonly string[] HttpxClientMethods = ["get", "options", "head", "post", "put", "patch", "delete", "request", "stream"];

    /// <summary>The calls that make a client object, with the library whose rules its methods follow.</summary>
    private static readonly Dictionary<string, string> Constructors = new(StringComparer.Ordinal)
    {
        ["requests.Session"] = "requests",
        ["requests.session"] = "requests",
        ["requests.sessions.Session"] = "requests",
        ["requests.sessions.session"] = "requests",
        ["httpx.Client"] = "httpx",
        ["httpx.AsyncClient"] = "httpx",
    };

    /// <summary>"requests" or "httpx" when the dotted name is one of their calls, else null.</summary>
    public static string? Library(string name, bool banditCompatible)
    {
        var parts = name.Split('.');
        var function = parts[^1];
        if (banditCompatible)
        {
            if (parts.Contains("requests") && Array.IndexOf(RequestsVerbs, function) >= 0 && function != "request")
            {
                return "requests";
            }

            return parts.Contains("httpx") && Array.IndexOf(HttpxAttributes, function) >= 0 ? "httpx" : null;
        }

        if (parts.Length >= 2 && parts[0] == "requests" && (parts.Length == 2 || parts[1] == "api") && Array.IndexOf(RequestsVerbs, function) >= 0)
        {
            return "requests";
        }

        return parts.Length == 2 && parts[0] == "httpx" && Array.IndexOf(HttpxAttributes, function) >= 0 ? "httpx" : null;
    }

    /// <summary>
    /// A request sent through a client object the same scope made and kept under one name (<c>s = requests.Session()</c>
    /// then <c>s.get(url)</c>, <c>with httpx.Client() as c: c.post(...)</c>), so it is judged as the library's function
    /// is. Kingsnake mode only: Bandit matches names, and <c>s.get</c> names no library.
    /// </summary>
    public static ClientRequest? ClientMethod(Call call, FileContext context)
    {
        if (context.BanditCompatible || call.Func is not PyAttribute { Value: Name owner, Attr: var method }
            || (Array.IndexOf(RequestsVerbs, method) < 0 && Array.IndexOf(HttpxClientMethods, method) < 0)
            || Client(owner.Id, context) is not { } client
            || (client.Library == "requests" && Array.IndexOf(RequestsVerbs, method) < 0))
        {
            return null;
        }

        return client with { Call = $"{owner.Id}.{method}" };
    }

    /// <summary>The client object the local name <paramref name="name"/> holds at the current position, if one (Kingsnake mode).</summary>
    public static ClientRequest? Client(string name, FileContext context)
    {
        if (context.BanditCompatible || LocalInstances.Find(name, context) is not { } found
            || context.QualifiedName(found.Construction.Func) is not { } constructor
            || !Constructors.TryGetValue(constructor, out var library))
        {
            return null;
        }

        return new ClientRequest(library, name, constructor, found.Construction, found.Scope.Reconfigures(name));
    }
}

/// <summary>A client object, or a request sent through one (see <see cref="HttpClients.ClientMethod"/>).</summary>
/// <param name="Call">The method as written (<c>s.get</c>), or the name holding the client.</param>
/// <param name="Constructor">The qualified name of the call that made the client (<c>requests.Session</c>).</param>
/// <param name="Reconfigured">The scope mounts an adapter on the client or sets its attributes, which can change its defaults.</param>
internal readonly record struct ClientRequest(string Library, string Call, string Constructor, Call Construction, bool Reconfigured);
