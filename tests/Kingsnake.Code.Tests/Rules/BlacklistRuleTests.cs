using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>Bandit's blacklisted calls (B303–B323) and imports (B401–B415).</summary>
public class BlacklistRuleTests
{
    [Theory]
    [InlineData("B303", "from Crypto.Hash import MD5\nMD5.new(d)\n", "import hashlib\nhashlib.md5(d)\n")]
    [InlineData("B303", "from cryptography.hazmat.primitives import hashes\nhashes.SHA1()\n", "from cryptography.hazmat.primitives import hashes\nhashes.SHA256()\n")]
    [InlineData("B304", "from Cryptodome.Cipher import DES\nDES.new(k)\n", "from Cryptodome.Cipher import AES\nAES.new(k)\n")]
    [InlineData("B304", "from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.TripleDES(k)\n", "from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.AES(k)\n")]
    [InlineData("B305", "from cryptography.hazmat.primitives.ciphers import modes\nmodes.ECB()\n", "from cryptography.hazmat.primitives.ciphers import modes\nmodes.GCM(iv)\n")]
    [InlineData("B306", "import tempfile\ntempfile.mktemp()\n", "import tempfile\ntempfile.mkstemp()\n")]
    [InlineData("B308", "from django.utils.safestring import mark_safe\nmark_safe(html)\n", "from django.utils.html import format_html\nformat_html(html)\n")]
    [InlineData("B310", "import urllib.request\nurllib.request.urlopen(url)\n", "import requests\nrequests.get(url, timeout=5)\n")]
    [InlineData("B310", "from six.moves.urllib.request import urlretrieve\nurlretrieve(url)\n", "def urlretrieve(u):\n    pass\nurlretrieve(url)\n")]
    [InlineData("B311", "import random\ntoken = random.choice(letters)\n", "import secrets\ntoken = secrets.choice(letters)\n")]
    [InlineData("B311", "from random import randint as r\npin = r(1, 6)\n", "import random\npin = random.SystemRandom().randint(1, 6)\n")]
    [InlineData("B312", "import telnetlib\ntelnetlib.Telnet(host)\n", "import telnetlib\ntelnetlib.IAC\n")]
    [InlineData("B313", "import xml.etree.cElementTree as ET\nET.parse(f)\n", "import defusedxml.cElementTree as ET\nET.parse(f)\n")]
    [InlineData("B314", "from xml.etree import ElementTree\nElementTree.fromstring(s)\n", "from xml.etree import ElementTree\nElementTree.tostring(e)\n")]
    [InlineData("B315", "import xml.sax.expatreader\nxml.sax.expatreader.create_parser()\n", "import defusedxml.expatreader\ndefusedxml.expatreader.create_parser()\n")]
    [InlineData("B316", "from xml.dom import expatbuilder\nexpatbuilder.parseString(s)\n", "from defusedxml import expatbuilder\nexpatbuilder.parseString(s)\n")]
    [InlineData("B317", "import xml.sax\nxml.sax.parseString(s, h)\n", "import xml.sax\nxml.sax.ContentHandler()\n")]
    [InlineData("B318", "from xml.dom.minidom import parseString\nparseString(s)\n", "from defusedxml.minidom import parseString\nparseString(s)\n")]
    [InlineData("B319", "import xml.dom.pulldom\nxml.dom.pulldom.parse(f)\n", "import defusedxml.pulldom\ndefusedxml.pulldom.parse(f)\n")]
    [InlineData("B321", "import ftplib\nftplib.FTP(host)\n", "import ftplib\nftplib.FTP_TLS(host)\n")]
    [InlineData("B323", "import ssl\nssl._create_unverified_context()\n", "import ssl\nssl.create_default_context()\n")]
    public void Blacklisted_call_is_reported_and_its_near_miss_is_not(string banditId, string flagged, string nearMiss)
    {
        var line = flagged.Count(c => c == '\n');
        Assert.Equal([line], Scanner.Both(banditId, flagged));
        Assert.Empty(Scanner.Both(banditId, nearMiss));
        Assert.Empty(Scanner.Both(banditId, flagged.TrimEnd('\n') + "  # nosec\n"));
        Assert.Empty(Scanner.Both(banditId, flagged.TrimEnd('\n') + $"  # nosec {banditId}\n"));
        Assert.Equal([line], Scanner.Both(banditId, flagged.TrimEnd('\n') + "  # nosec B101\n"));
    }

