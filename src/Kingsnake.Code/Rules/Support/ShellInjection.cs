using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Kingsnake.Code.Configuration;
using Kingsnake.Code.Engine;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules.Support;

/// <summary>
/// The three lists of process-starting functions Bandit's shell-injection tests share (B602–B607), overridable with
/// the <c>shell_injection</c> section of a Bandit config (<c>subprocess</c>, <c>shell</c>, <c>no_shell</c>).
/// </summary>
internal sealed class ShellInjection
{
    private static readonly ConditionalWeakTable<BanditSettings, ShellInjection> Cache = [];

    private static readonly string[] DefaultSubprocess =
        ["subprocess.Popen", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.run"];

    private static readonly string[] DefaultShell =
    [
        "os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "popen2.popen2", "popen2.popen3", "popen2.popen4",
        "popen2.Popen3", "popen2.Popen4", "commands.getoutput", "commands.getstatusoutput", "subprocess.getoutput",
        "subprocess.getstatusoutput",
    ];

    private static readonly string[] DefaultNoShell =
    [
        "os.execl", "os.execle", "os.execlp", "os.execlpe", "os.execv", "os.execve", "os.execvp", "os.execvpe",
        "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe",
        "os.startfile",
    ];

    private ShellInjection(BanditSettings settings)
    {
        Subprocess = (settings.Option("shell_injection", "subprocess") ?? DefaultSubprocess).ToFrozenSet(StringComparer.Ordinal);
        Shell = (settings.Option("shell_injection", "shell") ?? DefaultShell).ToFrozenSet(StringComparer.Ordinal);
        NoShell = (settings.Option("shell_injection", "no_shell") ?? DefaultNoShell).ToFrozenSet(StringComparer.Ordinal);
    }

    public FrozenSet<string> Subprocess { get; }

    public FrozenSet<string> Shell { get; }

    public FrozenSet<string> NoShell { get; }

    public static ShellInjection For(BanditSettings settings) => Cache.GetValue(settings, s => new ShellInjection(s));

    /// <summary>
    /// Bandit's reading of <c>shell=</c>: a literal counts by its truth, the names <c>False</c>/<c>None</c> are false,
    /// and anything else (<c>shell=flag</c>) counts as true. Null when there is no <c>shell=</c> keyword.
    /// </summary>
    public static bool? ShellValue(Call call)
    {
        var keyword = Literals.KeywordArgument(call, "shell");
        if (keyword is null)
        {
            return null;
        }

        return Literals.Truthiness(keyword.Value) ?? keyword.Value is not Name { Id: "False" or "None" };
    }

    /// <summary>The <c>shell=</c> keyword as written (<c>shell=True</c>, <c>shell=use_shell</c>), for messages.</summary>
    public static string ShellText(Call call, FileContext context) =>
        Literals.KeywordArgument(call, "shell") is { } keyword ? "shell=" + MessageText.Excerpt(context, keyword.Value, 30) : "shell=True";

    /// <summary>True when the keyword's value is a literal that is true (Kingsnake's reading for functions not known to take a shell flag).</summary>
    public static bool LiterallyTrue(Call call) => Literals.KeywordArgument(call, "shell") is { } keyword && Literals.Truthiness(keyword.Value) == true;

    /// <summary>The command argument: the first positional argument, or <c>args=</c>.</summary>
    public static ExprNode? Command(Call call) => call.Args.Count > 0 ? call.Args[0] : Literals.KeywordArgument(call, "args")?.Value;

    /// <summary>Bandit's grading of a shell command: a plain str literal is low, anything built or passed in is high.</summary>
    public static bool IsConstantCommand(Call call) => call.Args.Count > 0 && Literals.IsStr(call.Args[0]);
}
