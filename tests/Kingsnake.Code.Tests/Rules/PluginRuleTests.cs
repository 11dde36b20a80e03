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
}
