using Kingsnake.Code.Configuration;
using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>Bandit's plugin checks for file modes, SSH, SNMP, logging, templates, TLS, keys and Django.</summary>
public class PluginRuleTests
{
    [Fact]
    public void B103_chmod_graded_by_what_it_grants()
    {
        const string code = "import os, stat\nos.chmod(p, 0o777)\nos.chmod(p, 0o750)\nos.chmod(p, 0o600)\nos.chmod(p, 0o644)\nos.chmod(p, 0o720)\nos.chmod(p, mode)\nos.chmod(p, 0o777)  # nosec\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY103").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(2, Severity.High), (3, Severity.Medium), (6, Severity.Medium)], findings);
        Assert.Equal([2, 3, 6], Scanner.Lines("B103", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B103_modes_differ_on_which_calls_count()
    {
        // Bandit: any name containing chmod with two positional arguments; Kingsnake: os.*chmod and Path.chmod.
        const string code = "import os\nfrom pathlib import Path\nPath(p).chmod(0o777)\nos.chmod(p, mode=0o777)\nmy_chmod(p, 0o777)\nos.fchmod(fd, 0o666)\n";
        Assert.Equal([3, 4, 6], Scanner.Lines("B103", code));
        Assert.Equal([5, 6], Scanner.Lines("B103", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B612_logging_listen_without_verify()
    {
        const string code = "import logging.config\nlogging.config.listen(9999)\nlogging.config.listen(9999, verify=check)\nfrom logging import config\nconfig.listen()\n";
        Assert.Equal([2, 5], Scanner.Both("B612", code));
    }

    [Fact]
    public void B601_paramiko_exec_command()
    {
        const string code = "import paramiko\nclient = paramiko.SSHClient()\nclient.exec_command(cmd)\nclient.exec_command('uptime')\nclient.exec_command(cmd)  # nosec B601\n";
        Assert.Equal([3], Scanner.Lines("B601", code));
        Assert.Equal([3, 4], Scanner.Lines("B601", code, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Both("B601", "import fabric\nc.exec_command(cmd)\n"));
    }

    [Fact]
    public void B507_paramiko_missing_host_key_policy()
    {
        const string code = "import paramiko\nfrom paramiko import client\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())\nc.set_missing_host_key_policy(client.WarningPolicy)\nc.set_missing_host_key_policy(paramiko.RejectPolicy())\n";
        Assert.Equal([3, 4], Scanner.Both("B507", code));
        Assert.Empty(Scanner.Both("B507", "c.set_missing_host_key_policy(AutoAddPolicy())\n"));
    }

    [Fact]
    public void B508_B509_snmp()
    {
        const string code = "from pysnmp.hlapi import CommunityData, UsmUserData\nCommunityData('public', mpModel=0)\nCommunityData('public', mpModel=1)\nCommunityData('public', mpModel=3)\nUsmUserData('user')\nUsmUserData('user', 'auth')\nUsmUserData('user', 'auth', 'priv')\nUsmUserData('user', authKey=a, privKey=p)\n";
        Assert.Equal([2, 3], Scanner.Both("B508", code));
        Assert.Equal([5, 6], Scanner.Lines("B509", code));
        Assert.Equal([5, 6, 8], Scanner.Lines("B509", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B702_mako_templates()
    {
        const string code = "from mako.template import Template\nfrom mako import template\nTemplate(text)\ntemplate.Template(text, default_filters=['h'])\nstring.Template(text)\n";
        Assert.Equal([3], Scanner.Lines("B702", code));
        Assert.Equal([3, 4], Scanner.Lines("B702", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B502_bad_tls_versions_graded_by_call()
    {
        const string code = "import ssl\nfrom OpenSSL import SSL\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv3)\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_TLS_CLIENT)\nconnect(host, ssl_version=ssl.PROTOCOL_TLSv1)\nSSL.Context(method=SSL.TLSv1_METHOD)\nssl.SSLContext(ssl.PROTOCOL_TLSv1_1)\nSSL.Context(SSL.TLS_METHOD)\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY502").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(3, Severity.High), (5, Severity.Medium), (6, Severity.High), (7, Severity.High)], findings);
        // Bandit knows pyOpenSSL only under the name pyOpenSSL.SSL.Context, so OpenSSL.SSL.Context is a medium "other call".
        var bandit = Scanner.Findings(code, CodeCompatibility.Bandit).Where(f => f.Rule.Id == "PY502").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(3, Severity.High), (5, Severity.Medium), (6, Severity.Medium)], bandit);
    }

    [Fact]
    public void B503_B504_tls_defaults_and_missing_version()
    {
        const string code = "import ssl\ndef connect(host, version=ssl.PROTOCOL_SSLv2):\n    pass\ndef fine(host, version=ssl.PROTOCOL_TLS_CLIENT):\n    pass\ndef kw(*, version=PROTOCOL_TLSv1):\n    pass\nssl.wrap_socket(sock)\nssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_TLS)\nssl.wrap_socket(sock)  # nosec B504\n";
        Assert.Equal([2, 6], Scanner.Lines("B503", code));
        Assert.Equal([2], Scanner.Lines("B503", code, CodeCompatibility.Bandit));
        Assert.Equal([8], Scanner.Both("B504", code));
    }

    [Fact]
    public void B505_key_sizes_graded_by_strength()
    {
        const string code = "from cryptography.hazmat.primitives.asymmetric import rsa, dsa, ec\nfrom Crypto.PublicKey import RSA\nrsa.generate_private_key(65537, 1024)\nrsa.generate_private_key(public_exponent=65537, key_size=512)\nrsa.generate_private_key(65537, 4096)\ndsa.generate_private_key(key_size=2048)\nec.generate_private_key(ec.SECT163R2)\nec.generate_private_key(ec.SECP192R1())\nec.generate_private_key(ec.SECP256R1())\nRSA.generate(bits=1024)\nrsa.generate_private_key(65537, size)\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY505").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(3, Severity.Medium), (4, Severity.High), (7, Severity.Medium), (8, Severity.Medium), (10, Severity.Medium)], findings);
        Assert.Equal([3, 4, 7, 10], Scanner.Lines("B505", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B701_jinja2_autoescape()
    {
        const string code = "import jinja2\nfrom jinja2 import Environment, select_autoescape\nEnvironment(loader=l)\nEnvironment(autoescape=False)\nEnvironment(autoescape=flag)\nEnvironment(autoescape=True)\nEnvironment(autoescape=select_autoescape())\njinja2.Environment(**options)\nEnvironment(loader=Loader(autoescape=True))\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY701").Select(f => (f.Location.StartLine, f.Confidence)).ToList();
        Assert.Equal([(3, Confidence.High), (4, Confidence.High), (5, Confidence.Medium), (9, Confidence.High)], findings);
        Assert.Equal([3, 4, 5, 8], Scanner.Lines("B701", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B609_wildcards_in_shell_commands()
    {
        const string code = "import os, subprocess\nos.system('tar cf backup.tar *')\nsubprocess.call('chown user:group *', shell=True)\nsubprocess.call(['chmod', '+x', '*'])\nos.system('tar cf backup.tar -- *')\nos.system('ls *.tar')\nos.popen('rsync -a * remote:')\n";
        Assert.Equal([2, 3, 7], Scanner.Lines("B609", code));
        Assert.Equal([2, 3, 5, 6, 7], Scanner.Lines("B609", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B610_B611_django_raw_sql()
    {
        const string code = "from django.db.models.expressions import RawSQL\nqs.extra(where=['id = %s'], params=[x])\nqs.extra(where=['id = ' + x])\nqs.extra(select={'n': 'count(*)'})\nqs.extra(select={'n': expr})\nqs.extra(tables=tables)\nRawSQL('select 1', [])\nRawSQL('select ' + col, [])\nRawSQL(sql=query)\n";
        Assert.Equal([3, 5, 6], Scanner.Both("B610", code));
        Assert.Equal([8, 9], Scanner.Both("B611", code));
        Assert.Empty(Scanner.Lines("B610", "cache.extra(where=w)\n"));
        Assert.Equal([1], Scanner.Lines("B610", "cache.extra(where=w)\n", CodeCompatibility.Bandit));
    }

    [Fact]
    public void B613_bidi_controls()
    {
        const string code = "access = 'user'\nif access != 'none\u202e \u2066# admin\u2069 \u2066':\n    grant()\nx = '\u200f'\n";
        var finding = Scanner.Single("B613", code, CodeCompatibility.Bandit);
        Assert.Equal((2, 19), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Equal([2, 4], Scanner.Lines("B613", code));
        Assert.Empty(Scanner.Lines("B613", "x = '\\u202e escaped, not raw'\ny = 'caf\u00e9 \u2014 fine'\n"));
        Assert.Equal([4], Scanner.Lines("B613", code.Replace("\u2066':", "\u2066':  # nosec B613", StringComparison.Ordinal)));
    }

    [Fact]
    public void B704_markup_on_non_literals()
    {
        const string code = "from markupsafe import Markup\nimport flask\nMarkup('<b>hi</b>')\nMarkup(user_bio)\nflask.Markup(f'<b>{name}</b>')\nMarkup(bleach.clean(text))\nMarkup('<b>{}</b>').format(name)\n";
        // Kingsnake mode: only markup built at the call with values formatted in; wrapping a value is left to review.
        Assert.Equal([5], Scanner.Lines("B704", code));
        Assert.Equal([4, 5, 6], Scanner.Lines("B704", code, CodeCompatibility.Bandit));
        var settings = new BanditSettings
        {
            PluginOptions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["markupsafe_xss"] = new Dictionary<string, IReadOnlyList<string>> { ["allowed_calls"] = ["bleach.clean"], ["extend_markup_names"] = ["webhelpers.html.literal"] },
            },
        };
        const string configured = code + "from webhelpers.html import literal\nliteral(f'<i>{x}</i>')\n";
        Assert.Equal([5, 9], Scanner.Lines("B704", configured, settings: settings));
        Assert.Equal([4, 5, 9], Scanner.Lines("B704", configured, CodeCompatibility.Bandit, settings));
    }

    [Fact]
    public void B615_huggingface_downloads_without_a_pinned_commit()
    {
        const string code = "from transformers import AutoModel\nfrom huggingface_hub import hf_hub_download\nAutoModel.from_pretrained('org/model')\nAutoModel.from_pretrained('org/model', revision='main')\nAutoModel.from_pretrained('org/model', revision='5d0f2e8')\nAutoModel.from_pretrained('./local-model')\nhf_hub_download(repo_id='org/x', filename='f')\nAutoModel.from_pretrained('org/model', revision=pinned)\n";
        Assert.Equal([3, 4, 7], Scanner.Both("B615", code));
        Assert.Empty(Scanner.Both("B615", "from mylib import Model\nModel.from_pretrained('org/model')\n"));
    }

    [Fact]
    public void B703_mark_safe_reads_the_enclosing_function()
    {
        const string code = """
            from django.utils.safestring import mark_safe, SafeString
            def literal_only():
                html = '<b>static</b>'
                return mark_safe(html)
            def from_parameter(html):
                return mark_safe(html)
            def formatted(name):
                label = '<b>{}</b>'.format('fixed')
                return mark_safe(label)
            def formatted_user(name):
                return mark_safe('<b>{}</b>'.format(name))
            def percent():
                return mark_safe('<i>%s</i>' % ('x',))
            def reassigned(request):
                html = '<b>ok</b>'
                html = request.GET['q']
                return SafeString(html)
            mark_safe('<br>')
            """;
        Assert.Equal([6, 11, 17], Scanner.Both("B703", code));
        Assert.Empty(Scanner.Lines("B703", "from myapp.safestring import mark_safe\nmark_safe(x)\n"));
    }
}
