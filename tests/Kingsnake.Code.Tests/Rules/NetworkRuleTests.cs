using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>requests/httpx, Flask debug, bind-all, hashes, tarfile.</summary>
public class NetworkRuleTests
{
    [Fact]
    public void B501_verify_false()
    {
        const string code = "import requests, httpx\nrequests.get(u, verify=False)\nrequests.post(u, verify=True)\nhttpx.Client(verify=False)\nrequests.get(u, verify=False)  # nosec\nsession.get(u, verify=False)\n";
        Assert.Equal([2, 4], Scanner.Both("B501", code));
    }

    [Fact]
    public void B113_missing_or_none_timeout()
    {
        const string code = "import requests, httpx\nrequests.get(u)\nrequests.get(u, timeout=5)\nrequests.post(u, timeout=None)\nhttpx.get(u)\nhttpx.get(u, timeout=None)\nrequests.get(u, **kw)\n";
        Assert.Equal([2, 4, 6], Scanner.Lines("B113", code));
        Assert.Equal([2, 4, 6, 7], Scanner.Lines("B113", code, CodeCompatibility.Bandit));
        Assert.Equal(Confidence.Low, Scanner.Findings(code).First().Confidence);
    }

    [Fact]
    public void B201_flask_debug()
    {
        const string code = "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\napp.run(debug=False)\napp.run()\napp.run(debug=True)  # nosec B201\n";
        Assert.Equal([3], Scanner.Both("B201", code));
        Assert.Empty(Scanner.Lines("B201", "import myflaskapp\napp.run(debug=True)\n"));
        Assert.Equal([2], Scanner.Lines("B201", "import myflaskapp\napp.run(debug=True)\n", CodeCompatibility.Bandit));
    }

    [Fact]
    public void B104_bind_all_interfaces()
    {
        const string code = "host = '0.0.0.0'\nsock.bind(('0.0.0.0', 80))\nif h == '0.0.0.0':\n    pass\n'0.0.0.0'\nx = '0.0.0.01'\n";
        Assert.Equal([2], Scanner.Lines("B104", code)); // a stored host binds nothing until it reaches a server call
        Assert.Equal([1, 2, 3], Scanner.Lines("B104", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B324_weak_hashes_without_usedforsecurity_false()
    {
        const string code = "import hashlib, crypt\nhashlib.md5(password)\nhashlib.sha1(password, usedforsecurity=False)\ntoken_hash = hashlib.new('MD5')\nhashlib.new('sha256')\nhashlib.sha256(d)\nsignature = hashlib.new(name='sha1')\ncrypt.crypt(w, crypt.METHOD_MD5)\ncrypt.mksalt(crypt.METHOD_SHA512)\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY324").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(2, Severity.Medium), (4, Severity.Medium), (7, Severity.Medium), (8, Severity.Medium)], findings);
        var bandit = Scanner.Findings(code, CodeCompatibility.Bandit).Where(f => f.Rule.Id == "PY324").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(2, Severity.High), (4, Severity.High), (7, Severity.High), (8, Severity.Medium)], bandit);
        Assert.Empty(Scanner.Lines("B324", "from mylib import hashlib_compat\nhashlib_compat.md5(d)\n"));
    }

    [Fact]
    public void B202_tarfile_extractall_graded_by_members()
    {
        const string code = "import tarfile\nt = tarfile.open(p)\nt.extractall(d)\nt.extractall(d, members=safe(t))\nt.extractall(d, members=m)\nt.extractall(d, filter='data')\nt.extract(m)\nt.extractall(d, filter='tar')\nzf.extractall(d)\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY202").Select(f => (f.Location.StartLine, f.Severity, f.Confidence)).ToList();
        Assert.Equal([(3, Severity.High, Confidence.High), (4, Severity.Low, Confidence.Low), (5, Severity.Medium, Confidence.Medium)], findings);
        Assert.Equal([3, 4, 5, 8, 9], Scanner.Lines("B202", code, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B202", "import zipfile\nz.extractall(d)\n"));

        // PEP 706 filter functions: clean in Kingsnake mode unless it is fully_trusted_filter; Bandit reports all three.
        const string functions = "import tarfile\nt.extractall(d, filter=tarfile.data_filter)\nt.extractall(d, filter=my_filter)\nt.extractall(d, filter=tarfile.fully_trusted_filter)\nt.extractall(d, filter='fully_trusted')\n";
        Assert.Equal([4, 5], Scanner.Lines("B202", functions));
        Assert.Equal([2, 3, 4, 5], Scanner.Lines("B202", functions, CodeCompatibility.Bandit));
    }
}
