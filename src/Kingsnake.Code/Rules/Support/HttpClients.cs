namespace Kingsnake.Code.Rules.Support;

/// <summary>The requests and httpx entry points Bandit's B113 and B501 look at.</summary>
internal static class HttpClients
{
    public static readonly string[] RequestsVerbs = ["get", "options", "head", "post", "put", "patch", "delete", "request"];

    public static readonly string[] HttpxAttributes = ["get", "options", "head", "post", "put", "patch", "delete", "request", "stream", "Client", "AsyncClient"];

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
}
