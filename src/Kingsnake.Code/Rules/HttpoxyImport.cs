using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;

namespace Kingsnake.Code.Rules;

/// <summary>B412: CGI handler imported (httpoxy) (a hint to review how it is used).</summary>
public sealed class HttpoxyImport : BlacklistedImportRule
{
    private static readonly string[] Listed = ["wsgiref.handlers.CGIHandler", "twisted.web.twcgi.CGIScript", "twisted.web.twcgi.CGIDirectory"];

    public override Rule Descriptor { get; } = Describe(
        "PY412", "httpoxy-import", "CGI handler imported (httpoxy)", Severity.High, Confidence.High, 284, "B412", "S412", """
        Under CGI, a request's `Proxy:` header arrives as the `HTTP_PROXY` environment variable, which many HTTP
        clients then use as their proxy: a client can route the application's outgoing requests through a server of
        its choosing (httpoxy, CVE-2016-5385 and relatives).

        **Fix:** do not run the application as CGI; if you must, drop `HTTP_PROXY` from the environment first.

        **Differs from Bandit:** Bandit matches on the text prefix of the imported name and reports only the first
        blacklist entry a statement matches; Kingsnake matches whole module names and reports each rule.
        """);

    public override string BanditId => "B412";

    public override string BanditName => "import_httpoxy";

    protected override string[] Modules => Listed;

    protected override string Reason(string module) => "under CGI a client's Proxy: header becomes the HTTP_PROXY variable (httpoxy), redirecting outgoing requests";
}
