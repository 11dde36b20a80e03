using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>
/// Finding messages name the concrete thing found: the resolved call, the variables a command or query is built
/// from, the keyword or parameter holding a secret (never the secret itself).
/// </summary>
public class MessageTests
{
    [Theory]
    [InlineData("B101", "assert user.is_admin\n", "assert user.is_admin", "-O")]
    [InlineData("B102", "exec(source)\n", "exec", "'source'")]
    [InlineData("B102", "exec(f'x = {y}')\n", "an f-string", "'y'")]
    [InlineData("B104", "app.run(host='0.0.0.0')\n", "'0.0.0.0'", "host= to app.run")]
    [InlineData("B104", "sock.bind(('0.0.0.0', 80))\n", "'0.0.0.0'", "every network interface")]
    [InlineData("B108", "f = open('/tmp/app.lock', 'w')\n", "'/tmp/app.lock'", "passed to open")]
    [InlineData("B110", "try:\n    verify_signature(blob)\nexcept Exception:\n    pass\n", "'except Exception:'", "pass")]
    [InlineData("B110", "try:\n    check_permission(user)\nexcept:\n    pass\n", "bare 'except:'", "pass")]
    [InlineData("B112", "for i in a:\n    try:\n        authorize(i)\n    except:\n        continue\n", "bare 'except:'", "continue")]
    [InlineData("B113", "import requests\nrequests.get(url)\n", "requests.get", "timeout=")]
    [InlineData("B113", "import httpx\nhttpx.post(url, timeout=None)\n", "httpx.post", "timeout=None")]
    [InlineData("B201", "import flask\napp = flask.Flask(__name__)\napp.run(debug=True)\n", "app.run(debug=True)", "Werkzeug")]
    [InlineData("B202", "import tarfile\ntarfile.open(p).extractall(dest)\n", "tarfile.open(…).extractall", "no filter=")]
    [InlineData("B202", "import tarfile\nt.extractall(members=safe_members(t))\n", "t.extractall", "safe_members()")]
    [InlineData("B202", "import tarfile\nt.extractall(members=picked)\n", "members=picked", "t.extractall")]
    [InlineData("B301", "import pickle\npickle.loads(payload)\n", "pickle.loads", "'payload'")]
    [InlineData("B301", "import pandas as pd\npd.read_pickle(path)\n", "pandas.read_pickle", "'path'")]
    [InlineData("B302", "import marshal\nmarshal.load(f)\n", "marshal.load", "marshal format")]
    [InlineData("B307", "eval(expr)\n", "non-literal", "'expr'")]
    [InlineData("B307", "eval(request.args['q'])\n", "non-literal", "an item of 'request.args'")]
    [InlineData("B324", "import hashlib\nhashlib.md5(password)\n", "hashlib.md5", "usedforsecurity=False")]
    [InlineData("B324", "import hashlib\nhashlib.new('sha1', password)\n", "hashlib.new('sha1')", "SHA1")]
    [InlineData("B324", "import crypt\ncrypt.crypt(pw, crypt.METHOD_MD5)\n", "crypt.crypt", "METHOD_MD5")]
    [InlineData("B501", "import requests\nrequests.post(url, verify=False, timeout=5)\n", "requests.post", "verify=False")]
    [InlineData("B506", "import yaml\nyaml.load(text)\n", "yaml.load", "without a safe Loader")]
    [InlineData("B506", "import yaml\nyaml.load(text, Loader=yaml.FullLoader)\n", "yaml.load", "Loader=yaml.FullLoader")]
    [InlineData("B602", "import subprocess\nsubprocess.call(cmd, shell=True)\n", "subprocess.call runs a shell (shell=True)", "built from 'cmd'")]
    [InlineData("B602", "import subprocess\nsubprocess.run('ls ' + folder, shell=use_shell)\n", "shell=use_shell", "a concatenation using 'folder'")]
    [InlineData("B603", "import subprocess\nsubprocess.run([tool, arg])\n", "subprocess.run", "'tool', 'arg'")]
    [InlineData("B604", "spawn(command, shell=True)\n", "spawn", "shell=True")]
    [InlineData("B605", "import os\nos.system(f'rm {path}')\n", "os.system", "an f-string using 'path'")]
    [InlineData("B606", "import os\nos.execvp(program, argv)\n", "os.execvp", "'program'")]
    [InlineData("B614", "import torch\ntorch.load(checkpoint)\n", "torch.load", "without weights_only=True")]
    [InlineData("B614", "import torch\ntorch.load(checkpoint, weights_only=False)\n", "torch.load", "weights_only=False")]
    [InlineData("B303", "from Crypto.Hash import SHA\nSHA.new(d)\n", "Crypto.Hash.SHA.new", "SHA-1")]
    [InlineData("B304", "from Crypto.Cipher import Blowfish\nBlowfish.new(k)\n", "Crypto.Cipher.Blowfish.new", "Blowfish")]
    [InlineData("B306", "import tempfile\ntempfile.mktemp()\n", "tempfile.mktemp", "mkstemp")]
    [InlineData("B308", "from django.utils.safestring import mark_safe\nmark_safe(comment.body)\n", "mark_safe", "'comment.body'")]
    [InlineData("B310", "import urllib.request\nurllib.request.urlopen(target)\n", "urllib.request.urlopen", "'target'")]
    [InlineData("B311", "import random\ntoken = random.randint(0, 9)\n", "random.randint", "secrets")]
    [InlineData("B314", "import xml.etree.ElementTree as ET\nET.fromstring(body)\n", "xml.etree.ElementTree.fromstring", "defusedxml.ElementTree")]
    [InlineData("B321", "import ftplib\nftplib.FTP(host)\n", "ftplib.FTP", "'host'")]
    [InlineData("B323", "import ssl\nssl._create_unverified_context()\n", "ssl._create_unverified_context", "impersonate")]
    [InlineData("B412", "from wsgiref.handlers import CGIHandler\n", "'wsgiref.handlers.CGIHandler'", "HTTP_PROXY")]
    [InlineData("B103", "import os\nos.chmod(script, 0o777)\n", "os.chmod sets mode 0o777 on 'script'", "every user write")]
    [InlineData("B507", "import paramiko\nssh.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n", "ssh.set_missing_host_key_policy(AutoAddPolicy)", "in the middle")]
    [InlineData("B509", "from pysnmp.hlapi import UsmUserData\nUsmUserData('u', 'k')\n", "UsmUserData", "no privKey")]
    [InlineData("B601", "import paramiko\nssh.exec_command('ls ' + folder)\n", "ssh.exec_command", "a concatenation using 'folder'")]
    [InlineData("B612", "import logging.config\nlogging.config.listen(9030)\n", "port 9030", "verify=")]
    [InlineData("B502", "import ssl\nssl.wrap_socket(s, ssl_version=ssl.PROTOCOL_SSLv3)\n", "ssl.wrap_socket(ssl_version=PROTOCOL_SSLv3)", "SSL 3")]
    [InlineData("B505", "from cryptography.hazmat.primitives.asymmetric import rsa\nrsa.generate_private_key(65537, 1024)\n", "1024-bit RSA key", "2048")]
    [InlineData("B609", "import os\nos.system('tar czf b.tgz *')\n", "'tar czf b.tgz *'", "tar option")]
    [InlineData("B611", "from django.db.models import RawSQL\nRawSQL('select ' + column, [])\n", "a concatenation using 'column'", "params")]
    [InlineData("B615", "from transformers import AutoModel\nAutoModel.from_pretrained('org/model')\n", "AutoModel.from_pretrained of the literal 'org/model'", "without revision=")]
    [InlineData("B701", "import jinja2\njinja2.Environment(autoescape=False)\n", "jinja2.Environment(autoescape=False)", "unescaped")]
    [InlineData("B704", "from markupsafe import Markup\nMarkup(f'<b>{bio}</b>')\n", "markupsafe.Markup(", "bio")]
    [InlineData("B703", "from django.utils.safestring import mark_safe\ndef f(bio):\n    return mark_safe(bio)\n", "mark_safe marks 'bio'", "format_html")]
    public void Message_names_the_call_and_its_inputs(string banditId, string code, string first, string second)
    {
        var message = Scanner.Single(banditId, code).Message;
        Assert.Contains(first, message, StringComparison.Ordinal);
        Assert.Contains(second, message, StringComparison.Ordinal);
    }

