using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;
using PyList = Kingsnake.Python.Ast.List;

namespace Kingsnake.Code.Rules;

/// <summary>B607: a process started by a bare program name, found through <c>PATH</c>.</summary>
public sealed class StartProcessWithPartialPath : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY607", "start-process-with-partial-path", "Program started by a name looked up on PATH", Severity.Low, Confidence.High, 78, "B607", "S607", """
        The program is named without a path (`"git"`), so whichever `git` comes first on `PATH` runs; whoever controls
        `PATH` or a directory on it chooses the program.

        **Fix:** use an absolute path, or resolve it once with `shutil.which` and check the result.

        **Differs from Bandit:** reported only with `--compat bandit`. Whoever controls `PATH` already chooses what
        every command the user types runs, so a bare program name is not a weakness a maintainer can fix.
        """);

    public override string BanditId => "B607";

    public override string BanditName => "start_process_with_partial_path";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        // Kingsnake's answer: a program found on PATH is how tools run git or rustc, and whoever controls PATH
        // already controls the user's shell; there is nothing for a reviewer to change.
        if (qualifiedName is null || call.Args.Count == 0 || !context.BanditCompatible)
        {
            return;
        }

        var lists = ShellInjection.For(context.Settings);
        if (!lists.Subprocess.Contains(qualifiedName) && !lists.Shell.Contains(qualifiedName) && !lists.NoShell.Contains(qualifiedName))
        {
            return;
        }

        ExprNode? first = call.Args[0];
        if (first is PyList list)
        {
            first = list.Elts.Count > 0 ? list.Elts[0] : null;
        }

        if (Literals.Text(first) is { } program && IsPartialPath(program))
        {
            context.Report(this, call, $"{qualifiedName} starts '{MessageText.Shorten(program.Split(' ')[0], 60)}' by bare name, so whichever match comes first on PATH runs");
        }
    }

    /// <summary>Not starting with <c>/</c>, <c>\</c>, <c>.</c> or a drive letter (<c>C:\</c>, <c>C:/</c>).</summary>
    internal static bool IsPartialPath(string program)
    {
        if (program.Length == 0)
        {
            return true;
        }

        if (program[0] is '/' or '\\' or '.')
        {
            return false;
        }

        return !(program.Length >= 3 && char.IsAsciiLetter(program[0]) && program[1] == ':' && program[2] is '\\' or '/');
    }
}
