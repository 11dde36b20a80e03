using Kingsnake.Core.Shell;
using Kingsnake.Core.Yaml;
using Kingsnake.Workflows.Audits;

namespace Kingsnake.Workflows.Shell;

/// <summary>Which shell runs a step's <c>run:</c>: its <c>shell:</c>, else the job's and the workflow's <c>defaults.run.shell</c>, else the runner's default.</summary>
internal static class ShellDialects
{
    /// <summary>The dialect of the step's script, or null when it is not a shell script (<c>shell: python</c>, a custom command).</summary>
    public static ShellDialect? For(StepScope scope, string script)
    {
        var shell = scope.Step.Shell ?? DefaultsShell(scope);
        if (shell is not null && !shell.Contains("${{", StringComparison.Ordinal))
        {
            var program = shell.Trim().Split(' ', 2)[0].ToLowerInvariant();
            program = program[(program.LastIndexOfAny(['/', '\\']) + 1)..];
            return program switch
            {
                "bash" or "sh" or "zsh" or "dash" or "ksh" => ShellDialect.Posix,
                "pwsh" or "powershell" or "pwsh.exe" or "powershell.exe" => ShellDialect.PowerShell,
                "cmd" or "cmd.exe" => ShellDialect.Cmd,
                _ => null,
            };
        }

        // no shell named: bash on Linux and macOS runners, pwsh on Windows ones; PowerShell idioms decide when the
        // runner is not known from the file (a matrix, a composite action)
        var runsOn = scope.Job?.RunsOn is YamlScalar label ? label.Value : "";
        if (runsOn.Contains("windows", StringComparison.OrdinalIgnoreCase) || LooksLikePowerShell(script))
        {
            return ShellDialect.PowerShell;
        }

        return ShellDialect.Posix;
    }

    /// <summary>The job's <c>defaults.run.shell</c>, else the workflow's, as written (null when neither sets one).</summary>
    public static string? DefaultsShell(StepScope scope) => DefaultShell(scope.Job?.Node) ?? DefaultShell(scope.Workflow?.Root);

    private static string? DefaultShell(YamlMapping? owner) => owner?.GetMapping("defaults")?.GetMapping("run")?.GetString("shell");

    private static bool LooksLikePowerShell(string script) =>
        script.Contains("$env:", StringComparison.OrdinalIgnoreCase)
        || script.Contains("Out-File", StringComparison.OrdinalIgnoreCase)
        || script.Contains("Add-Content", StringComparison.OrdinalIgnoreCase)
        || script.Contains("Set-Content", StringComparison.OrdinalIgnoreCase)
        || script.Contains("Write-Output", StringComparison.OrdinalIgnoreCase);
}
