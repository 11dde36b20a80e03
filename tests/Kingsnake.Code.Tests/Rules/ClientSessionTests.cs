using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>Requests sent through a session or client the same scope made are judged as the library's own functions are.</summary>
public class ClientSessionTests
{
    // the shape of a typical API client module: a module-wide session, a per-call session, a context-managed one
    private const string ApiClient = """
        import requests
        from requests.adapters import HTTPAdapter

        SESSION = requests.Session()
        SESSION.headers["User-Agent"] = "example/1.0"


        def get_json(url):
            return SESSION.get(url).json()


        def post_form(url, form):
            s = requests.Session()
            s.auth = ("user", "secret")
            first = s.get(url, timeout=10)
            return s.post(url, data=form, verify=False, timeout=(3, 30))


        def download(url, path):
            with requests.session() as session:
                response = session.get(url, stream=True)
                with open(path, "wb") as out:
                    for chunk in response.iter_content(65536):
                        out.write(chunk)


        def forever(url):
            with requests.Session() as session:
                return session.request("GET", url, timeout=None)


        def passthrough(url, **kwargs):
            s = requests.Session()
            return s.get(url, **kwargs)
        """;

    [Fact]
    public void Session_requests_without_a_timeout_are_reported()
    {
        // get_json (module session), download (context-managed session), forever (timeout=None); passthrough's
        // timeout may be in **kwargs
        Assert.Equal([9, 21, 29], Scanner.Lines("B113", ApiClient));
        var finding = Scanner.Findings(ApiClient).First(f => f.Rule.Id == "PY113");
        Assert.Equal("SESSION.get (on the requests.Session() of line 4, which has no default timeout) has no timeout= and waits forever for a server that stops answering", finding.Message);
    }

    [Fact]
    public void Session_requests_with_verify_false_are_reported()
    {
        var finding = Assert.Single(Scanner.Findings(ApiClient), f => f.Rule.Id == "PY501");
        Assert.Equal(16, finding.Location.StartLine);
        Assert.StartsWith("s.post (on the requests.Session() of line 13) passes verify=False", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bandit_mode_gives_bandits_answers()
    {
        Assert.Empty(Scanner.Lines("B113", ApiClient, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B501", ApiClient, CodeCompatibility.Bandit));
    }

    [Fact]
    public void A_session_timeout_attribute_does_not_count_and_a_replaced_request_method_does()
    {
        // requests never reads Session.timeout; a patched request method can supply one
        Assert.Equal([4], Scanner.Lines("B113", "import requests\ns = requests.Session()\ns.timeout = 5\ns.get(url)\n"));
        Assert.Empty(Scanner.Lines("B113", "import requests, functools\ns = requests.Session()\ns.request = functools.partial(s.request, timeout=5)\ns.get(url)\n"));
    }

    [Fact]
    public void Turning_verification_off_on_the_session_is_reported()
    {
        const string code = "import requests\n\ndef client(token):\n    session = requests.Session()\n    session.verify = False\n    session.headers['Authorization'] = token\n    return session\n";
        var finding = Assert.Single(Scanner.Findings(code), f => f.Rule.Id == "PY501");
        Assert.Equal(5, finding.Location.StartLine);
        Assert.Equal("session.verify = False turns off TLS certificate checks for every request of the requests.Session() of line 4, so anyone on the network path can pose as the server", finding.Message);
        Assert.Empty(Scanner.Lines("B501", code.Replace("False", "'/etc/ssl/ca.pem'", StringComparison.Ordinal)));
        Assert.Empty(Scanner.Lines("B501", code.Replace("requests.Session()", "make()", StringComparison.Ordinal)));
        Assert.Empty(Scanner.Lines("B501", code, CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("def f(url):\n    s = requests.Session()\n    s = OtherClient()\n    return s.get(url)\n")] // reassigned
    [InlineData("def f(s, url):\n    return s.get(url)\n")] // a parameter
    [InlineData("s = requests.Session()\ndef f(s, url):\n    return s.get(url)\n")] // a parameter shadows the module's session
    [InlineData("s = requests.Session()\ndef f(url):\n    s = make()\n    return s.get(url)\n")]
    [InlineData("def f(url):\n    s = requests.Session()\n    s.mount('https://', TimeoutAdapter(timeout=5))\n    return s.get(url)\n")] // the adapter may time out
    [InlineData("def f(url):\n    s = requests.Session()\n    del s\n    s = other\n    return s.get(url)\n")]
    [InlineData("def f(urls):\n    for s in sessions:\n        s.get(urls)\n")]
    [InlineData("def f(url):\n    global s\n    s = requests.Session()\n    return s.get(url)\n")]
    [InlineData("def f(url):\n    s = requests.Session()\n    return s.close(url)\n")] // not a request
    [InlineData("def f(url):\n    s = requests.Request('GET', url)\n    return s.get(url)\n")] // not a session
    [InlineData("def f(url, requests):\n    s = requests.Session()\n    return s.get(url)\n")] // `requests` is not the module
    public void Names_that_may_not_hold_the_session_are_not_judged(string code) =>
        Assert.Empty(Scanner.Lines("B113", "import requests\n" + code));

    [Fact]
    public void Httpx_clients_have_a_default_timeout_so_only_none_is_reported()
    {
        const string code = """
            import httpx


            async def fetch_all(urls):
                async with httpx.AsyncClient() as client:
                    pages = [await client.get(u) for u in urls]
                    slow = await client.get(urls[0], timeout=None)
                return pages, slow


            def sync(url):
                client = httpx.Client(timeout=None, verify=False)
                return client.post(url, json={})
            """;

        // line 7: timeout=None on the call; line 12: the client itself (reported as before), not again on line 13
        Assert.Equal([7, 12], Scanner.Lines("B113", code));
        Assert.Equal([12], Scanner.Lines("B501", code)); // httpx methods take no verify=; the client's own is reported
    }
}