    [Fact]
    public void Blacklisted_calls_carry_bandit_grades()
    {
        Assert.Equal(Severity.High, Scanner.Single("B304", "from Crypto.Cipher import ARC4\nARC4.new(k)\n").Severity);
        Assert.Equal(Severity.Low, Scanner.Single("B311", "import random\nsalt = random.random()\n").Severity);
        Assert.Equal(Confidence.High, Scanner.Single("B306", "import tempfile\ntempfile.mktemp()\n").Confidence);
    }

    [Fact]
    public void Kingsnake_mode_spares_literals_that_cannot_carry_input()
    {
        const string markSafe = "from django.utils.safestring import mark_safe\nmark_safe('<br>')\nmark_safe(html)\n";
        Assert.Equal([3], Scanner.Lines("B308", markSafe));
        Assert.Equal([2, 3], Scanner.Lines("B308", markSafe, CodeCompatibility.Bandit));
        const string urlopen = "from urllib.request import urlopen\nurlopen('https://example.org/x')\nurlopen('file:///etc/passwd')\nurlopen(url)\n";
        Assert.Equal([3, 4], Scanner.Lines("B310", urlopen));
        Assert.Equal([2, 3, 4], Scanner.Lines("B310", urlopen, CodeCompatibility.Bandit));
    }

    [Fact]
    public void A_local_binding_shadowing_the_module_is_not_a_blacklisted_call()
    {
        const string code = "def make_token(random):\n    return random.choice(sides)\n";
        Assert.Empty(Scanner.Lines("B311", code));
        Assert.Equal([2], Scanner.Lines("B311", code, CodeCompatibility.Bandit)); // Bandit's alias map has no scopes
    }

