using Kingsnake.Code.Engine;
using Kingsnake.Code.Tests.Support;
using Kingsnake.Core.Findings;

namespace Kingsnake.Code.Tests.Rules;

/// <summary>B602–B607: subprocess and os process functions.</summary>
public class ShellRuleTests
{
    [Fact]
    public void B602_grades_by_whether_the_command_is_constant()
    {
        const string code = "import subprocess\nsubprocess.Popen('ls -l', shell=True)\nsubprocess.run(f'ls {d}', shell=True)\nsubprocess.call('ls ' + d, shell=1)\nsubprocess.check_output(cmd, shell=flag)\n";
        var findings = Scanner.Findings(code, CodeCompatibility.Bandit).Where(f => f.Rule.Id == "PY602").ToList();
        Assert.Equal([(2, Severity.Low), (3, Severity.High), (4, Severity.High), (5, Severity.High)], findings.Select(f => (f.Location.StartLine, f.Severity)));

        // Kingsnake's answer: the literal command runs only what the author wrote, so only the built ones are reported.
        Assert.Equal([3, 4, 5], Scanner.Findings(code).Where(f => f.Rule.Id == "PY602").Select(f => f.Location.StartLine));
    }

    [Theory]
    [InlineData("import subprocess\nsubprocess.run(cmd, shell=False)\n")]
    [InlineData("import subprocess\nsubprocess.run(cmd, shell=None)\n")]
    [InlineData("import subprocess\nsubprocess.run(cmd, shell=0)\n")]
    [InlineData("import subprocess\nsubprocess.run(cmd, shell=[])\n")]
    [InlineData("import subprocess\nsubprocess.run(shell=True)\n")] // no command argument
    [InlineData("import mysubprocess as subprocess2\nsubprocess2.run(cmd, shell=True)\n")]
    public void B602_near_misses(string code) => Assert.Empty(Scanner.Lines("B602", code));

    [Fact]
    public void B603_reports_non_literal_commands_and_bandit_mode_reports_all()
    {
        const string code = "import subprocess\nsubprocess.run(['ls', '-l'])\nsubprocess.run(['ls', path])\nsubprocess.run(args)\nsubprocess.run('ls')\nsubprocess.run(cmd, shell=True)\n";
        // ['ls', path]: the program is fixed, input reaches only its arguments, and there is no shell to reinterpret them.
        Assert.Equal([4], Scanner.Lines("B603", code));
        Assert.Equal([2, 3, 4, 5], Scanner.Lines("B603", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B604_other_functions_with_shell()
    {
        const string code = "import subprocess\nrun_it(cmd, shell=True)\nrun_it(cmd, shell=flag)\nrun_it(cmd, shell=False)\nsubprocess.run(cmd, shell=True)\n";
        Assert.Equal([2], Scanner.Lines("B604", code));
        Assert.Equal([2, 3], Scanner.Lines("B604", code, CodeCompatibility.Bandit));
    }

    [Fact]
    public void B605_shell_functions_graded_by_constant_command()
    {
        const string code = "import os, subprocess, commands\nos.system('ls')\nos.popen('cat ' + f)\nsubprocess.getoutput(cmd)\ncommands.getstatusoutput(c)\nos.system()\nos.path.join(a)\n";
        var findings = Scanner.Findings(code).Where(f => f.Rule.Id == "PY605").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(3, Severity.High), (4, Severity.High), (5, Severity.High)], findings); // os.system('ls') is fixed by the source
        var bandit = Scanner.Findings(code, CodeCompatibility.Bandit).Where(f => f.Rule.Id == "PY605").Select(f => (f.Location.StartLine, f.Severity)).ToList();
        Assert.Equal([(2, Severity.Low), (3, Severity.High), (4, Severity.High), (5, Severity.High)], bandit);
    }

    [Fact]
    public void B606_exec_and_spawn_family()
    {
        const string code = "import os\nos.execv(p, args)\nos.spawnlp(os.P_WAIT, 'ls', 'ls')\nos.startfile(f)\nos.execute(x)\nos.exec(x)\n";
        Assert.Equal([2, 3, 4], Scanner.Both("B606", code));
    }

    [Fact]
    public void B607_partial_paths()
    {
        const string code = "import os, subprocess\nsubprocess.run(['ls', '-l'])\nsubprocess.run(['/bin/ls'])\nos.system('./run.sh')\nos.system('C:\\\\Windows\\\\x.exe')\nos.execl('sh', 'sh')\nsubprocess.run(cmd)\nsubprocess.run('git status', shell=True)\nsubprocess.run([])\n";
        Assert.Equal([2, 6, 8], Scanner.Lines("B607", code, CodeCompatibility.Bandit));
        Assert.Empty(Scanner.Lines("B607", code)); // Kingsnake mode: a PATH lookup is how programs are started
    }

    [Fact]
    public void Shell_findings_silenced_by_nosec_on_the_call()
    {
        const string code = "import os\nos.system(cmd)  # nosec B605\nos.system(cmd)  # nosec start_process_with_a_shell\nos.system(cmd)\n";
        Assert.Equal([4], Scanner.Lines("B605", code));
    }
}