    /// <summary>Messages of findings Kingsnake mode leaves out (constant commands, imports, unguarded handlers): Bandit mode words them the same way.</summary>
    [Theory]
    [InlineData("B104", "HOST = '0.0.0.0'\n", "'0.0.0.0'", "assigned to 'HOST'")]
    [InlineData("B403", "import dill\n", "'dill'", "imported")]
    [InlineData("B605", "import os\nos.popen('uptime')\n", "os.popen", "literal command 'uptime'")]
    [InlineData("B602", "import subprocess\nsubprocess.run('ls -l', shell=True)\n", "subprocess.run", "literal command 'ls -l'")]
    [InlineData("B607", "import subprocess\nsubprocess.run(['git', 'status'])\n", "subprocess.run", "'git'")]
    [InlineData("B401", "import telnetlib\n", "'telnetlib'", "clear text")]
    [InlineData("B405", "from xml.etree import ElementTree\n", "'xml.etree.ElementTree'", "defusedxml")]
    [InlineData("B704", "from markupsafe import Markup\nMarkup(bio)\n", "markupsafe.Markup(bio)", "'bio'")]
    [InlineData("B110", "try:\n    x()\nexcept Exception:\n    pass\n", "'except Exception:'", "pass")]
    [InlineData("B112", "for i in a:\n    try:\n        x()\n    except:\n        continue\n", "bare 'except:'", "continue")]
    [InlineData("B311", "import random\nrandom.randint(0, 9)\n", "random.randint", "secrets")]
    [InlineData("B324", "import hashlib\nhashlib.md5(data)\n", "hashlib.md5", "usedforsecurity=False")]
    public void Bandit_mode_message_names_the_call_and_its_inputs(string banditId, string code, string first, string second)
    {
        var message = Scanner.Single(banditId, code, CodeCompatibility.Bandit).Message;
        Assert.Contains(first, message, StringComparison.Ordinal);
        Assert.Contains(second, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_message_shows_the_statement_and_what_is_spliced_in()
    {
        var findings = Scanner.Findings("cur.execute(\"SELECT * FROM users WHERE id = \" + uid)\nq = \"DELETE FROM t WHERE a = {}\".format(name)\ncur.execute(f\"UPDATE t SET a = {value} WHERE id = 1\")\n")
            .Where(f => f.Rule.Id == "PY608").Select(f => f.Message).ToList();
        Assert.Equal(3, findings.Count);
        Assert.Contains("'SELECT * FROM users WHERE id =", findings[0], StringComparison.Ordinal);
        Assert.Contains("+ concatenation from 'uid'", findings[0], StringComparison.Ordinal);
        Assert.Contains(".format() from 'name'", findings[1], StringComparison.Ordinal);
        Assert.Contains("an f-string from 'value'", findings[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B105", "password = 'hunter2'\n", "'password' is assigned", "'hu*****'", "hunter2")]
    [InlineData("B105", "if token == 'letmein7':\n    pass\n", "'token' is compared", "'le******'", "letmein7")]
    [InlineData("B105", "d = {'api_token': 'xyzzy'}\n", "'api_token'", "'x****'", "xyzzy")]
    [InlineData("B105", "config['secret'] = 'abcdef'\n", "'secret'", "'ab****'", "abcdef")]
    [InlineData("B106", "connect(user='u', password='pw1234')\n", "password=", "'pw****'", "pw1234")]
    [InlineData("B107", "def login(user, passwd='admin'):\n    pass\n", "'passwd' of login()", "'a****'", "admin")]
    public void Secret_messages_name_the_holder_and_mask_the_value(string banditId, string code, string holder, string masked, string secret)
    {
        foreach (var mode in new[] { CodeCompatibility.Kingsnake, CodeCompatibility.Bandit })
        {
            var message = Scanner.Single(banditId, code, mode).Message;
            Assert.Contains(holder, message, StringComparison.Ordinal);
            Assert.Contains(masked, message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[..3], message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Short_secrets_show_at_most_one_character_and_plain_non_secrets_are_shown()
    {
        var message = Scanner.Single("B105", "pwd = 'a1b2'\n").Message;
        Assert.Contains("'a***'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("a1b2", message, StringComparison.Ordinal);

        // Two characters cannot be a secret: Kingsnake does not report it, and Bandit mode, which does, shows it as is.
        Assert.Empty(Scanner.Lines("B105", "pwd = 'ab'\n"));
        Assert.Contains("'ab'", Scanner.Single("B105", "pwd = 'ab'\n", CodeCompatibility.Bandit).Message, StringComparison.Ordinal);
    }
}