    [Theory]
    [InlineData("B401", "import telnetlib\n")]
    [InlineData("B402", "from ftplib import FTP_TLS\n")]
    [InlineData("B403", "import pickle\n")]
    [InlineData("B404", "import subprocess as sp\n")]
    [InlineData("B405", "from xml.etree import ElementTree\n")]
    [InlineData("B405", "import xml.etree.cElementTree as ET\n")]
    [InlineData("B406", "from xml import sax\n")]
    [InlineData("B406", "from xml.sax import saxutils\n")]
    [InlineData("B407", "from xml.dom import expatbuilder\n")]
    [InlineData("B408", "from xml.dom.minidom import parseString\n")]
    [InlineData("B409", "import xml.dom.pulldom\n")]
    [InlineData("B411", "import xmlrpc.client\n")]
    public void Import_only_blacklist_is_bandit_mode_only_and_left_to_the_call_rules_by_default(string banditId, string flagged)
    {
        // Kingsnake judges these modules where they are used (PY301, PY312–PY321); the import alone is Bandit's answer.
        Assert.Equal([1], Scanner.Lines(banditId, flagged, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines(banditId, flagged));
        Assert.Empty(Scanner.Lines(banditId, flagged.TrimEnd('\n') + "  # nosec\n", CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines(banditId, flagged.TrimEnd('\n') + $"  # nosec: {banditId}\n", CodeCompatibility.Bandit));
        Assert.Equal([1], Scanner.Lines(banditId, flagged.TrimEnd('\n') + "  # nosec B101\n", CodeCompatibility.Bandit));
    }

    [Theory]
    [InlineData("B412", "from wsgiref.handlers import CGIHandler\n", "from wsgiref.handlers import SimpleHandler\n")]
    [InlineData("B412", "from twisted.web.twcgi import CGIScript\n", "from twisted.web import server\n")]
    [InlineData("B413", "from Crypto.Cipher import AES\n", "from Cryptodome.Cipher import AES\n")]
    [InlineData("B415", "from pyghmi.ipmi import command\n", "import pyghmix\n")]
    public void Blacklisted_import_is_reported_and_its_near_miss_is_not(string banditId, string flagged, string nearMiss)
    {
        Assert.Equal([1], Scanner.Both(banditId, flagged));
        Assert.Empty(Scanner.Lines(banditId, nearMiss));
        Assert.Empty(Scanner.Both(banditId, flagged.TrimEnd('\n') + "  # nosec\n"));
        Assert.Empty(Scanner.Both(banditId, flagged.TrimEnd('\n') + $"  # nosec: {banditId}\n"));
    }

    [Fact]
    public void Import_prefix_matching_follows_bandit_only_in_bandit_mode()
    {
        // Bandit matches the text prefix: subprocess32, ftplibx and xmlrpcx are reported there, not by Kingsnake.
        Assert.Equal([1], Scanner.Lines("B404", "import subprocess32\n", CodeCompatibility.Bandit));
        Assert.Equal([1], Scanner.Lines("B402", "import ftplibx\n", CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B413", "from Cryptodome.Cipher import AES\n", CodeCompatibility.Bandit));
    }

    [Fact]
    public void Bandit_mode_reports_only_the_first_blacklist_entry_of_a_statement()
    {
        // Bandit runs one blacklist test per node and stops at its first hit, walking the entries in id order.
        const string code = "import ftplib, telnetlib\nimport subprocess, pickle\n";
        Assert.Equal([1], Scanner.Lines("B401", code, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B402", code, CodeCompatibility.Bandit));
        Assert.Equal([2], Scanner.Lines("B403", code, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B404", code, CodeCompatibility.Bandit));
        // Kingsnake mode leaves these imports to the rules on the calls made with them.
        Assert.Empty(Scanner.Lines("B401", code));
        Assert.Empty(Scanner.Lines("B404", code));
    }

    [Fact]
    public void Dynamic_imports_match_the_exact_module_name()
    {
        const string code = "import importlib\n__import__('telnetlib')\nimportlib.import_module('subprocess')\nimportlib.import_module('subprocess32')\n__import__(name)\n";
        Assert.Equal([2], Scanner.Lines("B401", code, CodeCompatibility.Bandit));
        Assert.Equal([3], Scanner.Lines("B404", code, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B404", code));
    }

    [Fact]
    public void Relative_imports_count_only_in_bandit_mode()
    {
        Assert.Empty(Scanner.Lines("B404", "from .subprocess import run\n"));
        Assert.Equal([1], Scanner.Lines("B404", "from .subprocess import run\n", CodeCompatibility.Bandit));
    }

    [Fact]
    public void Bandit_mode_reads_names_through_a_file_wide_alias_map_in_visit_order()
    {
        // A function-level `from random import random` rebinds the name for the rest of the file in Bandit's map,
        // so the later random.uniform reads as random.random.uniform there; scoped resolution still sees the module.
        const string code = "import random\ndef make_token():\n    from random import random\n    return random()\ndef new_salt():\n    return random.uniform(0, 1)\n";
        Assert.Equal([4, 6], Scanner.Lines("B311", code));
        Assert.Equal([4], Scanner.Lines("B311", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void Bandit_mode_matches_the_import_blacklist_against_call_names_too()
    {
        // CPython's copyreg.py defines a function named pickle and calls it; Bandit reports those calls as B403.
        const string code = "def pickle(ob_type, function):\n    pass\npickle(complex, f)\nshelve_it = 1\n";
        Assert.Equal([3], Scanner.Lines("B403", code, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B403", code));
        Assert.Empty(Scanner.Lines("B403", "def pickles(x):\n    pass\npickles(1)\n", CodeCompatibility.Bandit));
    }
}
