using System.CommandLine;
using Kingsnake.Cli.Areas;
using Kingsnake.Code.Engine;
using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Audits;

namespace Kingsnake.Cli.Commands;

/// <summary>
/// <c>kingsnake completion bash|zsh|fish|powershell</c>: prints a script that hands tab completion to System.CommandLine's
/// own engine. Each script calls <c>kingsnake "[suggest:POSITION]" "LINE"</c> (the suggest directive every System.CommandLine
/// root understands) and offers what it prints, so commands, options and option values complete from the same
/// definitions that parse them, and new options need no script change. Paths fall back to the shell's own completion.
/// </summary>
internal static class CompletionCommand
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish", "powershell"];

    public static Command Create(CliConsole console)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or powershell." };
        shell.CompletionSources.Add(Shells.ToArray());
        var command = new Command("completion", "Print a shell completion script: add 'eval \"$(kingsnake completion bash)\"' to ~/.bashrc (zsh: ~/.zshrc; fish: 'kingsnake completion fish | source'; PowerShell: 'kingsnake completion powershell | Out-String | Invoke-Expression' in $PROFILE).") { shell };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(shell)!.Trim().ToLowerInvariant();
            console.Out.Write(Script(name) ?? throw new UsageException($"unknown shell '{name}' (known: {string.Join(", ", Shells)})"));
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>The script for <paramref name="shell"/>, or null when there is none.</summary>
    public static string? Script(string shell) => shell switch
    {
        // COMP_LINE/COMP_POINT are the line and the cursor as typed; the binary is the one being completed (${COMP_WORDS[0]})
        "bash" => """
            _kingsnake_complete() {
                local IFS=$'\n'
                local suggestions
                suggestions=$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return
                COMPREPLY=($(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _kingsnake_complete kingsnake

            """,
        "zsh" => """
            #compdef kingsnake
            _kingsnake() {
                local -a suggestions
                suggestions=("${(@f)$("${words[1]}" "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
                if (( ${#suggestions} )) && [[ -n "${suggestions[1]}" ]]; then
                    compadd -a suggestions
                else
                    _files
                fi
            }
            compdef _kingsnake kingsnake

            """,
        "fish" => """
            function __kingsnake_complete
                set -l line (commandline -cp)
                kingsnake "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
            end
            complete -c kingsnake -a '(__kingsnake_complete)'

            """,
        // the cursor position PowerShell gives counts from the start of the input, the command may not start there
        "powershell" => """
            Register-ArgumentCompleter -Native -CommandName kingsnake -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                $line = $commandAst.ToString()
                $position = $cursorPosition - $commandAst.Extent.StartOffset
                & kingsnake "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
        _ => null,
    };

    /// <summary>
    /// Gives the options whose values come from a fixed list their completions, by walking the finished command tree
    /// (so each option keeps its single definition where its command declares it).
    /// </summary>
    public static void AddValueCompletions(Command command)
    {
        foreach (var option in command.Options)
        {
            if (Values(command.Name, option.Name) is { } values && option.CompletionSources.Count == 0)
            {
                // asked for only when completing: building the lists (the areas' rules) costs start-up time otherwise
                option.CompletionSources.Add(_ => values());
            }
        }

        foreach (var sub in command.Subcommands)
        {
            AddValueCompletions(sub);
        }
    }

    private static Func<string[]>? Values(string command, string option) => option switch
    {
        "--format" => command == "rules" ? () => ["terminal", "markdown"] : () => [.. Kingsnake.Reporting.ReportRenderers.Formats],
        "--only" => () => [.. AuditAreas.Descriptors.Select(a => a.Name)],
        "--fail-on" => () => [.. Enum.GetValues<Severity>().Select(s => s.ToName())],
        "--persona" => () => [.. Enum.GetNames<Persona>().Select(n => n.ToLowerInvariant())],
        "--compat" => () => [.. Enum.GetNames<CodeCompatibility>().Select(n => n.ToLowerInvariant())],
        "--platform" => () => ["linux", "win32", "darwin"],
        _ => null,
    };
}
